/// The cotangent of every tensor on a path from the sources to `target`, found by running the
/// vector–Jacobian products of the recorded ops backward (reverse-mode differentiation).
///
/// Tensors are identified by object; `entries` are in the order the ops ran (a tape's record,
/// or a graph's nodes). The products are ordinary ops, so this works on concrete and symbolic
/// tensors alike, and a tape recording around it differentiates the result again.
func backpropagate(
  _ entries: [TapeEntry], from target: Tensor, seed: Tensor, toward sources: Set<ObjectIdentifier>
) -> [ObjectIdentifier: Tensor] {
  // Forward: which recorded outputs depend on a source.
  var dependsOnSource = sources
  var relevant = [Bool](repeating: false, count: entries.count)
  for (index, entry) in entries.enumerated()
  where entry.inputs.contains(where: { dependsOnSource.contains(ObjectIdentifier($0)) }) {
    relevant[index] = true
    dependsOnSource.insert(ObjectIdentifier(entry.output))
  }
  var cotangents: [ObjectIdentifier: Tensor] = [:]
  guard dependsOnSource.contains(ObjectIdentifier(target)) else { return cotangents }
  cotangents[ObjectIdentifier(target)] = seed
  // Backward: each relevant op passes its output's cotangent on to the inputs that need it.
  for index in entries.indices.reversed() where relevant[index] {
    let entry = entries[index]
    guard let cotangent = cotangents[ObjectIdentifier(entry.output)] else { continue }
    let needs = entry.inputs.map {
      $0.dtype.isFloatingPoint && dependsOnSource.contains(ObjectIdentifier($0))
    }
    let inputCotangents = entry.primitive.vjp(
      inputs: entry.inputs, output: entry.output, cotangent: cotangent, needs: needs)
    for (input, inputCotangent) in zip(entry.inputs, inputCotangents) {
      guard let inputCotangent else { continue }
      let id = ObjectIdentifier(input)
      cotangents[id] = cotangents[id].map { $0 + inputCotangent } ?? inputCotangent
    }
  }
  return cotangents
}
