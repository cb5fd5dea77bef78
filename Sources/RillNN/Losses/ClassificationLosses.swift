import RillCore

/// The clipping bound Keras applies to probabilities before taking their logarithm.
let probabilityEpsilon = 1e-7

/// −Σ labels · log p over the last axis, per example, where p are probabilities (rescaled to sum to
/// 1 and clipped to [ε, 1 − ε], as Keras does) or, with `fromLogits`, softmax(predictions).
///
/// Keras: `keras.losses.categorical_crossentropy`.
public func categoricalCrossentropy(
  labels: Tensor, predictions: Tensor, fromLogits: Bool = false
) -> Tensor {
  if fromLogits { return softmaxCrossEntropyWithLogits(labels: labels, logits: predictions) }
  return -(labels * log(clippedProbabilities(predictions))).sum(alongAxes: [-1])
}

/// −log p[label] per example for integer class labels, where p are probabilities (rescaled and
/// clipped as Keras does) or, with `fromLogits`, softmax(predictions).
///
/// Keras: `keras.losses.sparse_categorical_crossentropy`.
///
/// - Precondition: every label is a valid class index.
public func sparseCategoricalCrossentropy(
  labels: Tensor, predictions: Tensor, fromLogits: Bool = false
) -> Tensor {
  // Log-probabilities are logits whose softmax is the (clipped) distribution itself.
  let logits = fromLogits ? predictions : log(clippedProbabilities(predictions))
  return sparseSoftmaxCrossEntropyWithLogits(labels: labels, logits: logits)
}

/// −mean(z log p + (1 − z) log(1 − p)) over the last axis, per example, with p clipped to [ε, 1 −
/// ε] or, with `fromLogits`, p = σ(predictions) computed stably.
///
/// Keras: `keras.losses.binary_crossentropy`.
public func binaryCrossentropy(
  labels: Tensor, predictions: Tensor, fromLogits: Bool = false
) -> Tensor {
  if fromLogits {
    return sigmoidCrossEntropyWithLogits(labels: labels, logits: predictions).mean(alongAxes: [-1])
  }
  let p = clip(predictions, min: probabilityEpsilon, max: 1 - probabilityEpsilon)
  return -(labels * log(p) + (1 - labels) * log(1 - p)).mean(alongAxes: [-1])
}

/// Probabilities rescaled to sum to 1 over the last axis and clipped away from 0 and 1.
private func clippedProbabilities(_ predictions: Tensor) -> Tensor {
  let normalized = predictions / predictions.sum(alongAxes: [-1], keepDims: true)
  return clip(normalized, min: probabilityEpsilon, max: 1 - probabilityEpsilon)
}

/// Cross-entropy with one-hot (or soft) labels.
///
/// Keras: `keras.losses.CategoricalCrossentropy`.
public struct CategoricalCrossentropy: Loss {
  /// Whether predictions are logits rather than probabilities.
  public var fromLogits: Bool
  /// How the per-example values are reduced.
  public var reduction: LossReduction
  /// `categorical_crossentropy`.
  public var name: String { "categorical_crossentropy" }

  /// ``CategoricalAccuracy``, named `accuracy`.
  public func accuracyMetric() -> Metric { CategoricalAccuracy(name: "accuracy") }

  /// Creates the loss.
  public init(fromLogits: Bool = false, reduction: LossReduction = .sumOverBatchSize) {
    self.fromLogits = fromLogits
    self.reduction = reduction
  }

  /// ``categoricalCrossentropy(labels:predictions:fromLogits:)``.
  public func perExample(labels: Tensor, predictions: Tensor) -> Tensor {
    RillNN.categoricalCrossentropy(labels: labels, predictions: predictions, fromLogits: fromLogits)
  }
}

/// Cross-entropy with integer class labels.
///
/// Keras: `keras.losses.SparseCategoricalCrossentropy`.
public struct SparseCategoricalCrossentropy: Loss {
  /// Whether predictions are logits rather than probabilities.
  public var fromLogits: Bool
  /// How the per-example values are reduced.
  public var reduction: LossReduction
  /// `sparse_categorical_crossentropy`.
  public var name: String { "sparse_categorical_crossentropy" }

  /// ``SparseCategoricalAccuracy``, named `accuracy`.
  public func accuracyMetric() -> Metric { SparseCategoricalAccuracy(name: "accuracy") }

  /// Creates the loss.
  public init(fromLogits: Bool = false, reduction: LossReduction = .sumOverBatchSize) {
    self.fromLogits = fromLogits
    self.reduction = reduction
  }

  /// ``sparseCategoricalCrossentropy(labels:predictions:fromLogits:)``.
  public func perExample(labels: Tensor, predictions: Tensor) -> Tensor {
    RillNN.sparseCategoricalCrossentropy(
      labels: labels, predictions: predictions, fromLogits: fromLogits)
  }
}

/// Cross-entropy of independent binary labels.
///
/// Keras: `keras.losses.BinaryCrossentropy`.
public struct BinaryCrossentropy: Loss {
  /// Whether predictions are logits rather than probabilities.
  public var fromLogits: Bool
  /// How the per-example values are reduced.
  public var reduction: LossReduction
  /// `binary_crossentropy`.
  public var name: String { "binary_crossentropy" }

  /// ``BinaryAccuracy``, named `accuracy`.
  public func accuracyMetric() -> Metric { BinaryAccuracy(name: "accuracy") }

  /// Creates the loss.
  public init(fromLogits: Bool = false, reduction: LossReduction = .sumOverBatchSize) {
    self.fromLogits = fromLogits
    self.reduction = reduction
  }

  /// ``binaryCrossentropy(labels:predictions:fromLogits:)``.
  public func perExample(labels: Tensor, predictions: Tensor) -> Tensor {
    RillNN.binaryCrossentropy(labels: labels, predictions: predictions, fromLogits: fromLogits)
  }
}

/// A cross-entropy loss, on logits or on probabilities: what the three cross-entropies share,
/// including their saved form (`from_logits` and the reduction).
public protocol CrossentropyLoss: SavableLoss {
  /// Whether predictions are logits rather than probabilities.
  var fromLogits: Bool { get }
  /// Creates the loss.
  init(fromLogits: Bool, reduction: LossReduction)
}

extension CrossentropyLoss {
  /// Whether predictions are logits.
  public func configuration() -> [String: ConfigurationValue] { ["from_logits": .bool(fromLogits)] }

  /// Recreates the loss from its configuration.
  public init(configuration: Configuration) throws {
    self.init(
      fromLogits: try configuration.bool("from_logits"), reduction: try configuration.reduction())
  }
}

extension CategoricalCrossentropy: CrossentropyLoss {}

extension SparseCategoricalCrossentropy: CrossentropyLoss {}

extension BinaryCrossentropy: CrossentropyLoss {}
