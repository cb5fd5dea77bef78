import RillCore

/// Something `compile` accepts as an optimizer: an ``Optimizer`` or Keras's name for one
/// (`"sgd"`, `"adam"`, `"adamw"`, `"rmsprop"`, `"adagrad"`, with Keras's default settings).
public protocol OptimizerConvertible {
  /// The optimizer meant.
  func makeOptimizer() throws -> Optimizer
}

/// Something `compile` accepts as a loss: a ``Loss`` or Keras's name for one.
public protocol LossConvertible {
  /// The loss meant.
  func makeLoss() throws -> any Loss
}

/// Something `compile` accepts as a metric: a ``Metric`` or Keras's name for one (`"accuracy"`,
/// `"mse"`, `"precision"` …); `"accuracy"` becomes the accuracy that fits the loss.
public protocol MetricConvertible {
  /// The metric meant, given the compiled loss.
  func makeMetric(for loss: any Loss) throws -> Metric
}

extension Optimizer: OptimizerConvertible {
  /// The optimizer itself.
  public func makeOptimizer() -> Optimizer { self }
}

extension Metric: MetricConvertible {
  /// The metric itself.
  public func makeMetric(for loss: any Loss) -> Metric { self }
}

extension Loss {
  /// The loss itself.
  public func makeLoss() -> any Loss { self }
}

extension String: OptimizerConvertible, LossConvertible, MetricConvertible {
  /// The optimizer this string names (``OptimizerRegistry``), with Keras's defaults.
  ///
  /// - Throws: ``TrainingError/unknownName(_:kind:)`` for a name Rill does not know.
  public func makeOptimizer() throws -> Optimizer {
    guard let optimizer = OptimizerRegistry.make(shortName: self) else {
      throw TrainingError.unknownName(self, kind: "optimizer")
    }
    return optimizer
  }

  /// The loss this string names (``LossRegistry``).
  ///
  /// - Throws: ``TrainingError/unknownName(_:kind:)`` for a name Rill does not know.
  public func makeLoss() throws -> any Loss {
    guard let loss = LossRegistry.make(shortName: self) else {
      throw TrainingError.unknownName(self, kind: "loss")
    }
    return loss
  }

  /// The metric this string names (``MetricRegistry``); `"accuracy"` follows the loss as
  /// Keras's does (``Loss/accuracyMetric()``).
  ///
  /// - Throws: ``TrainingError/unknownName(_:kind:)`` for a name Rill does not know.
  public func makeMetric(for loss: any Loss) throws -> Metric {
    guard let metric = MetricRegistry.make(shortName: self, for: loss) else {
      throw TrainingError.unknownName(self, kind: "metric")
    }
    return metric
  }
}

extension LossConvertible where Self == SparseCategoricalCrossentropy {
  /// Sparse categorical cross-entropy on probabilities.
  public static var sparseCategoricalCrossentropy: Self { SparseCategoricalCrossentropy() }
}

extension LossConvertible where Self == CategoricalCrossentropy {
  /// Categorical cross-entropy on probabilities.
  public static var categoricalCrossentropy: Self { CategoricalCrossentropy() }
}

extension LossConvertible where Self == BinaryCrossentropy {
  /// Binary cross-entropy on probabilities.
  public static var binaryCrossentropy: Self { BinaryCrossentropy() }
}

extension LossConvertible where Self == MeanSquaredError {
  /// Mean squared error.
  public static var meanSquaredError: Self { MeanSquaredError() }
}

extension Model {
  /// Sets up training: the optimizer, the loss and the metrics reported besides the loss.
  ///
  /// ```swift
  /// try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
  /// try model.compile(optimizer: SGD(learningRate: 0.01), loss: .sparseCategoricalCrossentropy, metrics: [Precision()])
  /// ```
  /// Steps run as compiled functions unless `runEagerly` (see ``Model/runEagerly``).
  /// - Throws: ``TrainingError/unknownName(_:kind:)`` when a name is not one Rill knows.
  /// Keras: `model.compile`.
  public func compile(
    optimizer: some OptimizerConvertible, loss: some LossConvertible,
    metrics: [any MetricConvertible] = [], runEagerly: Bool = false
  ) throws {
    let loss = try loss.makeLoss()
    self.optimizer = try optimizer.makeOptimizer()
    self.loss = loss
    self.metrics = try metrics.map { try $0.makeMetric(for: loss) }
    self.runEagerly = runEagerly
    dropCompiledSteps()
  }
}
