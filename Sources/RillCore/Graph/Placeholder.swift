/// A graph input whose value is given to each `Session.run` through its feeds.
///
/// ```swift
/// let g = Graph()
/// let x = g.placeholder(.float32, shape: [Shape.unknown, 784], name: "x")
/// let logits = matmul(x, w) + b
/// let value = try Session(graph: g).run(logits, feeding: [x: images])
/// ```
/// A placeholder is a symbolic tensor usable in any op; dimensions given as ``Shape/unknown``
/// take their size from the feed. TensorFlow: `tf.compat.v1.placeholder`.
public final class Placeholder: Tensor, Hashable, @unchecked Sendable {
  /// Two placeholders are equal when they are the same placeholder.
  public static func == (lhs: Placeholder, rhs: Placeholder) -> Bool { lhs === rhs }

  /// Hashes the placeholder's identity.
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

  /// The placeholder's name in its graph.
  public var name: String { symbol?.node.name ?? "" }

  override init(graph: Graph, node: GraphNode) {
    super.init(graph: graph, node: node)
  }

  /// Placeholders are made by a graph, not from literals.
  public required convenience init(integerLiteral value: Int) {
    fatalError("Placeholder: create placeholders with Graph.placeholder(_:shape:name:)")
  }

  /// Placeholders are made by a graph, not from literals.
  public required convenience init(floatLiteral value: Double) {
    fatalError("Placeholder: create placeholders with Graph.placeholder(_:shape:name:)")
  }

  /// Placeholders are made by a graph, not from literals.
  public required convenience init(booleanLiteral value: Bool) {
    fatalError("Placeholder: create placeholders with Graph.placeholder(_:shape:name:)")
  }

  /// Placeholders are made by a graph, not from literals.
  public required convenience init(arrayLiteral elements: TensorLiteral...) {
    fatalError("Placeholder: create placeholders with Graph.placeholder(_:shape:name:)")
  }
}
