import RillCore

/// Counts of decisions: predictions above a threshold are positive.
open class ConfusionMetric: Metric {
  /// The decision threshold.
  public let threshold: Double
  /// Positive predictions with positive labels.
  public let truePositives = Variable(0.0, name: "true_positives", trainable: false)
  /// Positive predictions with negative labels.
  public let falsePositives = Variable(0.0, name: "false_positives", trainable: false)
  /// Negative predictions with positive labels.
  public let falseNegatives = Variable(0.0, name: "false_negatives", trainable: false)

  /// Creates the metric.
  public init(threshold: Double, name: String) {
    self.threshold = threshold
    super.init(name: name)
  }

  /// Counts the batch's decisions (weighted by `sampleWeight` when given).
  public override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    let predicted = (predictions .> Tensor(threshold, dtype: predictions.dtype)).cast(to: .float32)
    let actual = (labels.cast(to: .float32) .> 0.5).cast(to: .float32)
    let weights =
      sampleWeight.map { $0.cast(to: .float32).broadcasted(to: predicted.shape) }
      ?? Tensor.ones(like: predicted)
    truePositives.assignAdd((predicted * actual * weights).sum())
    falsePositives.assignAdd((predicted * (1 - actual) * weights).sum())
    falseNegatives.assignAdd(((1 - predicted) * actual * weights).sum())
  }

  /// The threshold, as Keras's `thresholds`: the saved form of subclasses.
  public func configuration() -> [String: ConfigurationValue] { ["thresholds": .double(threshold)] }

  /// The counts.
  public override var stateVariables: [Variable] {
    [truePositives, falsePositives, falseNegatives]
  }

  /// numerator / (numerator + other), or 0 when both are 0.
  func ratio(_ numerator: Tensor, _ other: Tensor) -> Tensor {
    let denominator = numerator + other
    return Tensor.where(denominator .> 0, numerator / maximum(denominator, 1e-12 as Tensor), 0)
  }
}

/// TP / (TP + FP): how many positive predictions are right.
///
/// Keras: `keras.metrics.Precision`.
public final class Precision: ConfusionMetric {
  /// Creates the metric.
  public override init(threshold: Double = 0.5, name: String = "precision") {
    super.init(threshold: threshold, name: name)
  }

  /// TP / (TP + FP).
  public override func result() -> Tensor { ratio(truePositives.value, falsePositives.value) }
}

/// TP / (TP + FN): how many positives are found.
///
/// Keras: `keras.metrics.Recall`.
public final class Recall: ConfusionMetric {
  /// Creates the metric.
  public override init(threshold: Double = 0.5, name: String = "recall") {
    super.init(threshold: threshold, name: name)
  }

  /// TP / (TP + FN).
  public override func result() -> Tensor { ratio(truePositives.value, falseNegatives.value) }
}

extension Precision: SavableMetric {
  /// Recreates the metric from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(threshold: try configuration.double("thresholds"), name: name)
  }
}

extension Recall: SavableMetric {
  /// Recreates the metric from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(threshold: try configuration.double("thresholds"), name: name)
  }
}
