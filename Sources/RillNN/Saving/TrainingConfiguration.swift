import RillCore

/// What `compile` was given, as a model file holds it: the optimizer's class and settings, the
/// loss's, and the metrics' names. Keras: the `compile_config` of `config.json`.
///
/// Only what Rill can recreate is written: built-in optimizers with a constant learning rate,
/// built-in losses, and metrics that `compile` recreates from their names. A model whose
/// optimizer or loss is custom is saved without its compile configuration (the file's
/// `compile_config` is null) and loads uncompiled; metrics that cannot be recreated are left
/// out and listed under `unsaved_metrics`.
struct TrainingConfiguration {
  var optimizer: ConfigurationValue
  var loss: ConfigurationValue
  var metrics: [String]

  /// The compile configuration of `model`, or `nil` when it is not compiled or its optimizer
  /// or loss has no saved form.
  init?(of model: Model) {
    guard let compiledLoss = model.loss, let optimizer = model.optimizer.flatMap(savedOptimizer),
      let loss = savedLoss(compiledLoss)
    else { return nil }
    self.optimizer = optimizer
    self.loss = loss
    metrics = model.metrics.compactMap { metric in
      guard let remade = try? metric.name.makeMetric(for: compiledLoss),
        type(of: remade) == type(of: metric), remade.name == metric.name
      else { return nil }
      return metric.name
    }
  }

  /// The metrics of `model` that have no saved form.
  static func unsavedMetrics(of model: Model, saved: [String]) -> [String] {
    model.metrics.map(\.name).filter { !saved.contains($0) }
  }

  /// The configuration as `config.json` writes it.
  var savedForm: ConfigurationValue {
    ["optimizer": optimizer, "loss": loss, "metrics": .array(metrics.map { .string($0) })]
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
    guard case .array(let names) = form["metrics"] else {
      throw form.invalid("metrics", "a list of metric names")
    }
    metrics = try names.map { name in
      guard case .string(let text) = name else {
        throw form.invalid("metrics", "a list of metric names")
      }
      return text
    }
  }

  /// Compiles `model` as this configuration says.
  func compile(_ model: Model) throws {
    try model.compile(
      optimizer: try makeOptimizer(from: optimizer), loss: try makeLoss(from: loss),
      metrics: metrics)
  }
}

/// A class name and its settings, as optimizers and losses are saved.
private func classForm(
  _ className: String, _ config: [String: ConfigurationValue]
) -> ConfigurationValue {
  ["class_name": .string(className), "config": .object(config)]
}

/// The class name and configuration saved in `form`.
private func readClassForm(_ form: ConfigurationValue, kind: String) throws -> (
  String, Configuration
) {
  guard case .object(let values) = form else {
    throw ModelFileError.invalidConfiguration(
      className: kind, key: "class_name", expected: "an object with a class name")
  }
  let outer = Configuration(className: kind, values: values)
  let name = try outer.string("class_name")
  return (name, Configuration(className: name, values: try outer.object("config")))
}

/// The optimizer's class and settings, or `nil` for a custom optimizer or one with a schedule.
private func savedOptimizer(_ optimizer: Optimizer) -> ConfigurationValue? {
  guard optimizer.schedule == nil else { return nil }
  var config: [String: ConfigurationValue] = [
    "learning_rate": .double(optimizer.learningRate),
    "clipvalue": optimizer.clipValue.map { .double($0) } ?? .null,
    "clipnorm": optimizer.clipNorm.map { .double($0) } ?? .null,
    "global_clipnorm": optimizer.globalClipNorm.map { .double($0) } ?? .null,
    "weight_decay": optimizer.weightDecay.map { .double($0) } ?? .null,
  ]
  let className: String
  switch optimizer {
  case let sgd as SGD:
    className = "SGD"
    config["momentum"] = .double(sgd.momentum)
    config["nesterov"] = .bool(sgd.nesterov)
  case let adam as Adam:
    className = adam is AdamW ? "AdamW" : "Adam"
    config["beta_1"] = .double(adam.beta1)
    config["beta_2"] = .double(adam.beta2)
    config["epsilon"] = .double(adam.epsilon)
    config["amsgrad"] = .bool(adam.amsgrad)
  case let rmsprop as RMSprop:
    className = "RMSprop"
    config["rho"] = .double(rmsprop.rho)
    config["momentum"] = .double(rmsprop.momentum)
    config["epsilon"] = .double(rmsprop.epsilon)
    config["centered"] = .bool(rmsprop.centered)
  case let adagrad as Adagrad:
    className = "Adagrad"
    config["initial_accumulator_value"] = .double(adagrad.initialAccumulatorValue)
    config["epsilon"] = .double(adagrad.epsilon)
  default:
    return nil
  }
  return classForm(className, config)
}

/// The optimizer saved in `form`.
private func makeOptimizer(from form: ConfigurationValue) throws -> Optimizer {
  let (name, config) = try readClassForm(form, kind: "optimizer")
  let learningRate = try config.double("learning_rate")
  let optimizer: Optimizer
  switch name {
  case "SGD":
    optimizer = SGD(
      learningRate: learningRate, momentum: try config.double("momentum"),
      nesterov: try config.bool("nesterov"))
  case "Adam", "AdamW":
    let (beta1, beta2) = (try config.double("beta_1"), try config.double("beta_2"))
    let (epsilon, amsgrad) = (try config.double("epsilon"), try config.bool("amsgrad"))
    optimizer =
      name == "Adam"
      ? Adam(
        learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad)
      : AdamW(
        learningRate: learningRate, weightDecay: try config.double("weight_decay"), beta1: beta1,
        beta2: beta2, epsilon: epsilon, amsgrad: amsgrad)
  case "RMSprop":
    optimizer = RMSprop(
      learningRate: learningRate, rho: try config.double("rho"),
      momentum: try config.double("momentum"), epsilon: try config.double("epsilon"),
      centered: try config.bool("centered"))
  case "Adagrad":
    optimizer = Adagrad(
      learningRate: learningRate,
      initialAccumulatorValue: try config.double("initial_accumulator_value"),
      epsilon: try config.double("epsilon"))
  default:
    throw ModelFileError.unknownClass(name, kind: "optimizer")
  }
  optimizer.clipValue = try config.optionalDouble("clipvalue")
  optimizer.clipNorm = try config.optionalDouble("clipnorm")
  optimizer.globalClipNorm = try config.optionalDouble("global_clipnorm")
  optimizer.weightDecay = try config.optionalDouble("weight_decay")
  return optimizer
}

/// The loss's class and settings, or `nil` for a custom loss.
private func savedLoss(_ loss: any Loss) -> ConfigurationValue? {
  let reduction: ConfigurationValue =
    switch loss.reduction {
    case .sumOverBatchSize: "sum_over_batch_size"
    case .sum: "sum"
    case .none: "none"
    }
  switch loss {
  case let loss as SparseCategoricalCrossentropy:
    return classForm(
      "SparseCategoricalCrossentropy",
      ["from_logits": .bool(loss.fromLogits), "reduction": reduction])
  case let loss as CategoricalCrossentropy:
    return classForm(
      "CategoricalCrossentropy", ["from_logits": .bool(loss.fromLogits), "reduction": reduction])
  case let loss as BinaryCrossentropy:
    return classForm(
      "BinaryCrossentropy", ["from_logits": .bool(loss.fromLogits), "reduction": reduction])
  case is MeanSquaredError: return classForm("MeanSquaredError", ["reduction": reduction])
  case is MeanAbsoluteError: return classForm("MeanAbsoluteError", ["reduction": reduction])
  case let loss as Huber:
    return classForm("Huber", ["delta": .double(loss.delta), "reduction": reduction])
  default: return nil
  }
}

/// The loss saved in `form`.
private func makeLoss(from form: ConfigurationValue) throws -> any Loss {
  let (name, config) = try readClassForm(form, kind: "loss")
  let reduction: LossReduction
  switch try config.string("reduction") {
  case "sum_over_batch_size": reduction = .sumOverBatchSize
  case "sum": reduction = .sum
  case "none": reduction = .none
  default: throw config.invalid("reduction", "\"sum_over_batch_size\", \"sum\" or \"none\"")
  }
  switch name {
  case "SparseCategoricalCrossentropy":
    return SparseCategoricalCrossentropy(
      fromLogits: try config.bool("from_logits"), reduction: reduction)
  case "CategoricalCrossentropy":
    return CategoricalCrossentropy(fromLogits: try config.bool("from_logits"), reduction: reduction)
  case "BinaryCrossentropy":
    return BinaryCrossentropy(fromLogits: try config.bool("from_logits"), reduction: reduction)
  case "MeanSquaredError": return MeanSquaredError(reduction: reduction)
  case "MeanAbsoluteError": return MeanAbsoluteError(reduction: reduction)
  case "Huber": return Huber(delta: try config.double("delta"), reduction: reduction)
  default: throw ModelFileError.unknownClass(name, kind: "loss")
  }
}
