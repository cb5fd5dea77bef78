import RillCore

/// A learning rate that depends on the step: a function of the number of steps taken so far
/// (a float32 scalar tensor) to the learning rate (a float32 scalar tensor).
///
/// Schedules are written with tensor ops so that a compiled training step computes the rate of
/// every step anew. Keras: `keras.optimizers.schedules.LearningRateSchedule`.
public protocol LearningRateSchedule {
  /// The learning rate after `step` steps.
  func callAsFunction(_ step: Tensor) -> Tensor
}

/// initialRate · decayRate^(step / decaySteps), with the exponent floored when `staircase`.
///
/// Keras: `keras.optimizers.schedules.ExponentialDecay`.
public struct ExponentialDecay: LearningRateSchedule {
  /// The rate at step 0.
  public var initialRate: Double
  /// The number of steps over which the rate is multiplied by `decayRate`.
  public var decaySteps: Double
  /// The factor applied every `decaySteps` steps.
  public var decayRate: Double
  /// Whether the rate drops in whole decay periods instead of continuously.
  public var staircase: Bool

  /// Creates the schedule.
  public init(initialRate: Double, decaySteps: Double, decayRate: Double, staircase: Bool = false) {
    self.initialRate = initialRate
    self.decaySteps = decaySteps
    self.decayRate = decayRate
    self.staircase = staircase
  }

  /// The rate after `step` steps.
  public func callAsFunction(_ step: Tensor) -> Tensor {
    let progress = step / decaySteps
    return initialRate
      * pow(Tensor(decayRate, dtype: .float32), staircase ? floor(progress) : progress)
  }
}

/// values[0] up to and including step boundaries[0], values[1] up to boundaries[1], …, and the last
/// value after the last boundary.
///
/// Keras: `keras.optimizers.schedules.PiecewiseConstantDecay`.
public struct PiecewiseConstantDecay: LearningRateSchedule {
  /// The steps at which the rate changes, increasing.
  public var boundaries: [Double]
  /// The rates: one more than there are boundaries.
  public var values: [Double]

  /// Creates the schedule.
  ///
  /// - Precondition: `values.count == boundaries.count + 1`.
  public init(boundaries: [Double], values: [Double]) {
    guard values.count == boundaries.count + 1 else {
      fatalError(
        "PiecewiseConstantDecay: \(values.count) values for \(boundaries.count) boundaries; one more value than boundaries is needed"
      )
    }
    self.boundaries = boundaries
    self.values = values
  }

  /// The rate after `step` steps.
  public func callAsFunction(_ step: Tensor) -> Tensor {
    var rate = Tensor(values[values.count - 1], dtype: .float32)
    for (boundary, value) in zip(boundaries, values).reversed() {
      rate = Tensor.where(
        step .<= Tensor(boundary, dtype: .float32), Tensor(value, dtype: .float32), rate)
    }
    return rate
  }
}

/// Cosine decay from initialRate to initialRate · alpha over decaySteps, optionally after a linear
/// warm-up from initialRate to warmupTarget over warmupSteps (the decay then starts from
/// warmupTarget).
///
/// Keras: `keras.optimizers.schedules.CosineDecay`.
public struct CosineDecay: LearningRateSchedule {
  /// The rate at step 0.
  public var initialRate: Double
  /// The number of steps of the cosine decay (after any warm-up).
  public var decaySteps: Double
  /// The fraction of the starting rate reached at the end of the decay.
  public var alpha: Double
  /// The rate the warm-up ends at, or `nil` for no warm-up.
  public var warmupTarget: Double?
  /// The number of warm-up steps.
  public var warmupSteps: Double

  /// Creates the schedule.
  public init(
    initialRate: Double, decaySteps: Double, alpha: Double = 0, warmupTarget: Double? = nil,
    warmupSteps: Double = 0
  ) {
    self.initialRate = initialRate
    self.decaySteps = decaySteps
    self.alpha = alpha
    self.warmupTarget = warmupTarget
    self.warmupSteps = warmupSteps
  }

  /// The rate after `step` steps.
  public func callAsFunction(_ step: Tensor) -> Tensor {
    let peak = warmupTarget ?? initialRate
    let decayStep = minimum(maximum(step - warmupSteps, 0), Tensor(decaySteps, dtype: .float32))
    let cosine = 0.5 * (1 + cos(Double.pi * decayStep / decaySteps))
    let decayed = peak * ((1 - alpha) * cosine + alpha)
    guard let warmupTarget, warmupSteps > 0 else { return decayed }
    let warming = initialRate + (warmupTarget - initialRate) * (step / warmupSteps)
    return Tensor.where(step .< Tensor(warmupSteps, dtype: .float32), warming, decayed)
  }
}

extension ExponentialDecay: SavableSchedule {
  /// Keras's settings of the schedule.
  public func configuration() -> [String: ConfigurationValue] {
    [
      "initial_learning_rate": .double(initialRate), "decay_steps": .double(decaySteps),
      "decay_rate": .double(decayRate), "staircase": .bool(staircase),
    ]
  }

  /// Recreates the schedule from its configuration.
  public init(configuration: Configuration) throws {
    self.init(
      initialRate: try configuration.double("initial_learning_rate"),
      decaySteps: try configuration.positiveDouble("decay_steps"),
      decayRate: try configuration.double("decay_rate"),
      staircase: try configuration.bool("staircase"))
  }
}

extension PiecewiseConstantDecay: SavableSchedule {
  /// The boundaries and the rates.
  public func configuration() -> [String: ConfigurationValue] {
    [
      "boundaries": .array(boundaries.map { .double($0) }),
      "values": .array(values.map { .double($0) }),
    ]
  }

  /// Recreates the schedule from its configuration.
  ///
  /// - Throws: ``ModelFileError`` unless there is one more value than there are boundaries.
  public init(configuration: Configuration) throws {
    let boundaries = try configuration.doubles("boundaries")
    let values = try configuration.doubles("values")
    guard values.count == boundaries.count + 1 else {
      throw configuration.invalid("values", "a list one longer than the boundaries")
    }
    self.init(boundaries: boundaries, values: values)
  }
}

extension CosineDecay: SavableSchedule {
  /// Keras's settings of the schedule.
  public func configuration() -> [String: ConfigurationValue] {
    [
      "initial_learning_rate": .double(initialRate), "decay_steps": .double(decaySteps),
      "alpha": .double(alpha), "warmup_target": warmupTarget.map { .double($0) } ?? .null,
      "warmup_steps": .double(warmupSteps),
    ]
  }

  /// Recreates the schedule from its configuration.
  public init(configuration: Configuration) throws {
    self.init(
      initialRate: try configuration.double("initial_learning_rate"),
      decaySteps: try configuration.positiveDouble("decay_steps"),
      alpha: try configuration.double("alpha"),
      warmupTarget: try configuration.optionalDouble("warmup_target"),
      warmupSteps: try configuration.double("warmup_steps"))
  }
}
