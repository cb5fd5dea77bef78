extension Executable {
  /// Fuses chains of float elementwise primitives into single instructions that make one pass
  /// over memory (see ``FusedElementwise``).
  ///
  /// An instruction joins the chain that reads it when it is a unary or binary float primitive
  /// whose value only that chain reads (not a fetch or an effect) and has the chain's shape and
  /// dtype; a chain keeps at most three full-size inputs. The chain runs where its last
  /// instruction was, after all of its inputs.
  func fuseElementwiseChains(_ instructions: inout [Instruction], roots: [Int]) {
    var uses: [Int: Int] = [:]
    for slot in roots { uses[slot, default: 0] += 1 }
    for instruction in instructions {
      for input in instruction.inputs { uses[input, default: 0] += 1 }
    }
    var specs: [Int: TensorSpec] = [:]
    for instruction in instructions { specs[instruction.output] = instruction.spec }

    var chains: [Int: ElementwiseChain] = [:]  // by output slot
    var absorbed = Set<Int>()  // positions of instructions that joined a later chain

    for (position, instruction) in instructions.enumerated() {
      guard case .primitive(let primitive) = instruction.step,
        Executable.isFusible(primitive, instruction, specs)
      else { continue }
      // Absorb the producers only this instruction reads, unless that needs too many inputs.
      var producers: [Int: ElementwiseChain] = [:]
      for input in instruction.inputs where uses[input] == 1 && specs[input] == instruction.spec {
        producers[input] = chains[input]
      }
      var chain = ElementwiseChain(
        appending: primitive, inputs: instruction.inputs, producers: producers, position: position)
      if chain.fullSizeInputCount(specs) > ElementwiseChain.maximumFullSizeInputs {
        producers = [:]
        chain = ElementwiseChain(
          appending: primitive, inputs: instruction.inputs, producers: [:], position: position)
      }
      for (slot, producer) in producers {
        absorbed.insert(producer.position)
        chains[slot] = nil
      }
      chains[instruction.output] = chain
    }

    var fused: [Int: ElementwiseChain] = [:]
    for chain in chains.values where chain.program.operations.count > 1 {
      fused[chain.position] = chain
    }
    guard !fused.isEmpty else { return }
    var result: [Instruction] = []
    for (position, instruction) in instructions.enumerated() where !absorbed.contains(position) {
      guard let chain = fused[position] else {
        result.append(instruction)
        continue
      }
      var replaced = instruction
      replaced.step = .fused(chain.program)
      replaced.inputs = chain.inputs
      result.append(replaced)
    }
    instructions = result
  }

  /// Whether an instruction may join a chain: a unary or binary function on floats of its
  /// output's dtype.
  private static func isFusible(
    _ primitive: Primitive, _ instruction: Instruction, _ specs: [Int: TensorSpec]
  ) -> Bool {
    switch primitive {
    case .unary, .binary: break
    default: return false
    }
    let dtype = instruction.spec.dtype
    guard dtype == .float32 || dtype == .float64 else { return false }
    return instruction.inputs.allSatisfy { specs[$0]?.dtype == dtype }
  }
}

/// A chain of elementwise instructions being fused: its program, its input slots, and the
/// position of its last instruction.
private struct ElementwiseChain {
  /// The most inputs of more than one element a chain may have (the CPU loop gives each one a
  /// lane of its span layout, beside the output).
  static let maximumFullSizeInputs = 3

  var program = FusedElementwise()
  var inputs: [Int] = []
  let position: Int

  /// The chain ending in `primitive` applied to `inputs`, with the chains in `producers` (by
  /// the slot they compute) inlined where the primitive reads them.
  init(
    appending primitive: Primitive, inputs operandSlots: [Int], producers: [Int: ElementwiseChain],
    position: Int
  ) {
    self.position = position
    let operands = operandSlots.map { slot in producers[slot].map { inline($0) } ?? input(slot) }
    switch primitive {
    case .unary(let function): program.operations.append(.unary(function, operands[0]))
    case .binary(let function):
      program.operations.append(.binary(function, operands[0], operands[1]))
    default: fatalError("elementwise fusion: \(primitive.name) is not elementwise")
    }
  }

  /// How many inputs have more than one element.
  func fullSizeInputCount(_ specs: [Int: TensorSpec]) -> Int {
    inputs.filter { (specs[$0]?.shape.scalarCount ?? 2) != 1 }.count
  }

  /// The operand reading `slot`, added to the inputs if it is new.
  private mutating func input(_ slot: Int) -> FusedElementwise.Operand {
    if let index = inputs.firstIndex(of: slot) { return .input(index) }
    inputs.append(slot)
    program.inputCount = inputs.count
    return .input(inputs.count - 1)
  }

  /// Appends another chain's operations and returns the operand of its value.
  private mutating func inline(_ producer: ElementwiseChain) -> FusedElementwise.Operand {
    let inputMap = producer.inputs.map { input($0) }
    let offset = program.operations.count
    func remap(_ operand: FusedElementwise.Operand) -> FusedElementwise.Operand {
      switch operand {
      case .input(let index): inputMap[index]
      case .temporary(let index): .temporary(index + offset)
      }
    }
    for operation in producer.program.operations {
      switch operation {
      case .unary(let function, let x): program.operations.append(.unary(function, remap(x)))
      case .binary(let function, let a, let b):
        program.operations.append(.binary(function, remap(a), remap(b)))
      }
    }
    return .temporary(program.operations.count - 1)
  }
}
