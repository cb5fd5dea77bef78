/// A graph operation run for its effects rather than a value: the update `minimize` returns,
/// the variable initializer, a group of both.
///
/// ```swift
/// let train = GradientDescentOptimizer(learningRate: 0.01).minimize(loss)
/// try session.run(train, feeding: [x: inputs, y: targets])
/// ```
/// TensorFlow: `tf.Operation`.
public struct Operation: CustomStringConvertible {
  let graph: Graph
  let node: GraphNode

  /// The operation's name in its graph.
  public var name: String { node.name }

  /// `Operation(name)`.
  public var description: String { "Operation(\(node.name))" }
}

extension Operation {
  /// Runs the operation in `session`.
  ///
  /// TensorFlow: `operation.run(feed_dict=…)`.
  ///
  /// - Throws: ``SessionError`` as ``Session/run(_:feeding:)-5r4ns`` does.
  public func run(in session: Session, feeding feeds: [Placeholder: Tensor] = [:]) throws {
    try session.run(self, feeding: feeds)
  }
}
