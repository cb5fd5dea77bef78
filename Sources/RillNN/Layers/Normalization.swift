import RillCore

/// Normalizes each channel with the batch's statistics while training and with running averages
/// of them at inference, then scales and shifts it with learned γ and β.
///
/// Keras: `keras.layers.BatchNormalization` (moving averages updated as
/// moving = moving · momentum + batch · (1 − momentum)).
public final class BatchNormalization: Layer {
  /// The channel axis.
  public let axis: Int
  /// The weight of the old value in the running averages.
  public let momentum: Double
  /// Added to the variance for stability.
  public let epsilon: Double
  /// Whether β is learned.
  public let center: Bool
  /// Whether γ is learned.
  public let scale: Bool

  /// γ, once built.
  public private(set) var gamma: Variable?
  /// β, once built.
  public private(set) var beta: Variable?
  /// The running mean, once built.
  public private(set) var movingMean: Variable?
  /// The running variance, once built.
  public private(set) var movingVariance: Variable?

  /// Creates the layer.
  public init(
    alongAxis axis: Int = -1, momentum: Double = 0.99, epsilon: Double = 1e-3, center: Bool = true,
    scale: Bool = true, name: String? = nil
  ) {
    self.axis = axis
    self.momentum = momentum
    self.epsilon = epsilon
    self.center = center
    self.scale = scale
    super.init(name: name)
  }

  /// Creates γ, β and the running statistics for the channel axis of `inputShape`.
  public override func build(inputShape: Shape) {
    let channels = inputShape[channelAxis(rank: inputShape.rank)]
    if scale { gamma = addWeight("gamma", shape: [channels], initializer: Ones()) }
    if center { beta = addWeight("beta", shape: [channels], initializer: Zeros()) }
    movingMean = addWeight("moving_mean", shape: [channels], initializer: Zeros(), trainable: false)
    movingVariance = addWeight(
      "moving_variance", shape: [channels], initializer: Ones(), trainable: false)
  }

  /// The normalized input; while training, also updates the running statistics.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard let movingMean, let movingVariance else {
      fatalError("\(name): called before it was built")
    }
    let channel = channelAxis(rank: input.rank)
    var shape = Shape(Array(repeating: 1, count: input.rank))
    shape[channel] = input.shape[channel]
    let mean: Tensor
    let variance: Tensor
    if training {
      let reduced = (0..<input.rank).filter { $0 != channel }
      (mean, variance) = moments(input, alongAxes: reduced, keepDims: true)
      movingMean.assign(
        movingMean * momentum + stopGradient(mean).reshaped(to: movingMean.shape) * (1 - momentum))
      movingVariance.assign(
        movingVariance * momentum + stopGradient(variance).reshaped(to: movingVariance.shape)
          * (1 - momentum))
    } else {
      (mean, variance) = (movingMean.reshaped(to: shape), movingVariance.reshaped(to: shape))
    }
    return batchNormalization(
      input, mean: mean, variance: variance, offset: beta?.reshaped(to: shape),
      scale: gamma?.reshaped(to: shape), varianceEpsilon: epsilon)
  }

  private func channelAxis(rank: Int) -> Int {
    let position = axis < 0 ? axis + rank : axis
    guard position >= 0 && position < rank else {
      fatalError("\(name): axis \(axis) is out of range for inputs of rank \(rank)")
    }
    return position
  }
}

/// Normalizes each example over its last axis (mean 0, variance 1), then scales and shifts it with
/// learned γ and β.
///
/// Keras: `keras.layers.LayerNormalization`.
public final class LayerNormalization: Layer {
  /// Added to the variance for stability.
  public let epsilon: Double
  /// Whether β is learned.
  public let center: Bool
  /// Whether γ is learned.
  public let scale: Bool

  /// γ, once built.
  public private(set) var gamma: Variable?
  /// β, once built.
  public private(set) var beta: Variable?

  /// Creates the layer.
  public init(epsilon: Double = 1e-3, center: Bool = true, scale: Bool = true, name: String? = nil)
  {
    self.epsilon = epsilon
    self.center = center
    self.scale = scale
    super.init(name: name)
  }

  /// Creates γ and β of the size of the last axis.
  public override func build(inputShape: Shape) {
    let size = inputShape[inputShape.rank - 1]
    if scale { gamma = addWeight("gamma", shape: [size], initializer: Ones()) }
    if center { beta = addWeight("beta", shape: [size], initializer: Zeros()) }
  }

  /// The input normalized per example.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    let (mean, variance) = moments(input, alongAxes: [-1], keepDims: true)
    return batchNormalization(
      input, mean: mean, variance: variance, offset: beta, scale: gamma, varianceEpsilon: epsilon)
  }
}

extension BatchNormalization: SavableLayer {
  /// Axis, momentum, epsilon, center and scale.
  public func configuration() -> [String: ConfigurationValue] {
    [
      "axis": .int(axis), "momentum": .double(momentum), "epsilon": .double(epsilon),
      "center": .bool(center), "scale": .bool(scale),
    ]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(
      alongAxis: try configuration.int("axis"), momentum: try configuration.double("momentum"),
      epsilon: try configuration.double("epsilon"), center: try configuration.bool("center"),
      scale: try configuration.bool("scale"), name: name)
  }
}

extension LayerNormalization: SavableLayer {
  /// Epsilon, center and scale.
  public func configuration() -> [String: ConfigurationValue] {
    ["epsilon": .double(epsilon), "center": .bool(center), "scale": .bool(scale)]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(
      epsilon: try configuration.double("epsilon"), center: try configuration.bool("center"),
      scale: try configuration.bool("scale"), name: name)
  }
}
