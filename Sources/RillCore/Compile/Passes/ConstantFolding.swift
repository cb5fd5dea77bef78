extension Executable {
  /// Computes once, at planning, every primitive whose inputs are all constants (random draws
  /// excepted), so that a run only does the work that depends on feeds and variables.
  func foldConstants(_ instructions: inout [Instruction]) {
    var constants: [Int: Tensor] = [:]
    for index in instructions.indices {
      let instruction = instructions[index]
      switch instruction.step {
      case .constant(let value):
        constants[instruction.output] = value
      case .primitive(.host):
        // Host code runs on every call, for its effects.
        continue
      case .primitive(let primitive):
        let inputs = instruction.inputs.compactMap { constants[$0] }
        guard inputs.count == instruction.inputs.count else { continue }
        let value = primitive.execute(inputs, output: instruction.spec)
        constants[instruction.output] = value
        instructions[index].step = .constant(value)
        instructions[index].inputs = []
      default:
        continue
      }
    }
  }
}
