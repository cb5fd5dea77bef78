/// A tensor whose value can be replaced in place: the trainable weights of a model.
///
/// A variable is a ``Tensor`` and can be used wherever one is; an op reads the variable's value
/// at the moment it runs. A ``GradientTape`` watches the trainable variables an op reads without
/// being told, so their gradients can be asked for. Updates write into the variable's memory
/// when nothing else refers to it, and copy it first otherwise, so tensors computed from a
/// variable never change afterwards.
///
/// ```swift
/// let w = Variable(Tensor.randomNormal(shape: [784, 10], seed: 0), name: "w")
/// let b = Variable(Tensor.zeros(shape: [10]), name: "b")
/// let tape = GradientTape()
/// let loss = tape.record { square(matmul(x, w) + b - y).mean() }
/// let (dw, db) = tape.gradient(of: loss, wrt: w, b)
/// w.assignSub(0.5 * dw)
/// b.assignSub(0.5 * db)
/// ```
/// TensorFlow: `tf.Variable`.
public final class Variable: Tensor, @unchecked Sendable {
  /// The variable's name, used in messages, checkpoints and TensorBoard.
  public let name: String
  /// Whether optimizers update the variable and tapes watch it automatically.
  public let trainable: Bool
  /// For a variable owned by a graph, its position among the graph's variables.
  let graphIndex: Int?

  /// Creates a variable holding `initialValue`.
  public init(_ initialValue: Tensor, name: String = "Variable", trainable: Bool = true) {
    initialValue.requireConcrete()
    self.name = name
    self.trainable = trainable
    self.graphIndex = nil
    super.init(storage: initialValue.storage, dtype: initialValue.dtype, shape: initialValue.shape)
  }

  /// Creates the symbolic variable of a graph; its value lives in each session.
  init(graph: Graph, readNode: GraphNode, index: Int, name: String, trainable: Bool) {
    self.name = name
    self.trainable = trainable
    self.graphIndex = index
    super.init(graph: graph, node: readNode)
  }

  /// The identity of a variable owned by `graph`.
  func graphVariableID(in graph: Graph) -> GraphVariableID {
    guard let graphIndex, symbol?.graph === graph else {
      fatalError("variable '\(name)' does not belong to this graph")
    }
    return GraphVariableID(graph: ObjectIdentifier(graph), index: graphIndex)
  }

  /// Creates a float32 scalar variable.
  public convenience init(_ value: Double, name: String = "Variable", trainable: Bool = true) {
    self.init(Tensor.scalar(value, dtype: .float32), name: name, trainable: trainable)
  }

  /// Creates a trainable float32 scalar variable from a literal.
  public required convenience init(floatLiteral value: Double) {
    self.init(value)
  }

  /// Creates a trainable int32 scalar variable from a literal.
  public required convenience init(integerLiteral value: Int) {
    self.init(Tensor(integerLiteral: value))
  }

  /// Creates a trainable bool scalar variable from a literal.
  public required convenience init(booleanLiteral value: Bool) {
    self.init(Tensor(booleanLiteral: value))
  }

  /// Creates a trainable variable from nested rows.
  public required convenience init(arrayLiteral elements: TensorLiteral...) {
    self.init(Tensor(literalRows: elements))
  }

  /// The current value, as a tensor that does not change when the variable does.
  ///
  /// Reading the value is an op: tapes record it, so gradients flow through the read.
  public var value: Tensor {
    apply(.reshape(shape), self)
  }

  /// Replaces the value.
  ///
  /// TensorFlow: `Variable.assign`.
  ///
  /// - Precondition: `newValue` has the variable's shape; its dtype is converted.
  public func assign(_ newValue: Tensor) {
    if let graph = graphForUpdate(with: newValue) {
      graph.assign(self, nil, newValue)
      return
    }
    require(
      newValue.shape == shape,
      "assign: a value of shape \(newValue.shape) does not fit variable '\(name)' of shape \(shape)"
    )
    ExecutionContext.current.eagerOperationCount &+= 1
    // A variable keeps its device: a value from elsewhere is copied there.
    write(nil, newValue.converted(to: dtype).copied(to: device))
  }

  /// Adds `delta` (broadcast to the variable's shape) in place.
  ///
  /// TensorFlow: `assign_add`.
  public func assignAdd(_ delta: Tensor) {
    update(.add, delta)
  }

  /// Subtracts `delta` (broadcast to the variable's shape) in place.
  ///
  /// TensorFlow: `assign_sub`.
  public func assignSub(_ delta: Tensor) {
    update(.subtract, delta)
  }

  /// Moves the variable's value to `device`, where later reads and updates happen.
  ///
  /// Tensors read from the variable before keep the old value where it was. TensorFlow places a
  /// variable when it is created (`with tf.device(…)`); PyTorch moves parameters with
  /// `module.to(device)`, as ``to(_:)`` on a model does here.
  ///
  /// - Parameter device: where the value goes.
  /// - Precondition: the variable is concrete (not a variable of a ``Graph``).
  public func move(to device: any Device) {
    requireConcrete()
    storage = Tensor(self).copied(to: device).storage
  }

  /// Takes `value`'s memory as the variable's, without copying: for a compiled update that computed
  /// the new value in a fresh buffer.
  ///
  /// Tensors that hold the old value keep it.
  ///
  /// - Precondition: `value` is concrete, with the variable's dtype and shape.
  func adopt(_ value: Tensor) {
    require(
      value.dtype == dtype && value.shape == shape,
      "Variable '\(name)': cannot adopt a \(value.spec) value as a \(spec) variable")
    storage = value.storage
  }

  /// The graph in which an update must be recorded rather than done: the variable's own graph,
  /// the graph of a symbolic new value, or the function being traced.
  private func graphForUpdate(with value: Tensor) -> Graph? {
    symbol?.graph ?? value.symbol?.graph ?? ExecutionContext.current.tracingGraph
  }

  /// value = function(value, operand), written into the variable's memory when nothing else
  /// holds it.
  private func update(_ function: BinaryFunction, _ operand: Tensor) {
    if let graph = graphForUpdate(with: operand) {
      graph.assign(self, function, operand)
      return
    }
    let converted = operand.converted(to: dtype).copied(to: device)
    let target = trapping(function.outputSpec(spec, converted.spec))
    require(
      target.shape == shape,
      "\(function.name): an update of shape \(operand.shape) does not fit variable '\(name)' of shape \(shape)"
    )
    ExecutionContext.current.eagerOperationCount &+= 1
    write(function, converted)
  }

  /// value = function(value, operand), or value = operand when `function` is `nil`: the update
  /// itself, for an eager update that checked its operand and for a compiled plan's assignment
  /// instruction, whose operand was checked when the plan was made.
  ///
  /// Writes into the variable's memory when nothing else holds it, and into a fresh buffer
  /// otherwise, so that tensors read from the variable keep their values.
  ///
  /// - Precondition: `operand` is concrete, lives on the variable's device, has its dtype, and
  ///   has its shape or one that broadcasts to it (the shape itself when `function` is `nil`).
  func write(_ function: BinaryFunction?, _ operand: Tensor) {
    // Check before taking a view, which itself refers to the storage.
    let unique = isKnownUniquelyReferenced(&storage)
    guard let function else {
      if !unique { storage = freshStorage() }
      device.copy(operand.deviceView, into: deviceView)
      return
    }
    let current = deviceView
    if !unique { storage = freshStorage() }
    device.binary(function, current, operand.deviceView(broadcastTo: shape), into: deviceView)
  }

  /// Uninitialized memory for the variable's value on its device.
  private func freshStorage() -> DeviceBuffer {
    Tensor.uninitialized(dtype: dtype, shape: shape, on: device).storage
  }
}
