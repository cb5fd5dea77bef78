/// The cotangent of every node on a path from the sources to `target`, found by running the
/// vector–Jacobian products of the recorded ops backward (reverse-mode differentiation).
///
/// Values are numbered nodes below `nodeCount` (a tape's tracked tensors, or a graph's nodes);
/// each entry names the nodes of its inputs (−1 for an input that is not followed) and of its
/// output, and `entries` are in the order the ops ran. Working by node number keeps hashing out
/// of the backward pass. The products are ordinary ops, so this works on concrete and symbolic
/// tensors alike, and a tape recording around it differentiates the result again.
///
/// - Returns: per node, its cotangent, or `nil` where the target does not depend on it.
func backpropagate(
  _ entries: [TapeEntry], nodeCount: Int, from target: Int, seed: Tensor, toward sources: [Int]
) -> [Tensor?] {
  // Forward: which nodes depend on a source.
  var dependsOnSource = [Bool](repeating: false, count: nodeCount)
  for source in sources { dependsOnSource[source] = true }
  var relevant = [Bool](repeating: false, count: entries.count)
  for (index, entry) in entries.enumerated()
  where entry.inputNodes.contains(where: { $0 >= 0 && dependsOnSource[$0] }) {
    relevant[index] = true
    dependsOnSource[entry.outputNode] = true
  }
  var cotangents = [Tensor?](repeating: nil, count: nodeCount)
  guard dependsOnSource[target] else { return cotangents }
  cotangents[target] = seed
  // Backward: each relevant op passes its output's cotangent on to the inputs that need it.
  for index in entries.indices.reversed() where relevant[index] {
    let entry = entries[index]
    guard let cotangent = cotangents[entry.outputNode] else { continue }
    let needs = zip(entry.inputs, entry.inputNodes).map { input, node in
      input.dtype.isFloatingPoint && node >= 0 && dependsOnSource[node]
    }
    let inputCotangents = entry.primitive.vjp(
      inputs: entry.inputs, output: entry.output, cotangent: cotangent, needs: needs)
    for (node, inputCotangent) in zip(entry.inputNodes, inputCotangents) {
      guard let inputCotangent else { continue }
      cotangents[node] = cotangents[node].map { $0 + inputCotangent } ?? inputCotangent
    }
  }
  return cotangents
}
