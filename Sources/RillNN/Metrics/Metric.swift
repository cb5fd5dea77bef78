import RillCore

/// A quantity measured over many batches, kept as running sums so that memory does not grow
/// with the data.
///
/// Call ``update(labels:predictions:sampleWeight:)`` per batch, read ``result()``, and
/// ``reset()`` between epochs. The state lives in non-trainable variables.
///
/// ```swift
/// let accuracy = SparseCategoricalAccuracy()
/// for (images, labels) in batches { accuracy.update(labels: labels, predictions: model(images)) }
/// print(accuracy.result())
/// accuracy.reset()
/// ```
/// Keras: `keras.metrics.Metric`.
open class Metric {
  /// The metric's name in training logs, such as `accuracy`.
  public let name: String

  /// Creates a metric named `name`.
  public init(name: String) {
    self.name = name
  }

  /// Folds one batch into the running state.
  open func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    fatalError(
      "\(name): \(type(of: self)) does not override update(labels:predictions:sampleWeight:)")
  }

  /// The value over everything folded in since the last reset.
  open func result() -> Tensor {
    fatalError("\(name): \(type(of: self)) does not override result()")
  }

  /// Forgets everything folded in.
  open func reset() {
    for variable in stateVariables { variable.assign(Tensor.zeros(like: variable)) }
  }

  /// The variables holding the running state.
  open var stateVariables: [Variable] { [] }
}

/// A weighted mean of values: Σ wᵢ vᵢ / Σ wᵢ, the base of most metrics.
///
/// Keras: `keras.metrics.Mean`.
open class Mean: Metric {
  /// The weighted sum of the values.
  public let total = Variable(0.0, name: "total", trainable: false)
  /// The sum of the weights.
  public let count = Variable(0.0, name: "count", trainable: false)

  /// Creates the metric.
  public override init(name: String = "mean") {
    super.init(name: name)
  }

  /// Folds in values (each weighted by `sampleWeight`, broadcast, when given).
  public func update(values: Tensor, sampleWeight: Tensor? = nil) {
    let values = values.cast(to: .float32)
    if let sampleWeight {
      let weights = sampleWeight.cast(to: .float32).broadcasted(to: values.shape)
      total.assignAdd((values * weights).sum())
      count.assignAdd(weights.sum())
    } else {
      total.assignAdd(values.sum())
      count.assignAdd(Tensor(Double(values.scalarCount), dtype: .float32))
    }
  }

  /// The mean of the values given as `predictions` (the labels are ignored).
  open override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    update(values: predictions, sampleWeight: sampleWeight)
  }

  /// Σ wᵢ vᵢ / Σ wᵢ, or 0 before any update.
  public override func result() -> Tensor {
    Tensor.where(count .> 0, total / maximum(count, 1e-12 as Tensor), 0)
  }

  /// The total and the count.
  public override var stateVariables: [Variable] { [total, count] }
}

/// A running sum.
///
/// Keras: `keras.metrics.Sum`.
public final class Sum: Metric {
  /// The sum.
  public let total = Variable(0.0, name: "total", trainable: false)

  /// Creates the metric.
  public override init(name: String = "sum") {
    super.init(name: name)
  }

  /// Adds the values given as `predictions`, weighted when `sampleWeight` is given.
  public override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    let values = predictions.cast(to: .float32)
    total.assignAdd((sampleWeight.map { values * $0.cast(to: .float32) } ?? values).sum())
  }

  /// The sum so far.
  public override func result() -> Tensor { total.value }

  /// The total.
  public override var stateVariables: [Variable] { [total] }
}

/// The mean of a loss's per-example values: how `compile` tracks losses given as metrics (`"mse"`,
/// say).
///
/// Keras: `keras.metrics.MeanMetricWrapper`.
public final class LossMean: Mean {
  /// The loss averaged.
  public let loss: any Loss

  /// Creates the metric, named after the loss unless `name` is given.
  public init(_ loss: any Loss, name: String? = nil) {
    self.loss = loss
    super.init(name: name ?? loss.name)
  }

  /// Folds in the batch's per-example losses.
  public override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    update(
      values: loss.perExample(labels: labels, predictions: predictions), sampleWeight: sampleWeight)
  }
}

extension LossMean: SavableMetric {
  /// The loss's saved form.
  ///
  /// - Throws: ``ModelFileError/notSavable(layer:className:)`` when the loss has no saved form.
  public func configuration() throws -> [String: ConfigurationValue] {
    guard let form = savedLoss(loss) else {
      throw ModelFileError.notSavable(layer: name, className: String(describing: type(of: loss)))
    }
    return ["loss": form]
  }

  /// Recreates the metric from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(try makeLoss(from: .object(try configuration.object("loss"))), name: name)
  }
}
