import RillCore

/// The base of every optimizer: it walks the variables, keeps each one's slot variables (moment
/// estimates, accumulators), applies gradient clipping and weight decay, counts steps, and asks
/// the subclass for the update of one variable.
///
/// ```swift
/// let optimizer = Adam(learningRate: 1e-3)
/// let tape = GradientTape()
/// let loss = tape.record { lossFunction(labels, model(images)) }
/// optimizer.apply(gradients: tape.gradient(of: loss, wrt: model.trainableVariables),
///                 to: model.trainableVariables)
/// ```
/// Updates follow Keras 3's rules and write into the variables' memory. A subclass overrides
/// ``makeSlots(for:)`` and ``update(_:gradient:slots:learningRate:step:)``.
open class Optimizer {
  /// The number of steps applied so far (an int64 scalar variable, as Keras's `iterations`).
  public let iterations: Variable
  /// A schedule that gives the learning rate for each step, or `nil` for a constant rate.
  public var schedule: (any LearningRateSchedule)?
  /// Clips every gradient element to [−clipValue, clipValue].
  ///
  /// Keras: `clipvalue`.
  public var clipValue: Double?
  /// Rescales each gradient whose L2 norm exceeds this to that norm.
  ///
  /// Keras: `clipnorm`.
  public var clipNorm: Double?
  /// Rescales all gradients together when their joint L2 norm exceeds this.
  ///
  /// Keras: `global_clipnorm`.
  public var globalClipNorm: Double?
  /// Decoupled weight decay: each step first subtracts learningRate · weightDecay · variable.
  ///
  /// Keras: `weight_decay`.
  public var weightDecay: Double?

  /// The constant learning rate, held in a variable so that compiled steps read its current
  /// value and callbacks can change it between steps.
  let learningRateVariable: Variable
  private var slotsByVariable: [ObjectIdentifier: [Variable]] = [:]

  /// Creates an optimizer with a constant learning rate.
  public init(learningRate: Double) {
    iterations = Variable(
      Tensor.zeros(shape: [], dtype: .int64), name: "iteration", trainable: false)
    learningRateVariable = Variable(learningRate, name: "learning_rate", trainable: false)
  }

  /// Creates an optimizer whose learning rate follows `schedule`.
  public convenience init(schedule: any LearningRateSchedule) {
    self.init(learningRate: 0)
    self.schedule = schedule
  }

  /// The constant learning rate (ignored while a ``schedule`` is set).
  public var learningRate: Double {
    get { learningRateVariable.item() }
    set { learningRateVariable.assign(Tensor(newValue, dtype: .float32)) }
  }

  /// The learning rate of the next step, from the schedule or the constant.
  public var currentLearningRate: Tensor {
    if let schedule { return schedule(iterations.cast(to: .float32)) }
    return learningRateVariable.value
  }

  /// Applies one step: updates each variable with its gradient.
  ///
  /// Variables whose gradient is `nil` are left as they are. Keras:
  /// `optimizer.apply_gradients(zip(gradients, variables))`.
  ///
  /// - Precondition: there is one gradient per variable, each of its variable's shape.
  public func apply(gradients: [Tensor?], to variables: [Variable]) {
    guard gradients.count == variables.count else {
      fatalError("\(name): \(gradients.count) gradients for \(variables.count) variables")
    }
    let pairs = zip(gradients, variables).compactMap { gradient, variable in
      gradient.map { (gradient: $0, variable: variable) }
    }
    for (gradient, variable) in pairs where gradient.shape != variable.shape {
      fatalError(
        "\(name): the gradient of '\(variable.name)' has shape \(gradient.shape), not \(variable.shape)"
      )
    }
    let clipped = clip(pairs.map(\.gradient))
    let learningRate = currentLearningRate
    let step = iterations.cast(to: .float32) + 1
    for ((_, variable), gradient) in zip(pairs, clipped) {
      if let weightDecay, weightDecay != 0 {
        variable.assignSub(variable * (learningRate * weightDecay))
      }
      update(
        variable, gradient: gradient, slots: slots(for: variable), learningRate: learningRate,
        step: step)
    }
    iterations.assignAdd(1)
  }

  /// The slot variables of `variable`, created on first use: eager variables with concrete
  /// starting values (even while a function is traced), or for a variable of a ``Graph``,
  /// variables of that graph, which its initializer sets.
  public func slots(for variable: Variable) -> [Variable] {
    if let existing = slotsByVariable[ObjectIdentifier(variable)] { return existing }
    let created = initScope { () -> [Variable] in
      let slots = makeSlots(for: variable)
      guard let graph = variable.graph else {
        // Slots live where their variable does.
        for slot in slots { slot.move(to: variable.device) }
        return slots
      }
      return slots.map { graph.variable($0.value, name: $0.name, trainable: false) }
    }
    slotsByVariable[ObjectIdentifier(variable)] = created
    return created
  }

  /// Moves the slot variables created so far, with the step counter and the learning rate, to
  /// `device` (see ``Layer/to(_:)``).
  func moveState(to device: any Device) {
    for slot in slotsByVariable.values.joined() where !slot.isSymbolic { slot.move(to: device) }
    iterations.move(to: device)
    learningRateVariable.move(to: device)
  }

  /// Adds to the loss's graph the update that takes one step down its gradient, and returns it for
  /// a ``Session`` to run.
  ///
  /// TensorFlow 1: `optimizer.minimize(loss)`.
  ///
  /// ```swift
  /// let train = GradientDescentOptimizer(learningRate: 0.01).minimize(loss)
  /// try session.run(g.globalVariablesInitializer())
  /// for _ in 0..<1000 { try session.run(train, feeding: [x: xs, y: ys]) }
  /// ```
  /// - Parameters:
  ///   - loss: the scalar to minimize, a value of a graph.
  ///   - variables: the variables to train; by default the graph's ``Graph/trainableVariables``.
  /// - Returns: the operation that applies one step when a session runs it.
  /// - Precondition: `loss` is a value of a graph (eager code uses ``GradientTape`` and
  ///   ``apply(gradients:to:)``).
  public func minimize(_ loss: Tensor, variables: [Variable]? = nil) -> RillCore.Operation {
    guard let graph = loss.graph else {
      fatalError(
        "\(name).minimize: the loss is not a graph value; eager code records it with a GradientTape and calls apply(gradients:to:)"
      )
    }
    let variables = variables ?? graph.trainableVariables
    let gradients = graph.gradients(of: loss, wrt: variables)
    return graph.nameScope(name) {
      graph.recordingUpdates { apply(gradients: gradients, to: variables) }
    }
  }

  /// A slot variable of zeros shaped like `variable`, named after it.
  public func zerosSlot(for variable: Variable, named slot: String) -> Variable {
    Variable(Tensor.zeros(like: variable), name: "\(variable.name)/\(slot)", trainable: false)
  }

  // MARK: Subclass hooks

  /// Keras's name for the optimizer, for messages and configuration.
  open var name: String { "optimizer" }

  /// Creates the slot variables one variable needs (none by default).
  open func makeSlots(for variable: Variable) -> [Variable] { [] }

  /// Updates one variable in place.
  ///
  /// - Parameters:
  ///   - variable: the variable to update.
  ///   - gradient: its (clipped) gradient.
  ///   - slots: its slot variables, as ``makeSlots(for:)`` created them.
  ///   - learningRate: this step's learning rate (a float32 scalar).
  ///   - step: the 1-based number of this step (a float32 scalar).
  open func update(
    _ variable: Variable, gradient: Tensor, slots: [Variable], learningRate: Tensor, step: Tensor
  ) {
    fatalError("\(name) does not implement update(_:gradient:slots:learningRate:step:)")
  }

  // MARK: Clipping

  private func clip(_ gradients: [Tensor]) -> [Tensor] {
    var result = gradients
    if let clipValue { result = result.map { RillCore.clip($0, min: -clipValue, max: clipValue) } }
    if let clipNorm { result = result.map { clipByNorm($0, clipNorm: clipNorm) } }
    if let globalClipNorm { result = clipByGlobalNorm(result, clipNorm: globalClipNorm).clipped }
    return result
  }
}
