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
    return try evaluate(TensorBatches(x: x, y: y, batchSize: batchSize, order: .inOrder), callbacks: callbacks)
  }

  /// The loss and metrics over a dataset of (inputs, labels) batches, without training.
  ///
  /// - Throws: ``TrainingError/notCompiled(model:)`` before `compile`.
  public func evaluate(_ data: Dataset<(Tensor, Tensor)>, callbacks: [Callback] = []) throws -> Logs {
    try evaluate(AnySequence(data), callbacks: callbacks)
  }

  private func evaluate<Batches: Sequence<(Tensor, Tensor)>>(_ batches: Batches, callbacks: [Callback])
    throws -> Logs
  {
    guard loss != nil else { throw TrainingError.notCompiled(model: name) }
    for callback in callbacks { callback.model = self }
    callbacks.forEach { $0.onTestBegin(logs: [:]) }
    let logs = try evaluationLogs(batches)
    callbacks.forEach { $0.onTestEnd(logs: logs) }
    return logs
  }

  /// The model's outputs for inputs, computed in batches (at inference: dropout off, batch
  /// normalization on its running statistics) and joined along the first axis.
  ///
  /// Keras: `model.predict`.
  /// - Precondition: `batchSize` is positive.
  public func predict(_ x: Tensor, batchSize: Int = 32) -> Tensor {
    guard batchSize > 0 else { fatalError("\(name): predict needs a positive batchSize, got \(batchSize)") }
    let count = x.shape[0]
    guard count > batchSize else { return runInference(x) }
    let outputs = stride(from: 0, to: count, by: batchSize).map { start in
      runInference(x[start..<Swift.min(start + batchSize, count)])
    }
    return concat(outputs)
  }

  /// The model's outputs for every batch of a dataset of inputs, joined along the first axis.
  public func predict(_ data: Dataset<Tensor>) -> Tensor {
    concat(data.map { runInference($0) })
  }
}
