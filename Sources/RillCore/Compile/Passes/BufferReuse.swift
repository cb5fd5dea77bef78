extension Executable {
  /// Marks, on each instruction, the values it is the last to read, so that a run drops them at
  /// once: their memory goes back to the pool and the next allocation of that size reuses it
  /// while it is still in cache, and an in-place variable update finds its buffer unshared.
  func planReleases(_ instructions: inout [Instruction], keeping fetched: Set<Int>) {
    var lastUse: [Int: Int] = [:]
    for (position, instruction) in instructions.enumerated() {
      lastUse[instruction.output] = position
      for input in instruction.inputs { lastUse[input] = position }
    }
    for index in instructions.indices { instructions[index].releases = [] }
    for (slot, position) in lastUse where !fetched.contains(slot) {
      instructions[position].releases.append(slot)
    }
  }
}
