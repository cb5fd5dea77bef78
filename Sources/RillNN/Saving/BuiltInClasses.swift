// Rill's built-in classes, by kind: one line each. A new layer, optimizer, loss, metric or
// schedule is its own file (holding its saved form, as Keras's `get_config`/`from_config`)
// plus one line here; the short names are the ones `compile` accepts, as Keras's `get`.

/// The layer classes a model file may name without registering them.
let builtInLayers: [any SavableLayer.Type] = [
  Dense.self, Conv2D.self, MaxPooling2D.self, AveragePooling2D.self, GlobalAveragePooling2D.self,
  GlobalMaxPooling2D.self, Flatten.self, Reshape.self, Rescaling.self, Dropout.self,
  Activation.self, ReLU.self,
  Softmax.self, Embedding.self, BatchNormalization.self, LayerNormalization.self, Sequential.self,
]

/// The built-in optimizers, their short names and their defaults.
let builtInOptimizers:
  [(type: any SavableOptimizer.Type, shortNames: [String], make: (@Sendable () -> Optimizer)?)] = [
    (SGD.self, ["sgd"], { SGD() }),
    (Adam.self, ["adam"], { Adam() }),
    (AdamW.self, ["adamw"], { AdamW() }),
    (RMSprop.self, ["rmsprop"], { RMSprop() }),
    (Adagrad.self, ["adagrad"], { Adagrad() }),
  ]

/// The built-in losses, their short names and their defaults.
let builtInLosses:
  [(type: any SavableLoss.Type, shortNames: [String], make: (@Sendable () -> any Loss)?)] = [
    (MeanSquaredError.self, ["mse", "mean_squared_error"], { MeanSquaredError() }),
    (MeanAbsoluteError.self, ["mae", "mean_absolute_error"], { MeanAbsoluteError() }),
    (Huber.self, ["huber", "huber_loss"], { Huber() }),
    (CategoricalCrossentropy.self, ["categorical_crossentropy"], { CategoricalCrossentropy() }),
    (
      SparseCategoricalCrossentropy.self, ["sparse_categorical_crossentropy"],
      { SparseCategoricalCrossentropy() }
    ),
    (BinaryCrossentropy.self, ["binary_crossentropy"], { BinaryCrossentropy() }),
  ]

/// The built-in metrics, their short names and how each name is made for the compiled loss.
let builtInMetrics:
  [(type: any SavableMetric.Type, shortNames: [String], make: (@Sendable (any Loss) -> Metric)?)] =
    [
      (Accuracy.self, ["accuracy", "acc"], { loss in loss.accuracyMetric() }),
      (BinaryAccuracy.self, ["binary_accuracy"], { _ in BinaryAccuracy() }),
      (CategoricalAccuracy.self, ["categorical_accuracy"], { _ in CategoricalAccuracy() }),
      (
        SparseCategoricalAccuracy.self, ["sparse_categorical_accuracy"],
        { _ in SparseCategoricalAccuracy() }
      ),
      (
        TopKCategoricalAccuracy.self, ["top_k_categorical_accuracy"],
        { _ in TopKCategoricalAccuracy() }
      ),
      (
        TopKCategoricalAccuracy.self, ["sparse_top_k_categorical_accuracy"],
        { _ in
          TopKCategoricalAccuracy(oneHotLabels: false, name: "sparse_top_k_categorical_accuracy")
        }
      ),
      (Precision.self, ["precision"], { _ in Precision() }),
      (Recall.self, ["recall"], { _ in Recall() }),
      (LossMean.self, ["mse"], { _ in LossMean(MeanSquaredError(), name: "mse") }),
      (LossMean.self, ["mae"], { _ in LossMean(MeanAbsoluteError(), name: "mae") }),
      (
        LossMean.self, ["mean_squared_error"],
        { _ in LossMean(MeanSquaredError(), name: "mean_squared_error") }
      ),
      (
        LossMean.self, ["mean_absolute_error"],
        { _ in LossMean(MeanAbsoluteError(), name: "mean_absolute_error") }
      ),
    ]

/// The schedules a model file may name without registering them.
let builtInSchedules: [any SavableSchedule.Type] = [
  ExponentialDecay.self, PiecewiseConstantDecay.self, CosineDecay.self,
]
