extension Executable {
  /// Computes each distinct pure operation once: a later instruction doing the same primitive on
  /// the same inputs (or holding the same constant) is dropped and its readers read the first.
  func eliminateCommonSubexpressions(_ instructions: inout [Instruction]) {
    struct Key: Hashable {
      let primitive: Primitive
      let inputs: [Int]
    }
    var seen: [Key: Int] = [:]
    var constants: [ObjectIdentifier: Int] = [:]
    var replacement: [Int: Int] = [:]
    var kept: [Instruction] = []
    for var instruction in instructions {
      instruction.inputs = instruction.inputs.map { replacement[$0] ?? $0 }
      switch instruction.step {
      case .primitive(.host):
        // Two host calls on one value are two calls (a collective each, say).
        break
      case .primitive(let primitive):
        let key = Key(primitive: primitive, inputs: instruction.inputs)
        if let first = seen[key] {
          replacement[instruction.output] = first
          continue
        }
        seen[key] = instruction.output
      case .constant(let value):
        if let first = constants[ObjectIdentifier(value)] {
          replacement[instruction.output] = first
          continue
        }
        constants[ObjectIdentifier(value)] = instruction.output
      default:
        break
      }
      kept.append(instruction)
    }
    instructions = kept
    redirectFetches(replacement)
  }
}
