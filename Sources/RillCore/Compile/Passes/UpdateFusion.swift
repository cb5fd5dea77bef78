extension Executable {
  /// Merges each variable update `v += chain` or `v -= chain` with the elementwise chain that
  /// computes its operand, when only the update reads the chain: the merged instruction computes
  /// the variable's new value in one pass (the chain, then the addition or subtraction) and the
  /// variable takes that buffer as its storage.
  ///
  /// An optimizer's update then costs one pass over the variable instead of two, and no temporary.
  ///
  /// Runs after ``fuseElementwiseChains(_:roots:)``; single elementwise instructions merge as
  /// one-operation chains.
  func fuseVariableUpdates(_ instructions: inout [Instruction], roots: [Int]) {
    var uses: [Int: Int] = [:]
    for slot in roots { uses[slot, default: 0] += 1 }
    for instruction in instructions {
      for input in instruction.inputs { uses[input, default: 0] += 1 }
    }
    var producers: [Int: Int] = [:]  // output slot → position
    for (position, instruction) in instructions.enumerated() {
      producers[instruction.output] = position
    }
    var merged = Set<Int>()  // positions of chains merged into a later update
    for position in instructions.indices {
      let update = instructions[position]
      guard case .assign(let reference, let function?) = update.step,
        function == .add || function == .subtract, let operand = update.inputs.last,
        uses[operand] == 1, let chainPosition = producers[operand]
      else { continue }
      let chain = instructions[chainPosition]
      guard chain.spec == update.spec, var program = Executable.program(of: chain),
        chain.inputs.allSatisfy({ slot in
          producers[slot].map { instructions[$0].spec.dtype } == chain.spec.dtype
        })
      else { continue }
      // The variable's current value is one more full-size input.
      let fullSizeInputs = chain.inputs.filter { slot in
        (producers[slot].map { instructions[$0].spec.shape.scalarCount } ?? 2) != 1
      }
      guard fullSizeInputs.count + 1 <= 3 else { continue }
      let current = FusedElementwise.Operand.input(chain.inputs.count)
      let value = FusedElementwise.Operand.temporary(program.operations.count - 1)
      program.operations.append(.binary(function, current, value))
      program.inputCount = chain.inputs.count + 1
      instructions[position].step = .fusedUpdate(program, reference)
      // The chain's inputs, then the update's own (which order it after earlier accesses).
      instructions[position].inputs = chain.inputs + update.inputs.dropLast()
      merged.insert(chainPosition)
    }
    guard !merged.isEmpty else { return }
    instructions = instructions.enumerated().filter { !merged.contains($0.offset) }.map(\.element)
  }

  /// The elementwise program an instruction runs: its fused chain, or a one-operation program
  /// for a single float unary or binary primitive.
  private static func program(of instruction: Instruction) -> FusedElementwise? {
    switch instruction.step {
    case .fused(let program):
      return program
    case .primitive(.unary(let function)) where instruction.spec.dtype.isFloatingPoint:
      return FusedElementwise(operations: [.unary(function, .input(0))], inputCount: 1)
    case .primitive(.binary(let function))
    where instruction.spec.dtype.isFloatingPoint && instruction.inputs.count == 2:
      return FusedElementwise(
        operations: [.binary(function, .input(0), .input(1))], inputCount: 2)
    default:
      return nil
    }
  }
}
