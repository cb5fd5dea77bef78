import Foundation

/// Runs parts of a ``Graph``: the nodes that the requested fetches need, with the given feeds,
/// and holds the values of the graph's variables.
///
/// ```swift
/// let session = Session(graph: g)
/// try session.run(g.globalVariablesInitializer())
/// try session.run(train, feeding: [x: inputs, y: targets])
/// let (w, loss) = try session.run(W, totalLoss, feeding: [x: inputs, y: targets])
/// ```
/// Each distinct set of fetches and fed shapes is compiled once (constant folding, common
/// subexpressions, dead code) and then replayed. Errors from the feeds or the session's state
/// are thrown as ``SessionError``s. TensorFlow: `tf.compat.v1.Session`.
public final class Session: VariableStore {
  /// The graph the session runs.
  public let graph: Graph
  private var values: [Int: Tensor] = [:]
  private var plans: [PlanKey: Executable] = [:]
  /// The plan of the latest run and its key: a training loop runs the same fetches with the same
  /// fed shapes again and again, and comparing with the last key is cheaper than hashing it.
  private var lastKey: PlanKey?
  private var lastPlan: Executable?
  private let lock = NSLock()

  /// Creates a session for `graph`, with no variable initialized.
  public init(graph: Graph) {
    self.graph = graph
  }

  // MARK: Running

  /// Computes one fetch.
  ///
  /// - Throws: ``SessionError`` for missing or mismatched feeds, uninitialized variables, and
  ///   operands that do not fit once the fed shapes are known.
  @discardableResult
  public func run(_ fetch: Tensor, feeding feeds: [Placeholder: Tensor] = [:]) throws -> Tensor {
    try run([fetch], feeding: feeds)[0]
  }

  /// Computes several fetches in one run (each node runs once however many fetches need it).
  @discardableResult
  public func run(_ fetches: [Tensor], feeding feeds: [Placeholder: Tensor] = [:]) throws
    -> [Tensor]
  {
    try execute(fetches: fetches, operations: [], feeds: feeds)
  }

  /// Computes fetches given one by one, returned as a tuple.
  ///
  /// ```swift
  /// let (w, b, loss) = try session.run(W, b, totalLoss, feeding: feeds)
  /// ```
  public func run<each Fetch: Tensor>(
    _ fetch: repeat each Fetch, feeding feeds: [Placeholder: Tensor] = [:]
  )
    throws -> (repeat Fetched<each Fetch>)
  {
    var fetches: [Tensor] = []
    repeat fetches.append(each fetch)
    var results = try run(fetches, feeding: feeds)[...]
    func next(_ fetch: Tensor) -> Tensor { results.removeFirst() }
    return (repeat next(each fetch))
  }

  /// Runs an operation (an optimizer's update, the variable initializer) for its effects.
  public func run(_ operation: Operation, feeding feeds: [Placeholder: Tensor] = [:]) throws {
    _ = try execute(fetches: [], operations: [operation], feeds: feeds)
  }

  /// Runs operations for their effects and computes fetches, in one run; the fetches see the
  /// variables as they were before the operations' updates.
  @discardableResult
  public func run(
    _ operations: [Operation], fetching fetches: [Tensor],
    feeding feeds: [Placeholder: Tensor] = [:]
  ) throws -> [Tensor] {
    try execute(fetches: fetches, operations: operations, feeds: feeds)
  }

  // MARK: Planning

  private struct PlanKey: Hashable {
    let fetches: [Int]
    let operations: [Int]
    let feeds: [Int]
    let specs: [TensorSpec]
  }

  private func execute(fetches: [Tensor], operations: [Operation], feeds: [Placeholder: Tensor])
    throws -> [Tensor]
  {
    let fetchNodes = try fetches.map { fetch -> GraphNode in
      guard let symbol = fetch.symbol, symbol.graph === graph else {
        throw SessionError.foreignTensor(name: fetch.symbol?.node.name ?? "a concrete tensor")
      }
      return graph.node(for: fetch)
    }
    for operation in operations where operation.graph !== graph {
      throw SessionError.foreignTensor(name: operation.name)
    }
    let fed = feeds.sorted { ($0.key.symbol?.node.index ?? 0) < ($1.key.symbol?.node.index ?? 0) }
    var feedNodes: [GraphNode] = []
    var feedValues: [Tensor] = []
    for (placeholder, value) in fed {
      guard let node = placeholder.symbol?.node, placeholder.symbol?.graph === graph else {
        throw SessionError.foreignTensor(name: placeholder.name)
      }
      feedNodes.append(node)
      feedValues.append(try checkedFeed(value, for: node))
    }
    let key = PlanKey(
      fetches: fetchNodes.map(\.index), operations: operations.map(\.node.index),
      feeds: feedNodes.map(\.index), specs: feedValues.map(\.spec))
    let plan = try lock.withLock { () throws -> Executable in
      if let lastPlan = self.lastPlan, lastKey == key { return lastPlan }
      let plan =
        try plans[key]
        ?? Executable(
          graph: graph, fetches: fetchNodes, effects: operations.map(\.node), feeds: feedNodes,
          feedSpecs: feedValues.map(\.spec))
      plans[key] = plan
      lastKey = key
      lastPlan = plan
      return plan
    }
    // Fetches come back in host memory, as TensorFlow's are NumPy arrays.
    return try plan.run(feeds: feedValues, store: self).map { $0.copied(to: CPUDevice.shared) }
  }

  /// The fed value, converted if it is a Swift literal, after checking it fits the placeholder.
  private func checkedFeed(_ value: Tensor, for node: GraphNode) throws -> Tensor {
    value.requireConcrete()
    let expected = node.spec
    var fed = value
    if fed.dtype != expected.dtype {
      guard fed.isWeaklyTyped else {
        throw SessionError.feedDTypeMismatch(
          placeholder: node.name, expected: expected.dtype, fed: fed.dtype)
      }
      fed = fed.converted(to: expected.dtype)
    }
    let fits =
      fed.rank == expected.shape.rank
      && zip(fed.shape, expected.shape).allSatisfy { $1 == Shape.unknown || $0 == $1 }
    guard fits else {
      throw SessionError.feedShapeMismatch(
        placeholder: node.name, expected: expected.shape, fed: fed.shape)
    }
    return graph.feedDevice(of: node).map { fed.copied(to: $0) } ?? fed
  }

  // MARK: Variables

  /// The session's value of one of its graph's variables.
  func value(of variable: GraphVariableID, name: String) throws -> Tensor {
    guard let value = lock.withLock({ values[variable.index] }) else {
      throw SessionError.uninitializedVariable(name: name)
    }
    return value
  }

  /// Sets the session's value of one of its graph's variables, on the variable's device if it
  /// was placed on one.
  func setValue(_ value: Tensor, of variable: GraphVariableID) {
    let placed = graph.device(ofVariableAt: variable.index).map { value.copied(to: $0) } ?? value
    lock.withLock { values[variable.index] = placed }
  }
}

/// The type of a value fetched by ``Session/run(_:feeding:)-(repeat each Fetch)``: a tensor.
public typealias Fetched<Fetch: Tensor> = Tensor

extension Tensor {
  /// Computes this symbolic tensor in `session`.
  ///
  /// TensorFlow: `tensor.eval(session=…)`.
  ///
  /// - Throws: ``SessionError`` as ``Session/run(_:feeding:)-1mahh`` does.
  public func eval(in session: Session, feeding feeds: [Placeholder: Tensor] = [:]) throws -> Tensor
  {
    try session.run(self, feeding: feeds)
  }
}
