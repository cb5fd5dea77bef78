import RillCore
import RillData

extension Model {
  /// The loss and metrics on labelled examples, without training.
  ///
  /// ```swift
  /// let logs = try model.evaluate(x: testImages, y: testLabels)
  /// print(logs["accuracy"]!)
  /// ```
  /// - Throws: ``TrainingError`` if the model is not compiled or the data do not fit together.
  /// Keras: `model.evaluate(..., return_dict=True)`.
  public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 32, callbacks: [Callback] = [])
    throws -> Logs
  {
    try checkExamples(x, y)
    guard batchSize > 0 else { throw TrainingError.invalidArgument("batchSize must be positive") }
    return try evaluate(
      TensorBatches(x: x, y: y, batchSize: batchSize, order: .inOrder), callbacks: callbacks)
  }

  /// The loss and metrics over a dataset of (inputs, labels) batches, without training.
  ///
  /// - Throws: ``TrainingError/notCompiled(model:)`` before `compile`.
  public func evaluate(_ data: Dataset<(Tensor, Tensor)>, callbacks: [Callback] = []) throws -> Logs
  {
    try evaluate(AnySequence(data), callbacks: callbacks)
  }

  private func evaluate<Batches: Sequence<(Tensor, Tensor)>>(
    _ batches: Batches, callbacks: [Callback]
  )
    throws -> Logs
  {
    guard loss != nil else { throw TrainingError.notCompiled(model: name) }
    for callback in callbacks { callback.model = self }
    callbacks.forEach { $0.onTestBegin(logs: [:]) }
    let logs = evaluationLogs(batches, callbacks: callbacks)
    callbacks.forEach { $0.onTestEnd(logs: logs) }
    return logs
  }

  /// The model's outputs for inputs, computed in batches (at inference: dropout off, batch
  /// normalization on its running statistics) and joined along the first axis.
  ///
  /// Callbacks hear ``Callback/onPredictBegin(logs:)``, ``Callback/onPredictBatchEnd(_:logs:)``
  /// after each batch and ``Callback/onPredictEnd(logs:)``. Keras: `model.predict`.
  /// - Precondition: `batchSize` is positive.
  public func predict(_ x: Tensor, batchSize: Int = 32, callbacks: [Callback] = []) -> Tensor {
    guard batchSize > 0 else {
      fatalError("\(name): predict needs a positive batchSize, got \(batchSize)")
    }
    let count = x.shape[0]
    let batches = stride(from: 0, to: Swift.max(count, 1), by: batchSize).lazy.map { start in
      count > batchSize ? x[start..<Swift.min(start + batchSize, count)] : x
    }
    return predict(batches, callbacks: callbacks)
  }

  /// The model's outputs for every batch of a dataset of inputs, joined along the first axis.
  ///
  /// Callbacks hear the same events as with ``predict(_:batchSize:callbacks:)``.
  public func predict(_ data: Dataset<Tensor>, callbacks: [Callback] = []) -> Tensor {
    predict(AnySequence(data), callbacks: callbacks)
  }

  private func predict<Batches: Sequence<Tensor>>(_ batches: Batches, callbacks: [Callback])
    -> Tensor
  {
    for callback in callbacks { callback.model = self }
    callbacks.forEach { $0.onPredictBegin(logs: [:]) }
    var outputs: [Tensor] = []
    for (batch, x) in batches.enumerated() {
      outputs.append(runInference(x))
      callbacks.forEach { $0.onPredictBatchEnd(batch, logs: [:]) }
    }
    callbacks.forEach { $0.onPredictEnd(logs: [:]) }
    return outputs.count == 1 ? outputs[0] : concat(outputs)
  }
}
