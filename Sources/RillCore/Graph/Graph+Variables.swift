/// A variable owned by a graph.
struct GraphVariableRecord {
  let variable: Variable
  /// The node of its starting value.
  let initialValue: GraphNode
  /// Where sessions keep its value: the default device when it was created, or `nil` (the
  /// value stays where it was computed) when that was the CPU.
  let device: (any Device)?
}

extension Graph {
  /// A variable of this graph starting at `initialValue`.
  ///
  /// Its value lives in each session that runs the graph, set by ``globalVariablesInitializer()``.
  /// Created inside ``withDevice(_:_:)``, the variable lives on that device in every session:
  /// its starting value is copied there and its updates happen there.
  /// TensorFlow: `tf.Variable` in a graph (placed by `with tf.device(…)`).
  public func variable(_ initialValue: Tensor, name: String = "Variable", trainable: Bool = true)
    -> Variable
  {
    let initial = node(for: initialValue)
    let reference = lock.withLock { ownedVariables.count }
    let id = GraphVariableID(graph: ObjectIdentifier(self), index: reference)
    let read = add(.read(.owned(id)), inputs: [], spec: initialValue.spec, name: name)
    let variable = Variable(
      graph: self, readNode: read, index: reference, name: read.name, trainable: trainable)
    let record = GraphVariableRecord(
      variable: variable, initialValue: initial, device: placement(ExecutionContext.current.device))
    lock.withLock { appendVariable(record) }
    return variable
  }

  /// The device sessions keep the value of the owned variable at `index` on, if it was placed.
  func device(ofVariableAt index: Int) -> (any Device)? {
    lock.withLock { ownedVariables[index].device }
  }

  /// The variable named `name` in the current variable scope: created from `initializer` if it
  /// does not exist, or the existing one if the scope reuses variables.
  ///
  /// ```swift
  /// let w = g.variableScope("layer1") {
  ///   g.getVariable("weights", shape: [784, 10]) { shape, dtype in
  ///     Tensor.randomNormal(shape: shape, standardDeviation: 0.1, dtype: dtype, seed: 0)
  ///   }
  /// }   // "layer1/weights"
  /// ```
  /// - Precondition: the variable does not exist yet unless the scope reuses, and exists if it
  ///   does, with the same shape and dtype. TensorFlow: `tf.compat.v1.get_variable`.
  public func getVariable(
    _ name: String, shape: Shape, dtype: DType = .float32, trainable: Bool = true,
    initializer: (Shape, DType) -> Tensor
  ) -> Variable {
    let fullName = scopePrefix + name
    let existing = lock.withLock { ownedVariables.first { $0.variable.name == fullName }?.variable }
    if reusesVariables {
      guard let existing else {
        fatalError("getVariable: '\(fullName)' does not exist, and the scope reuses variables")
      }
      require(
        existing.shape == shape && existing.dtype == dtype,
        "getVariable: '\(fullName)' exists as \(existing.spec), not \(TensorSpec(dtype: dtype, shape: shape))"
      )
      return existing
    }
    require(
      existing == nil,
      "getVariable: '\(fullName)' already exists; open the scope with reuse: true to share it")
    return variable(initializer(shape, dtype), name: name, trainable: trainable)
  }

  /// Runs `body` in a variable scope: node and variable names get `name/` in front, and with
  /// `reuse`, ``getVariable(_:shape:dtype:trainable:initializer:)`` returns existing variables.
  ///
  /// TensorFlow: `tf.compat.v1.variable_scope`.
  public func variableScope<Result>(
    _ name: String, reuse: Bool = false, _ body: () throws -> Result
  )
    rethrows -> Result
  {
    try withReuse(reuse) { try nameScope(name, body) }
  }

  /// An operation that sets every variable of the graph to its starting value.
  ///
  /// TensorFlow: `tf.compat.v1.global_variables_initializer`.
  public func globalVariablesInitializer() -> Operation {
    let records = lock.withLock { ownedVariables }
    let node = collectingAssignments {
      for record in records { assign(record.variable, nil, tensor(record.initialValue)) }
    }
    return Operation(graph: self, node: node)
  }

  /// The graph's own variables, in order of creation.
  public var variables: [Variable] { lock.withLock { ownedVariables.map(\.variable) } }

  /// The trainable variables the graph owns, then the trainable eager variables it reads (the
  /// weights of layers called on its tensors).
  ///
  /// TensorFlow: `tf.compat.v1.trainable_variables`.
  public var trainableVariables: [Variable] { (variables + capturedVariables).filter(\.trainable) }
}
