extension GradientTape {
  /// The gradients of `target` with respect to each of `sources`.
  ///
  /// The gradient with respect to a source has the source's shape; for a variable it sums over
  /// every recorded read of the variable. A source the target does not depend on (or one of an
  /// integer or bool dtype) gets `nil`, or zeros when `unconnectedGradients` is `.zero`.
  ///
  /// - Parameters:
  ///   - target: the tensor to differentiate, usually a scalar loss.
  ///   - sources: watched tensors or variables.
  ///   - outputGradient: the cotangent of `target` (its shape); ones when `nil`, which gives the
  ///     gradient of the sum of `target`'s elements.
  ///   - unconnectedGradients: what to return for sources the target does not depend on.
  /// - Returns: one gradient per source, in order, each of its source's shape.
  /// - Precondition: a tape that is not persistent has not computed a gradient before.
  /// TensorFlow: `tape.gradient(target, sources, output_gradients, unconnected_gradients)`.
  public func gradient(
    of target: Tensor, wrt sources: [Tensor], outputGradient: Tensor? = nil,
    unconnectedGradients: UnconnectedGradients = .none
  ) -> [Tensor?] {
    require(
      !consumed,
      "GradientTape: gradient was already computed with this tape; create it with persistent: true to compute several"
    )
    if let outputGradient {
      require(
        outputGradient.shape == target.shape,
        "GradientTape: the output gradient's shape \(outputGradient.shape) differs from the target's \(target.shape)"
      )
    }
    let wasPaused = paused
    paused = true
    defer {
      paused = wasPaused
      if !persistent {
        consumed = true
        releaseRecording()
      }
    }
    var recorded = entries
    var nodeCount = self.nodeCount
    let sourceNodes = sources.map { source -> [Int] in
      let nodes = self.sourceNodes(of: source)
      if !nodes.isEmpty || source is Variable { return nodes }
      // A tensor the tape does not follow still gets the cotangents of the recorded ops that
      // read it: give it a node for this computation.
      let node = nodeCount
      nodeCount += 1
      for index in recorded.indices
      where recorded[index].inputs.contains(where: { $0 === source }) {
        recorded[index] = recorded[index].reading(source, as: node)
      }
      return [node]
    }
    let targetNode =
      nodes[ObjectIdentifier(target)]
      ?? zip(sources, sourceNodes).first(where: { $0.0 === target && !($0.0 is Variable) })?.1[0]
    guard let targetNode else {
      return sources.map { unconnectedGradients == .zero ? Tensor.zeros(shapedLike: $0) : nil }
    }
    let cotangents = backpropagate(
      recorded, nodeCount: nodeCount, from: targetNode,
      seed: outputGradient ?? Tensor.ones(shapedLike: target),
      toward: Array(sourceNodes.joined()))
    return zip(sources, sourceNodes).map { source, nodes in
      let parts = nodes.compactMap { cotangents[$0] }
      if let first = parts.first {
        return parts.dropFirst().reduce(first, +)
      }
      return unconnectedGradients == .zero ? Tensor.zeros(shapedLike: source) : nil
    }
  }

  /// The gradient of `target` with respect to one source; zeros if the target does not depend
  /// on it.
  ///
  /// ```swift
  /// let dx = tape.gradient(of: y, wrt: x)
  /// ```
  public func gradient(of target: Tensor, wrt source: Tensor) -> Tensor {
    gradient(of: target, wrt: [source], unconnectedGradients: .zero)[0]
      ?? Tensor.zeros(shapedLike: source)
  }

  /// The gradients of `target` with respect to several sources, as a tuple with one tensor per
  /// source; a source the target does not depend on gets zeros.
  ///
  /// ```swift
  /// let (dm, db) = tape.gradient(of: loss, wrt: m, b)
  /// ```
  public func gradient<each Source: Tensor>(of target: Tensor, wrt source: repeat each Source)
    -> (repeat Gradient<each Source>)
  {
    var sources: [Tensor] = []
    repeat sources.append(each source)
    var gradients = gradient(of: target, wrt: sources, unconnectedGradients: .zero)[...]
    func next(_ source: Tensor) -> Tensor {
      gradients.removeFirst() ?? Tensor.zeros(shapedLike: source)
    }
    return (repeat next(each source))
  }

  /// Drops everything a non-persistent tape recorded once its gradient is computed, so that
  /// variables it read can be updated in place.
  private func releaseRecording() {
    entries = []
    nodes = [:]
    nodeCount = 0
    watchedTensors = []
    variableReads = variableReads.map { _ in [] }
  }
}

/// The value of `body` and its gradients with respect to `sources` (tensors or variables),
/// unconnected sources getting zeros.
///
/// ```swift
/// let (loss, gradients) = valueWithGradient(at: [w, b]) { square(matmul(x, w) + b - y).mean() }
/// ```
public func valueWithGradient(at sources: [Tensor], of body: () -> Tensor) -> (
  value: Tensor, gradients: [Tensor]
) {
  let tape = GradientTape()
  for source in sources { tape.watch(source) }
  let value = tape.record(body)
  let gradients = tape.gradient(of: value, wrt: sources, unconnectedGradients: .zero)
  return (value, zip(sources, gradients).map { $1 ?? Tensor.zeros(shapedLike: $0) })
}

/// The type of the gradient with respect to a tensor or variable: a tensor.
public typealias Gradient<Source: Tensor> = Tensor
