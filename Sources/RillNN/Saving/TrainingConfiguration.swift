import RillCore

/// What `compile` was given, as a model file holds it: the optimizer's class and settings, the
/// loss's, and the metrics'.
///
/// Keras: the `compile_config` of `config.json`.
///
/// Each class writes its own settings (``SavableOptimizer``, ``SavableLoss``,
/// ``SavableMetric``, ``SavableSchedule``) and is found again through its registry. A model
/// whose optimizer, schedule or loss has no saved form is saved without its compile
/// configuration (the file's `compile_config` is null) and loads uncompiled; metrics without a
/// saved form are left out and listed under `unsaved_metrics`, except those `compile` makes
/// again from their name (`"mse"`), which are written as that name.
struct TrainingConfiguration {
  var optimizer: ConfigurationValue
  var loss: ConfigurationValue
  var metrics: [ConfigurationValue]
  /// The names of the metrics that have no saved form.
  var unsavedMetrics: [String]

  /// The compile configuration of `model`, or `nil` when it is not compiled or its optimizer
  /// or loss has no saved form.
  init?(of model: Model) {
    guard let compiledLoss = model.loss, let optimizer = model.optimizer?.savedForm,
      let loss = savedLoss(compiledLoss)
    else { return nil }
    self.optimizer = optimizer
    self.loss = loss
    metrics = []
    unsavedMetrics = []
    for metric in model.metrics {
      if let form = savedMetric(metric) {
        metrics.append(form)
      } else if let remade = MetricRegistry.make(shortName: metric.name, for: compiledLoss),
        type(of: remade) == type(of: metric), remade.name == metric.name
      {
        metrics.append(.string(metric.name))
      } else {
        unsavedMetrics.append(metric.name)
      }
    }
  }

  /// The metrics of `model` that have no saved form, when the model has no compile
  /// configuration at all.
  static func unsavedMetrics(of model: Model) -> [String] {
    model.metrics.map(\.name)
  }

  /// The configuration as `config.json` writes it.
  var savedForm: ConfigurationValue {
    ["optimizer": optimizer, "loss": loss, "metrics": .array(metrics)]
  }

  /// Reads the configuration back from its saved form.
  init(savedForm: ConfigurationValue) throws {
    guard case .object(let values) = savedForm else {
      throw ModelFileError.invalidConfiguration(
        className: "model", key: "compile_config", expected: "an object or null")
    }
    let form = Configuration(className: "compile_config", values: values)
    optimizer = .object(try form.object("optimizer"))
    loss = .object(try form.object("loss"))
    guard case .array(let saved) = form["metrics"] else {
      throw form.invalid("metrics", "a list of metric names and objects")
    }
    metrics = saved
    unsavedMetrics = []
  }

  /// Compiles `model` as this configuration says.
  ///
  /// - Throws: ``ModelFileError`` when a class is unknown or a setting invalid, and
  ///   ``TrainingError/unknownName(_:kind:)`` for a metric name `compile` does not know.
  func compile(_ model: Model) throws {
    let metrics = try metrics.map { form -> any MetricConvertible in
      switch form {
      case .string(let name): return name
      case .object: return try makeMetric(from: form)
      default:
        throw ModelFileError.invalidConfiguration(
          className: "compile_config", key: "metrics",
          expected: "a list of metric names and objects")
      }
    }
    try model.compile(
      optimizer: try makeOptimizer(from: optimizer), loss: try makeLoss(from: loss),
      metrics: metrics)
  }
}
