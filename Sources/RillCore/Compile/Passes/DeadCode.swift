extension Executable {
  /// Keeps only the instructions whose values the fetches or the effects (variable updates)
  /// need.
  func removeDeadCode(_ instructions: inout [Instruction], roots: [Int]) {
    var live = Set(roots)
    for instruction in instructions.reversed() where live.contains(instruction.output) {
      live.formUnion(instruction.inputs)
    }
    instructions.removeAll { !live.contains($0.output) }
  }
}
