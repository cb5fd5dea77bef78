import RillCore

/// The fraction of predictions equal to their labels.
///
/// Keras: `keras.metrics.Accuracy`.
public final class Accuracy: Mean {
  /// Creates the metric.
  public override init(name: String = "accuracy") {
    super.init(name: name)
  }

  /// Folds in whether each prediction equals its label.
  public override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    update(values: predictions .== labels, sampleWeight: sampleWeight)
  }
}

/// The fraction of probabilities on the right side of a threshold: predictions above it count as 1.
///
/// Keras: `keras.metrics.BinaryAccuracy`.
public final class BinaryAccuracy: Mean {
  /// The decision threshold.
  public let threshold: Double

  /// Creates the metric.
  public init(threshold: Double = 0.5, name: String = "binary_accuracy") {
    self.threshold = threshold
    super.init(name: name)
  }

  /// Folds in whether each thresholded prediction equals its label.
  public override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    let decided = (predictions .> Tensor(threshold, dtype: predictions.dtype)).cast(to: .float32)
    update(values: decided .== labels.cast(to: .float32), sampleWeight: sampleWeight)
  }
}

/// The fraction of examples whose highest prediction is at the one-hot label's class.
///
/// Keras: `keras.metrics.CategoricalAccuracy`.
public final class CategoricalAccuracy: Mean {
  /// Creates the metric.
  public override init(name: String = "categorical_accuracy") {
    super.init(name: name)
  }

  /// Folds in whether argmax(predictions) equals argmax(labels).
  public override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    update(
      values: predictions.argmax(alongAxis: -1) .== labels.argmax(alongAxis: -1),
      sampleWeight: sampleWeight)
  }
}

/// The fraction of examples whose highest prediction is at the integer label.
///
/// Keras: `keras.metrics.SparseCategoricalAccuracy`.
public final class SparseCategoricalAccuracy: Mean {
  /// Creates the metric.
  public override init(name: String = "sparse_categorical_accuracy") {
    super.init(name: name)
  }

  /// Folds in whether argmax(predictions) equals the label.
  public override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    let classes = predictions.argmax(alongAxis: -1)
    update(
      values: classes .== labels.reshaped(to: classes.shape).cast(to: .int64),
      sampleWeight: sampleWeight)
  }
}

/// The fraction of examples whose integer label is among the `k` highest predictions.
///
/// Keras: `keras.metrics.SparseTopKCategoricalAccuracy` (and `TopKCategoricalAccuracy` with one-hot
/// labels, see ``oneHotLabels``).
public final class TopKCategoricalAccuracy: Mean {
  /// How many of the highest predictions count.
  public let k: Int
  /// Whether labels are one-hot vectors rather than class indices.
  public let oneHotLabels: Bool

  /// Creates the metric.
  public init(k: Int = 5, oneHotLabels: Bool = true, name: String = "top_k_categorical_accuracy") {
    self.k = k
    self.oneHotLabels = oneHotLabels
    super.init(name: name)
  }

  /// Folds in whether fewer than k classes score above the label's class.
  public override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    let classes = predictions.shape[predictions.rank - 1]
    let hot =
      oneHotLabels
      ? labels.cast(to: predictions.dtype)
      : Tensor.oneHot(
        labels.reshaped(to: Shape(Array(predictions.shape.dimensions.dropLast()))), depth: classes,
        dtype: predictions.dtype)
    let labelScore = (hot * predictions).sum(alongAxes: [-1], keepDims: true)
    let higher = (predictions .> labelScore).cast(to: .int32).sum(alongAxes: [-1])
    update(values: higher .< Tensor(Double(k), dtype: .int32), sampleWeight: sampleWeight)
  }
}

extension Accuracy: SavableMetric {
  /// Recreates the metric.
  public convenience init(configuration: Configuration, name: String) { self.init(name: name) }
}

extension BinaryAccuracy: SavableMetric {
  /// The threshold.
  public func configuration() -> [String: ConfigurationValue] { ["threshold": .double(threshold)] }

  /// Recreates the metric from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(threshold: try configuration.double("threshold"), name: name)
  }
}

extension CategoricalAccuracy: SavableMetric {
  /// Recreates the metric.
  public convenience init(configuration: Configuration, name: String) { self.init(name: name) }
}

extension SparseCategoricalAccuracy: SavableMetric {
  /// Recreates the metric.
  public convenience init(configuration: Configuration, name: String) { self.init(name: name) }
}

extension TopKCategoricalAccuracy: SavableMetric {
  /// k and the form of the labels.
  public func configuration() -> [String: ConfigurationValue] {
    ["k": .int(k), "one_hot_labels": .bool(oneHotLabels)]
  }

  /// Recreates the metric from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    let k = try configuration.int("k")
    guard k > 0 else { throw configuration.invalid("k", "a positive integer") }
    self.init(k: k, oneHotLabels: try configuration.bool("one_hot_labels"), name: name)
  }
}
