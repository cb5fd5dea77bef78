import RillCore

/// How a loss turns per-example values into the number it returns.
public enum LossReduction: Sendable {
  /// The mean over all per-example values (Keras's default, `sum_over_batch_size`).
  case sumOverBatchSize
  /// The sum of the per-example values.
  case sum
  /// The per-example values themselves.
  case none
}

/// A loss function as Keras defines them: a per-example value (reduced over the last axis where
/// Keras does), optionally weighted per example, then reduced.
///
/// ```swift
/// let loss = SparseCategoricalCrossentropy(fromLogits: true)
/// let value = loss(labels, logits)   // the mean over the batch
/// ```
public protocol Loss: LossConvertible {
  /// How ``callAsFunction(_:_:sampleWeight:)`` reduces the per-example values.
  var reduction: LossReduction { get }
  /// Keras's name for the loss, as `compile` and the training logs use it.
  var name: String { get }
  /// The loss of each example.
  func perExample(labels: Tensor, predictions: Tensor) -> Tensor
  /// The accuracy that fits this loss's labels and predictions: what `compile`'s `"accuracy"`
  /// stands for, as in Keras (``Accuracy`` unless the loss says otherwise).
  func accuracyMetric() -> Metric
}

extension Loss {
  /// ``Accuracy``: predictions equal to their labels.
  public func accuracyMetric() -> Metric { Accuracy() }
}

extension Loss {
  /// The reduced loss of `predictions` against `labels`, with each example's loss multiplied by
  /// its `sampleWeight` when given.
  public func callAsFunction(_ labels: Tensor, _ predictions: Tensor, sampleWeight: Tensor? = nil)
    -> Tensor
  {
    var losses = perExample(labels: labels, predictions: predictions)
    if let sampleWeight { losses = losses * sampleWeight }
    switch reduction {
    case .sumOverBatchSize: return losses.mean()
    case .sum: return losses.sum()
    case .none: return losses
    }
  }
}
