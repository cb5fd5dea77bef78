import Foundation

/// A dataflow graph: ops on placeholders, constants and variables recorded as nodes, to be run
/// later, in parts, by a ``Session`` — the TensorFlow 1 way of programming.
///
/// Any op given a symbolic tensor (a placeholder, a graph variable, or the result of another
/// such op) adds a node instead of computing, so the same ops, layers, losses and optimizers
/// build graphs and compute eagerly.
///
/// ```swift
/// let g = Graph()
/// let W = g.variable([0.3] as Tensor, name: "W")
/// let b = g.variable([-0.3] as Tensor, name: "b")
/// let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
/// let y = g.placeholder(.float32, shape: [Shape.unknown], name: "y")
/// let loss = square(W * x + b - y).sum()
/// let train = GradientDescentOptimizer(learningRate: 0.01).minimize(loss)
/// let session = Session(graph: g)
/// try session.run(g.globalVariablesInitializer())
/// for _ in 0..<1000 { try session.run(train, feeding: [x: [1, 2, 3, 4], y: [0, -1, -2, -3]]) }
/// ```
/// TensorFlow: `tf.Graph`.
public final class Graph: @unchecked Sendable {
  /// The nodes, in the order they were added (a topological order).
  private(set) var nodes: [GraphNode] = []
  /// The variables the graph owns.
  private(set) var ownedVariables: [GraphVariableRecord] = []
  /// Whether reads and updates of variables happen in program order (the graph of a compiled
  /// function) or every read sees the value at the start of a run (a TensorFlow 1 graph).
  let ordersVariableAccess: Bool

  private var namesInUse: [String: Int] = [:]
  private var scopes: [String] = []
  private var constants: [ObjectIdentifier: (Tensor, GraphNode)] = [:]
  private var readsOfCaptured: [ObjectIdentifier: (Variable, GraphNode)] = [:]
  private var latestValues: [VariableReference: GraphNode] = [:]
  private var collectors: [[GraphNode]] = []
  private var reuseScopes: [Bool] = []
  private var orderingScopes = 0
  /// The device each placed placeholder's feeds are copied to, by node index.
  private var feedDevices: [Int: any Device] = [:]
  /// Every assignment node, in order: the effects a compiled function runs on each call.
  private(set) var assignments: [GraphNode] = []
  let lock = NSLock()

  /// Creates an empty graph.
  public init() {
    ordersVariableAccess = false
  }

  /// Creates the graph of a compiled function, where variable accesses keep program order.
  init(orderingVariableAccess: Bool) {
    ordersVariableAccess = orderingVariableAccess
  }

  // MARK: Nodes

  /// Adds a node and returns it.
  func add(_ operation: NodeOperation, inputs: [GraphNode], spec: TensorSpec, name: String? = nil)
    -> GraphNode
  {
    lock.lock()
    defer { lock.unlock() }
    let node = GraphNode(
      index: nodes.count, operation: operation, inputs: inputs, spec: spec,
      name: uniqueName(name ?? defaultName(operation)))
    nodes.append(node)
    if case .assign = operation {
      assignments.append(node)
      if !collectors.isEmpty { collectors[collectors.count - 1].append(node) }
    }
    return node
  }

  /// The number of nodes.
  public var nodeCount: Int { lock.withLock { nodes.count } }

  /// The symbolic tensor of a node.
  func tensor(_ node: GraphNode) -> Tensor {
    Tensor(graph: self, node: node)
  }

  /// The node standing for `tensor` in this graph: its own node, the current value of a
  /// variable, or a constant holding a concrete tensor.
  func node(for tensor: Tensor) -> GraphNode {
    if let symbol = tensor.symbol {
      guard symbol.graph === self else {
        fatalError(
          "'\(symbol.node.name)' belongs to another graph; ops cannot mix tensors of two graphs")
      }
      if let variable = tensor as? Variable, ordersAccessNow {
        return latestValue(of: .owned(variable.graphVariableID(in: self)), variable: variable)
      }
      return symbol.node
    }
    if let variable = tensor as? Variable {
      return latestValue(of: .captured(variable), variable: variable)
    }
    let id = ObjectIdentifier(tensor)
    if let (_, node) = lock.withLock({ constants[id] }) { return node }
    let node = add(.constant(tensor), inputs: [], spec: tensor.spec, name: "Const")
    lock.withLock { constants[id] = (tensor, node) }
    return node
  }

  /// Whether variable accesses keep program order now: always in a compiled function's graph,
  /// and while ``recordingUpdates(_:)`` records an update (whose later steps read the values its
  /// earlier steps assigned, as in eager code).
  private var ordersAccessNow: Bool {
    ordersVariableAccess || lock.withLock { orderingScopes > 0 }
  }

  /// The node giving a variable's value to the ops that read it next: the last assignment to it
  /// while accesses keep program order, or else a read of its stored value — one read per
  /// variable in a TensorFlow 1 graph, where every read sees the value at the start of a run.
  private func latestValue(of reference: VariableReference, variable: Variable) -> GraphNode {
    let ordering = ordersAccessNow
    if ordering, let latest = lock.withLock({ latestValues[reference] }) { return latest }
    switch reference {
    case .owned:
      if let read = variable.symbol?.node { return read }
    case .captured(let captured):
      if !ordersVariableAccess,
        let (_, read) = lock.withLock({ readsOfCaptured[ObjectIdentifier(captured)] })
      {
        return read
      }
    }
    let read = add(.read(reference), inputs: [], spec: variable.spec, name: "\(variable.name)/read")
    lock.withLock {
      if ordersVariableAccess { latestValues[reference] = read }
      if case .captured(let captured) = reference {
        readsOfCaptured[ObjectIdentifier(captured)] = (captured, read)
      }
    }
    return read
  }

  /// The node reading a captured eager variable, if the graph reads it.
  func capturedRead(of variable: Variable) -> GraphNode? {
    lock.withLock { readsOfCaptured[ObjectIdentifier(variable)]?.1 }
  }

  /// Records `variable = function(variable, value)` (or `variable = value`) and returns the
  /// assignment's node, whose value is the variable's new value.
  @discardableResult
  func assign(_ variable: Variable, _ function: BinaryFunction?, _ value: Tensor) -> GraphNode {
    let reference: VariableReference =
      variable.isSymbolic
      ? .owned(variable.graphVariableID(in: self)) : .captured(variable)
    let operand = node(for: value.converted(to: variable.dtype))
    var inputs = [operand]
    if function != nil {
      // An update reads the value it changes.
      inputs.insert(latestValue(of: reference, variable: variable), at: 0)
    }
    let operation = NodeOperation.assign(reference, function)
    let node = add(
      operation, inputs: inputs, spec: variable.spec,
      name: "\(variable.name)/\(GraphNode.typeName(of: operation))")
    if ordersAccessNow { lock.withLock { latestValues[reference] = node } }
    return node
  }

  /// Runs `body` and returns a node grouping every assignment it recorded (the update an
  /// optimizer's `minimize` returns).
  func collectingAssignments(_ body: () throws -> Void) rethrows -> GraphNode {
    lock.withLock { collectors.append([]) }
    defer { _ = lock.withLock { collectors.removeLast() } }
    try body()
    let collected = lock.withLock { collectors[collectors.count - 1] }
    return add(.group, inputs: collected, spec: TensorSpec(dtype: .bool, shape: []), name: "group")
  }

  /// Runs `body` — an optimizer's update, say — recording in this graph the variable updates it
  /// makes, and returns an operation that makes them all.
  ///
  /// Ops in `body` that read eager variables (an optimizer's step count and learning rate) become
  /// nodes too, so they read the values the variables have when a session runs the operation.
  /// TensorFlow: `tf.group` of the updates.
  public func recordingUpdates(_ body: () throws -> Void) rethrows -> Operation {
    let context = ExecutionContext.current
    let saved = context.tracingGraph
    context.tracingGraph = self
    lock.withLock { orderingScopes += 1 }
    defer {
      context.tracingGraph = saved
      lock.withLock {
        orderingScopes -= 1
        // Outside the update, reads see the values at the start of a run again.
        if orderingScopes == 0 && !ordersVariableAccess { latestValues = [:] }
      }
    }
    return Operation(graph: self, node: try collectingAssignments(body))
  }

  /// The eager variables the graph reads, in the order of their first read.
  var capturedVariables: [Variable] {
    lock.withLock { readsOfCaptured.values.sorted { $0.1.index < $1.1.index }.map(\.0) }
  }

  // MARK: Variables

  /// Adds a variable the graph owns (with the lock held).
  func appendVariable(_ record: GraphVariableRecord) {
    ownedVariables.append(record)
  }

  /// Whether the innermost variable scope reuses variables.
  var reusesVariables: Bool { lock.withLock { reuseScopes.last ?? false } }

  /// Runs `body` in a scope that does or does not reuse variables.
  func withReuse<Result>(_ reuse: Bool, _ body: () throws -> Result) rethrows -> Result {
    lock.withLock { reuseScopes.append(reuse) }
    defer { _ = lock.withLock { reuseScopes.removeLast() } }
    return try body()
  }

  // MARK: Names

  /// Runs `body` with `name/` prefixed to the names of the nodes it adds.
  ///
  /// TensorFlow: `tf.name_scope`.
  public func nameScope<Result>(_ name: String, _ body: () throws -> Result) rethrows -> Result {
    lock.withLock { scopes.append(name) }
    defer { _ = lock.withLock { scopes.removeLast() } }
    return try body()
  }

  /// The current scope prefix, such as `HiddenLayer/`.
  var scopePrefix: String {
    lock.withLock { scopes.isEmpty ? "" : scopes.joined(separator: "/") + "/" }
  }

  /// `base` in the current scope, with `_1`, `_2` … added if the name is taken.
  private func uniqueName(_ base: String) -> String {
    let scoped = (scopes.isEmpty ? "" : scopes.joined(separator: "/") + "/") + base
    let count = namesInUse[scoped, default: 0]
    namesInUse[scoped] = count + 1
    return count == 0 ? scoped : "\(scoped)_\(count)"
  }

  private func defaultName(_ operation: NodeOperation) -> String {
    switch operation {
    case .primitive(let primitive): return primitive.name
    case .placeholder: return "Placeholder"
    case .constant: return "Const"
    case .stopGradient: return "StopGradient"
    case .read: return "read"
    case .assign: return "Assign"
    case .group: return "group"
    }
  }

  // MARK: Inputs

  /// A value to be fed to each run, of the given dtype and shape (dimensions may be
  /// ``Shape/unknown``).
  ///
  /// Created inside ``withDevice(_:_:)``, the placeholder's feeds are copied to that device
  /// when a session runs.
  ///
  /// TensorFlow: `tf.compat.v1.placeholder`.
  public func placeholder(_ dtype: DType, shape: Shape, name: String = "Placeholder") -> Placeholder
  {
    let node = add(
      .placeholder, inputs: [], spec: TensorSpec(dtype: dtype, shape: shape), name: name)
    if let device = placement(ExecutionContext.current.device) {
      lock.withLock { feedDevices[node.index] = device }
    }
    return Placeholder(graph: self, node: node)
  }

  /// The device the feeds of a placeholder go to, if it was placed.
  func feedDevice(of placeholder: GraphNode) -> (any Device)? {
    lock.withLock { feedDevices[placeholder.index] }
  }

  /// Where a placeholder or variable made with `device` as the default device is placed: there,
  /// unless it is the CPU, where values are left on whatever device computes them.
  func placement(_ device: any Device) -> (any Device)? {
    device === CPUDevice.shared ? nil : device
  }

  /// A constant node holding `value`.
  ///
  /// TensorFlow: `tf.constant` in a graph.
  public func constant(_ value: Tensor, name: String = "Const") -> Tensor {
    value.requireConcrete()
    return tensor(add(.constant(value), inputs: [], spec: value.spec, name: name))
  }
}

extension NSLock {
  /// Runs `body` while holding the lock.
  @inline(__always)
  func withLock<T>(_ body: () throws -> T) rethrows -> T {
    lock()
    defer { unlock() }
    return try body()
  }
}
