extension Graph {
  /// Symbolic gradients: new nodes computing the gradient of `target` with respect to each of
  /// `sources` (placeholders, graph values, or variables the graph reads), built from the same
  /// vector–Jacobian products as ``GradientTape``.
  ///
  /// A source the target does not depend on gets `nil`. TensorFlow: `tf.gradients`.
  ///
  /// - Precondition: `target` belongs to this graph.
  public func gradients(of target: Tensor, wrt sources: [Tensor]) -> [Tensor?] {
    guard let targetNode = target.symbol?.node, target.symbol?.graph === self else {
      fatalError("gradients: the target is not a value of this graph")
    }
    // One tensor object per node, so that cotangents meet where the graph's edges do.
    var tensors: [Int: Tensor] = [:]
    func value(_ node: GraphNode) -> Tensor {
      if let existing = tensors[node.index] { return existing }
      let created = tensor(node)
      tensors[node.index] = created
      return created
    }
    let recorded = lock.withLock { Array(nodes.prefix(targetNode.index + 1)) }
    let entries = recorded.compactMap { node -> TapeEntry? in
      guard case .primitive(let primitive) = node.operation else { return nil }
      return TapeEntry(
        primitive: primitive, inputs: node.inputs.map(value), output: value(node),
        inputNodes: node.inputs.map(\.index), outputNode: node.index)
    }
    let sourceNodes = sources.map { source -> GraphNode? in
      if let variable = source as? Variable, !variable.isSymbolic {
        return capturedRead(of: variable)
      }
      return source.symbol?.graph === self ? source.symbol?.node : nil
    }
    // Graph nodes are numbered in order, so the recorded ones are those below the target's
    // number; a source made after the target cannot reach it.
    let nodeCount = targetNode.index + 1
    let cotangents = nameScope("gradients") {
      backpropagate(
        entries, nodeCount: nodeCount, from: targetNode.index,
        seed: Tensor.ones(shapedLike: value(targetNode)),
        toward: sourceNodes.compactMap { $0.map(\.index) }.filter { $0 < nodeCount })
    }
    return sourceNodes.map { node in
      node.flatMap { $0.index < nodeCount ? cotangents[$0.index] : nil }
    }
  }
}
