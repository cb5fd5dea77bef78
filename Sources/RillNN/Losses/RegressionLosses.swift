import RillCore

/// The mean of (labels − predictions)² over the last axis, per example.
///
/// Keras: `keras.losses.mean_squared_error`.
public func meanSquaredError(labels: Tensor, predictions: Tensor) -> Tensor {
  square(predictions - labels).mean(alongAxes: [-1])
}

/// The mean of |labels − predictions| over the last axis, per example.
///
/// Keras: `keras.losses.mean_absolute_error`.
public func meanAbsoluteError(labels: Tensor, predictions: Tensor) -> Tensor {
  abs(predictions - labels).mean(alongAxes: [-1])
}

/// The Huber loss over the last axis, per example: e²/2 where |e| ≤ δ and δ|e| − δ²/2 beyond, with
/// e = predictions − labels.
///
/// Keras: `keras.losses.huber`.
public func huber(labels: Tensor, predictions: Tensor, delta: Double = 1) -> Tensor {
  let error = predictions - labels
  let size = abs(error)
  let quadratic = 0.5 * square(error)
  let linear = delta * size - 0.5 * delta * delta
  return Tensor.where(size .<= Tensor(delta, dtype: size.dtype), quadratic, linear).mean(
    alongAxes: [-1])
}

/// Mean squared error.
///
/// Keras: `keras.losses.MeanSquaredError`.
public struct MeanSquaredError: Loss {
  /// How the per-example values are reduced.
  public var reduction: LossReduction
  /// `mean_squared_error`.
  public var name: String { "mean_squared_error" }

  /// Creates the loss.
  public init(reduction: LossReduction = .sumOverBatchSize) {
    self.reduction = reduction
  }

  /// ``meanSquaredError(labels:predictions:)``.
  public func perExample(labels: Tensor, predictions: Tensor) -> Tensor {
    RillNN.meanSquaredError(labels: labels, predictions: predictions)
  }
}

/// Mean absolute error.
///
/// Keras: `keras.losses.MeanAbsoluteError`.
public struct MeanAbsoluteError: Loss {
  /// How the per-example values are reduced.
  public var reduction: LossReduction
  /// `mean_absolute_error`.
  public var name: String { "mean_absolute_error" }

  /// Creates the loss.
  public init(reduction: LossReduction = .sumOverBatchSize) {
    self.reduction = reduction
  }

  /// ``meanAbsoluteError(labels:predictions:)``.
  public func perExample(labels: Tensor, predictions: Tensor) -> Tensor {
    RillNN.meanAbsoluteError(labels: labels, predictions: predictions)
  }
}

/// The Huber loss, quadratic near zero and linear beyond `delta`.
///
/// Keras: `keras.losses.Huber`.
public struct Huber: Loss {
  /// Where the loss turns from quadratic to linear.
  public var delta: Double
  /// How the per-example values are reduced.
  public var reduction: LossReduction
  /// `huber`.
  public var name: String { "huber" }

  /// Creates the loss.
  public init(delta: Double = 1, reduction: LossReduction = .sumOverBatchSize) {
    self.delta = delta
    self.reduction = reduction
  }

  /// ``huber(labels:predictions:delta:)``.
  public func perExample(labels: Tensor, predictions: Tensor) -> Tensor {
    RillNN.huber(labels: labels, predictions: predictions, delta: delta)
  }
}

extension MeanSquaredError: SavableLoss {
  /// Recreates the loss from its configuration.
  public init(configuration: Configuration) throws {
    self.init(reduction: try configuration.reduction())
  }
}

extension MeanAbsoluteError: SavableLoss {
  /// Recreates the loss from its configuration.
  public init(configuration: Configuration) throws {
    self.init(reduction: try configuration.reduction())
  }
}

extension Huber: SavableLoss {
  /// The threshold δ.
  public func configuration() -> [String: ConfigurationValue] { ["delta": .double(delta)] }

  /// Recreates the loss from its configuration.
  public init(configuration: Configuration) throws {
    self.init(delta: try configuration.double("delta"), reduction: try configuration.reduction())
  }
}
