import Foundation
import Rill

/// The object behind a `RillModel*`: a built model and the examples it takes and gives.
final class ModelBox {
  let model: Model
  /// One input example (shape without the batch axis, and dtype).
  let input: TensorSpec
  /// One output example.
  let output: TensorSpec

  init(model: Model, input: TensorSpec, output: TensorSpec) {
    self.model = model
    self.input = input
    self.output = output
  }
}

/// The live model behind `handle`, or an error naming the call.
private func liveModel(_ handle: OpaquePointer?, _ what: String) throws -> ModelBox {
  guard let box = Handles.object(handle, as: ModelBox.self) else {
    throw CallError.invalid(
      handle == nil ? "\(what): model is NULL" : "\(what): not a live RillModel")
  }
  return box
}

/// A C string argument, or an error naming it.
private func string(_ pointer: UnsafePointer<CChar>?, _ what: String) throws -> String {
  guard let pointer else { throw CallError.invalid("\(what) is NULL") }
  return String(cString: pointer)
}

/// A positive batch size, or an error naming the call.
private func checkedBatchSize(_ value: Int64, _ what: String) throws -> Int {
  guard value >= 1, value <= Int64(Int32.max) else {
    throw CallError.invalid("\(what): batch_size \(value) must be positive")
  }
  return Int(value)
}

/// Loads a model directory; see `rill.h`.
///
/// - Parameters:
///   - directory: the model directory's path.
///   - status: receives the outcome.
/// - Returns: a new model handle, or NULL.
@_cdecl("rill_model_load")
public func rill_model_load(_ directory: UnsafePointer<CChar>?, _ status: OpaquePointer?)
  -> OpaquePointer?
{
  withStatus(status, failure: nil) {
    let url = URL(fileURLWithPath: try string(directory, "rill_model_load: directory"))
    // The description is checked here first: Model.load builds whatever the file describes.
    let description = try CheckedSequential(
      json: try savedDescription(inDirectory: url), source: url.path)
    let model = try Model.load(from: url)
    return Handles.register(
      ModelBox(model: model, input: description.input, output: description.output))
  }
}

/// A Sequential model from JSON; see `rill.h`.
///
/// - Parameters:
///   - json: the model's description, as `config.json` holds it.
///   - status: receives the outcome.
/// - Returns: a new, built, uncompiled model handle, or NULL.
@_cdecl("rill_model_from_json")
public func rill_model_from_json(_ json: UnsafePointer<CChar>?, _ status: OpaquePointer?)
  -> OpaquePointer?
{
  withStatus(status, failure: nil) {
    let description = try CheckedSequential(
      json: try string(json, "rill_model_from_json: json"), source: "rill_model_from_json")
    description.build()
    return Handles.register(
      ModelBox(model: description.model, input: description.input, output: description.output))
  }
}

/// Frees a model; see `rill.h`.
///
/// - Parameter model: a model handle, or NULL.
@_cdecl("rill_model_delete")
public func rill_model_delete(_ model: OpaquePointer?) {
  Handles.remove(model, as: ModelBox.self)
}

/// Compiles a model by names; see `rill.h`.
///
/// - Parameters:
///   - model: a model handle.
///   - optimizer: the optimizer's name.
///   - loss: the loss's name.
///   - metrics: `metricCount` metric names.
///   - metricCount: how many metrics.
///   - status: receives the outcome.
/// - Returns: 0, or -1.
@_cdecl("rill_model_compile")
public func rill_model_compile(
  _ model: OpaquePointer?, _ optimizer: UnsafePointer<CChar>?, _ loss: UnsafePointer<CChar>?,
  _ metrics: UnsafePointer<UnsafePointer<CChar>?>?, _ metricCount: Int32,
  _ status: OpaquePointer?
) -> Int32 {
  withStatus(status, failure: -1) {
    let box = try liveModel(model, "rill_model_compile")
    let optimizerName = try string(optimizer, "rill_model_compile: optimizer")
    let lossName = try string(loss, "rill_model_compile: loss")
    guard metricCount >= 0, metricCount == 0 || metrics != nil else {
      throw CallError.invalid("rill_model_compile: metrics is NULL for \(metricCount) names")
    }
    let metricNames = try (0..<Int(metricCount)).map {
      try string(metrics?[$0], "rill_model_compile: metric \($0)")
    }
    // Everything is checked before the model changes.
    do {
      _ = try optimizerName.makeOptimizer()
      let made = try lossName.makeLoss()
      let sparse = made.name == "sparse_categorical_crossentropy"
      guard sparse || ModelChecks.denseLabelLosses.contains(made.name) else {
        throw CallError.invalid("rill_model_compile: loss '\(lossName)' is not supported from C")
      }
      for name in metricNames {
        let metric = try name.makeMetric(for: made).name
        guard (sparse ? ModelChecks.sparseMetrics : ModelChecks.denseMetrics).contains(metric)
        else {
          throw CallError.invalid(
            "rill_model_compile: metric '\(name)' does not fit loss '\(lossName)' from C")
        }
      }
    } catch let error as TrainingError {
      throw CallError(.notFound, "rill_model_compile: \(error)")
    }
    try box.model.compile(optimizer: optimizerName, loss: lossName, metrics: metricNames)
    return 0
  }
}

/// A model's outputs; see `rill.h`.
///
/// - Parameters:
///   - model: a model handle.
///   - x: the inputs, examples along the first axis.
///   - batchSize: examples per step.
///   - status: receives the outcome.
/// - Returns: a new tensor handle, or NULL.
@_cdecl("rill_model_predict")
public func rill_model_predict(
  _ model: OpaquePointer?, _ x: OpaquePointer?, _ batchSize: Int64, _ status: OpaquePointer?
) -> OpaquePointer? {
  withStatus(status, failure: nil) {
    let what = "rill_model_predict"
    let box = try liveModel(model, what)
    let inputs = try liveTensor(x, "\(what): x")
    try ModelChecks.checkInputs(inputs, example: box.input, what)
    let size = try checkedBatchSize(batchSize, what)
    try checkAllocatable(
      [inputs.shape[0]] + box.output.shape.dimensions, dtype: box.output.dtype, what)
    return Handles.register(TensorBox(box.model.predict(inputs, batchSize: size)))
  }
}

/// A model's loss and metrics on labelled examples; see `rill.h`.
///
/// - Parameters:
///   - model: a compiled model handle.
///   - x: the inputs.
///   - y: the labels.
///   - batchSize: examples per step.
///   - status: receives the outcome.
/// - Returns: a new logs handle, or NULL.
@_cdecl("rill_model_evaluate")
public func rill_model_evaluate(
  _ model: OpaquePointer?, _ x: OpaquePointer?, _ y: OpaquePointer?, _ batchSize: Int64,
  _ status: OpaquePointer?
) -> OpaquePointer? {
  withStatus(status, failure: nil) {
    let what = "rill_model_evaluate"
    let box = try liveModel(model, what)
    let (inputs, labels) = (try liveTensor(x, "\(what): x"), try liveTensor(y, "\(what): y"))
    try ModelChecks.checkInputs(inputs, example: box.input, what)
    try ModelChecks.checkLabels(
      labels, count: inputs.shape[0], output: box.output, model: box.model, what)
    let logs = try box.model.evaluate(
      x: inputs, y: labels, batchSize: try checkedBatchSize(batchSize, what))
    return Handles.register(LogsBox(logs))
  }
}

/// Trains a model; see `rill.h`.
///
/// - Parameters:
///   - model: a compiled model handle.
///   - x: the inputs.
///   - y: the labels.
///   - epochs: passes over the data.
///   - batchSize: examples per step.
///   - validationX: validation inputs, or NULL.
///   - validationY: validation labels, or NULL.
///   - callback: called after each epoch, or NULL.
///   - userData: passed to the callback.
///   - status: receives the outcome.
/// - Returns: the last epoch's logs, a new handle, or NULL.
@_cdecl("rill_model_fit")
public func rill_model_fit(
  _ model: OpaquePointer?, _ x: OpaquePointer?, _ y: OpaquePointer?, _ epochs: Int32,
  _ batchSize: Int64, _ validationX: OpaquePointer?, _ validationY: OpaquePointer?,
  _ callback: (@convention(c) (Int32, OpaquePointer?, UnsafeMutableRawPointer?) -> Int32)?,
  _ userData: UnsafeMutableRawPointer?, _ status: OpaquePointer?
) -> OpaquePointer? {
  withStatus(status, failure: nil) {
    let what = "rill_model_fit"
    let box = try liveModel(model, what)
    let (inputs, labels) = (try liveTensor(x, "\(what): x"), try liveTensor(y, "\(what): y"))
    try ModelChecks.checkInputs(inputs, example: box.input, what)
    try ModelChecks.checkLabels(
      labels, count: inputs.shape[0], output: box.output, model: box.model, what)
    var validation: (Tensor, Tensor)? = nil
    if validationX != nil || validationY != nil {
      let inputs = try liveTensor(validationX, "\(what): validation_x")
      let labels = try liveTensor(validationY, "\(what): validation_y")
      try ModelChecks.checkInputs(inputs, example: box.input, "\(what) (validation)")
      try ModelChecks.checkLabels(
        labels, count: inputs.shape[0], output: box.output, model: box.model,
        "\(what) (validation)")
      validation = (inputs, labels)
    }
    guard epochs >= 0 else { throw CallError.invalid("\(what): epochs \(epochs) is negative") }
    let size = try checkedBatchSize(batchSize, what)
    var last: Logs = [:]
    let report = LambdaCallback(onEpochEnd: { [weak model = box.model] epoch, logs in
      last = logs
      guard let callback else { return }
      let handle = Handles.register(LogsBox(logs))
      defer { Handles.remove(handle, as: LogsBox.self) }
      if callback(Int32(epoch), handle, userData) != 0 { model?.stopTraining = true }
    })
    try box.model.fit(
      x: inputs, y: labels, batchSize: size, epochs: Int(epochs), validationData: validation,
      callbacks: [report], verbose: 0)
    return Handles.register(LogsBox(last))
  }
}

/// Saves a model; see `rill.h`.
///
/// - Parameters:
///   - model: a model handle.
///   - directory: the directory's path, created if missing.
///   - status: receives the outcome.
/// - Returns: 0, or -1.
@_cdecl("rill_model_save")
public func rill_model_save(
  _ model: OpaquePointer?, _ directory: UnsafePointer<CChar>?, _ status: OpaquePointer?
) -> Int32 {
  withStatus(status, failure: -1) {
    let box = try liveModel(model, "rill_model_save")
    let path = try string(directory, "rill_model_save: directory")
    try box.model.save(to: URL(fileURLWithPath: path))
    return 0
  }
}

/// The rank of one input example of a model; see `rill.h`.
///
/// - Parameter model: a model handle.
/// - Returns: the rank, or -1.
@_cdecl("rill_model_input_rank")
public func rill_model_input_rank(_ model: OpaquePointer?) -> Int32 {
  Handles.object(model, as: ModelBox.self).map { Int32($0.input.shape.rank) } ?? -1
}

/// One dimension of an input example of a model; see `rill.h`.
///
/// - Parameters:
///   - model: a model handle.
///   - axis: 0 ≤ axis < the example's rank.
/// - Returns: the size, or -1.
@_cdecl("rill_model_input_dim")
public func rill_model_input_dim(_ model: OpaquePointer?, _ axis: Int32) -> Int64 {
  guard let shape = Handles.object(model, as: ModelBox.self)?.input.shape, axis >= 0,
    Int(axis) < shape.rank
  else { return -1 }
  return Int64(shape[Int(axis)])
}
