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
  /// The optimizer this string names, with Keras's defaults.
  ///
  /// - Throws: ``TrainingError/unknownName(_:kind:)`` for a name Rill does not know.
  public func makeOptimizer() throws -> Optimizer {
    switch lowercased() {
    case "sgd": return SGD()
    case "adam": return Adam()
    case "adamw": return AdamW()
    case "rmsprop": return RMSprop()
    case "adagrad": return Adagrad()
    default: throw TrainingError.unknownName(self, kind: "optimizer")
    }
  }

  /// The loss this string names.
  ///
  /// - Throws: ``TrainingError/unknownName(_:kind:)`` for a name Rill does not know.
  public func makeLoss() throws -> any Loss {
    switch lowercased() {
    case "mse", "mean_squared_error": return MeanSquaredError()
    case "mae", "mean_absolute_error": return MeanAbsoluteError()
    case "huber", "huber_loss": return Huber()
    case "categorical_crossentropy": return CategoricalCrossentropy()
    case "sparse_categorical_crossentropy": return SparseCategoricalCrossentropy()
    case "binary_crossentropy": return BinaryCrossentropy()
    default: throw TrainingError.unknownName(self, kind: "loss")
    }
  }

  /// The metric this string names; `"accuracy"` follows the loss as Keras's does.
  ///
  /// - Throws: ``TrainingError/unknownName(_:kind:)`` for a name Rill does not know.
  public func makeMetric(for loss: any Loss) throws -> Metric {
    switch lowercased() {
    case "accuracy", "acc":
      switch loss {
      case is SparseCategoricalCrossentropy: return SparseCategoricalAccuracy(name: "accuracy")
      case is CategoricalCrossentropy: return CategoricalAccuracy(name: "accuracy")
      case is BinaryCrossentropy: return BinaryAccuracy(name: "accuracy")
      default: return Accuracy()
      }
    case "sparse_categorical_accuracy": return SparseCategoricalAccuracy()
    case "categorical_accuracy": return CategoricalAccuracy()
    case "binary_accuracy": return BinaryAccuracy()
    case "top_k_categorical_accuracy": return TopKCategoricalAccuracy()
    case "sparse_top_k_categorical_accuracy":
      return TopKCategoricalAccuracy(oneHotLabels: false, name: "sparse_top_k_categorical_accuracy")
    case "precision": return Precision()
    case "recall": return Recall()
    case "mse", "mean_squared_error": return LossMean(MeanSquaredError(), name: self)
    case "mae", "mean_absolute_error": return LossMean(MeanAbsoluteError(), name: self)
    default: throw TrainingError.unknownName(self, kind: "metric")
    }
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
  /// Steps run as compiled functions unless `runEagerly` (see ``Model/runEagerly``). Inside a
  /// ``DistributionStrategy/scope(_:)`` the model adopts that strategy for `fit`.
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
    self.distributionStrategy = DistributionScope.current
    dropCompiledSteps()
  }
}
