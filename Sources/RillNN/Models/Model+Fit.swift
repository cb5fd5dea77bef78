import RillCore
import RillData

extension Model {
  /// Trains the model on tensors: `epochs` passes over the examples in batches, with an
  /// optimizer step per batch, reporting the loss and metrics.
  ///
  /// ```swift
  /// let history = try model.fit(x: images, y: labels, batchSize: 256, epochs: 10,
  ///                             validationData: (testImages, testLabels))
  /// history["val_accuracy"]   // one value per epoch
  /// ```
  /// - Parameters:
  ///   - x: the inputs, examples along the first axis.
  ///   - y: the labels, examples along the first axis.
  ///   - batchSize: examples per step (the last batch may be smaller).
  ///   - epochs: the index of the last epoch: `epochs - initialEpoch` passes over the data.
  ///   - initialEpoch: the epoch to start at (0-based), to resume an earlier run, so that epoch
  ///     numbers in callbacks, the progress bar and checkpoint names go on from there.
  ///   - validationData: inputs and labels evaluated after each epoch (`val_` logs).
  ///   - validationSplit: the fraction of the examples, taken from the end before shuffling,
  ///     set aside for validation instead.
  ///   - shuffle: whether each epoch visits the examples in a new order (drawn from the global
  ///     random sequence, so runs are reproducible).
  ///   - callbacks: hooks called during training.
  ///   - verbose: 0 silent, 1 a progress bar (one line per epoch when the output is not a
  ///     terminal), 2 one line per epoch.
  /// - Returns: the history of the epochs' logs.
  /// - Throws: ``TrainingError`` if the model is not compiled or the data do not fit together.
  /// Keras: `model.fit`.
  @discardableResult
  public func fit(
    x: Tensor, y: Tensor, batchSize: Int = 32, epochs: Int = 1, initialEpoch: Int = 0,
    validationData: (Tensor, Tensor)? = nil, validationSplit: Double = 0, shuffle: Bool = true,
    callbacks: [Callback] = [], verbose: Int = 1
  ) throws -> History {
    try checkExamples(x, y)
    guard batchSize > 0, epochs >= 0 else {
      throw TrainingError.invalidArgument("batchSize must be positive and epochs not negative")
    }
    try checkInitialEpoch(initialEpoch)
    guard validationSplit >= 0 && validationSplit < 1 else {
      throw TrainingError.invalidArgument("validationSplit \(validationSplit) is not in [0, 1)")
    }
    var (trainX, trainY) = (x, y)
    var validation = validationData
    if validationSplit > 0 {
      let count = x.shape[0]
      let kept = count - Int((Double(count) * validationSplit).rounded(.down))
      (trainX, trainY) = (x[..<kept], y[..<kept])
      validation = (x[kept...], y[kept...])
    }
    if let validation { try checkExamples(validation.0, validation.1) }
    let count = trainX.shape[0]
    guard count > 0 else { throw TrainingError.noExamples }
    // Under a distribution strategy each batch is split between the processes.
    let part = distributionStrategy.map { TensorBatches.Part(index: $0.rank, count: $0.worldSize) }
    let steps = TensorBatches.count(examples: count, batchSize: batchSize, part: part)
    return try train(
      epochs: initialEpoch..<Swift.max(initialEpoch, epochs), steps: steps, callbacks: callbacks,
      verbose: verbose, agreeOnEachStep: false,
      batches: { _ in
        TensorBatches(
          x: trainX, y: trainY, batchSize: batchSize,
          order: shuffle ? .shuffled(try self.agreedSeed()) : .inOrder, part: part)
      },
      validate: validation.map { data in
        {
          try self.evaluationLogs(
            TensorBatches(x: data.0, y: data.1, batchSize: batchSize, order: .inOrder, part: part),
            acrossProcesses: true)
        }
      })
  }

  /// Trains the model on a dataset of (inputs, labels) batches: `epochs - initialEpoch` passes
  /// over it (see the tensor form for the parameters).
  ///
  /// The dataset provides the batching, shuffling and prefetching (see `Dataset`).
  /// - Throws: ``TrainingError`` if the model is not compiled.
  @discardableResult
  public func fit(
    _ data: Dataset<(Tensor, Tensor)>, epochs: Int = 1, initialEpoch: Int = 0,
    validationData: Dataset<(Tensor, Tensor)>? = nil, callbacks: [Callback] = [], verbose: Int = 1
  ) throws -> History {
    try checkInitialEpoch(initialEpoch)
    let steps: Int? = if case .finite(let count) = data.cardinality { count } else { nil }
    let agreeOnEachStep = try !checkStepsAgree(steps)
    return try train(
      epochs: initialEpoch..<Swift.max(initialEpoch, epochs), steps: steps, callbacks: callbacks,
      verbose: verbose,
      agreeOnEachStep: agreeOnEachStep,
      batches: { _ in AnySequence(data) },
      validate: validationData.map { validation in
        { try self.evaluationLogs(AnySequence(validation), acrossProcesses: true) }
      })
  }

  /// The training loop behind both forms of `fit`.
  ///
  /// Under a distribution strategy with `agreeOnEachStep`, the processes agree before each step
  /// whether all have a batch.
  private func train<Batches: Sequence<(Tensor, Tensor)>>(
    epochs: Range<Int>, steps: Int?, callbacks: [Callback], verbose: Int, agreeOnEachStep: Bool,
    batches: (Int) throws -> Batches, validate: (() throws -> Logs)?
  ) throws -> History {
    guard optimizer != nil, loss != nil else { throw TrainingError.notCompiled(model: name) }
    let history = History()
    var all = callbacks + [history]
    if verbose > 0 { all.append(ProgressBar()) }
    if let distributionStrategy, !distributionStrategy.isChief { all.removeAll { $0.isChiefOnly } }
    for callback in all {
      callback.model = self
      callback.parameters = TrainingParameters(
        epochs: epochs.upperBound, steps: steps, verbose: verbose)
    }
    stopTraining = false
    callbackFailure = nil
    all.forEach { $0.onTrainBegin(logs: [:]) }
    var epochLogs: Logs = [:]
    var synchronized = false
    for epoch in epochs where !stopTraining {
      all.forEach { $0.onEpochBegin(epoch, logs: [:]) }
      trainingLossTracker.reset()
      metrics.forEach { $0.reset() }
      var epochBatches = try batches(epoch).makeIterator()
      for step in 0... {
        guard let (x, y) = try nextBatch(&epochBatches, agreeing: agreeOnEachStep) else { break }
        if !synchronized {
          try synchronizeProcesses(firstBatch: x)
          synchronized = true
        }
        all.forEach { $0.onTrainBatchBegin(step, logs: [:]) }
        runTrainStep(x, y)
        try distributionStrategy?.checkFailure()
        // The step kept the loss and metrics in its variables; they are read only for a
        // callback that needs this batch's logs.
        let logs = batchLogs(for: all, loss: trainingLossTracker)
        all.forEach { $0.onTrainBatchEnd(step, logs: logs) }
        if stopTraining { break }
      }
      epochLogs = try currentLogs(loss: trainingLossTracker, acrossProcesses: true)
      if let validate {
        for (key, value) in try validate() { epochLogs["val_" + key] = value }
      }
      all.forEach { $0.onEpochEnd(epoch, logs: epochLogs) }
      if let failure = callbackFailure {
        callbackFailure = nil
        throw failure
      }
    }
    all.forEach { $0.onTrainEnd(logs: epochLogs) }
    return history
  }

  /// Throws unless `initialEpoch` is a valid epoch index.
  private func checkInitialEpoch(_ initialEpoch: Int) throws {
    guard initialEpoch >= 0 else {
      throw TrainingError.invalidArgument("initialEpoch \(initialEpoch) is negative")
    }
  }

  /// The running logs after a batch when one of `callbacks` needs them (see
  /// ``Callback/needsBatchLogs``), else empty logs, so that nothing is read back from the step.
  private func batchLogs(for callbacks: [Callback], loss: Mean) -> Logs {
    callbacks.contains { $0.needsBatchLogs } ? currentLogs(loss: loss) : [:]
  }

  /// The loss tracker's and the metrics' current values.
  func currentLogs(loss: Mean) -> Logs {
    var logs: Logs = ["loss": loss.result().item()]
    for metric in metrics { logs[metric.name] = metric.result().item() }
    return logs
  }

  /// The loss and metrics over a sequence of batches, evaluated without training; with
  /// `acrossProcesses`, over every process's batches under a distribution strategy.
  func evaluationLogs<Batches: Sequence<(Tensor, Tensor)>>(
    _ batches: Batches, callbacks: [Callback] = [], acrossProcesses: Bool = false
  ) throws -> Logs {
    let lossTracker = evaluationLossTracker
    lossTracker.reset()
    metrics.forEach { $0.reset() }
    for (batch, (x, y)) in batches.enumerated() {
      runTestStep(x, y)
      guard !callbacks.isEmpty else { continue }
      let logs = batchLogs(for: callbacks, loss: lossTracker)
      callbacks.forEach { $0.onTestBatchEnd(batch, logs: logs) }
    }
    let logs = try currentLogs(loss: lossTracker, acrossProcesses: acrossProcesses)
    metrics.forEach { $0.reset() }
    return logs
  }

  /// Throws unless inputs and labels have the same number of examples.
  func checkExamples(_ x: Tensor, _ y: Tensor) throws {
    guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0] else {
      throw TrainingError.mismatchedExamples(inputs: x.shape, labels: y.shape)
    }
  }
}

/// The batches of an epoch over tensors, in order or in a seeded random order, or one
/// process's part of each (see ``Part``).
struct TensorBatches: Sequence {
  enum Order {
    case inOrder
    case shuffled(UInt64)
  }

  let x: Tensor
  let y: Tensor
  let batchSize: Int
  let order: Order
  var part: Part? = nil

  func makeIterator() -> AnyIterator<(Tensor, Tensor)> {
    let count = x.shape[0]
    var permutation: [Int32]? = nil
    if case .shuffled(let seed) = order {
      var generator = SplitMix64(seed: seed)
      var order = Array(0..<Int32(count))
      generator.shuffle(&order)
      permutation = order
    }
    var start = 0
    return AnyIterator {
      guard start < count else { return nil }
      let end = Swift.min(start + batchSize, count)
      defer { start = end }
      var rows = start..<end
      if let part {
        guard let own = part.rows(of: rows) else { return nil }
        rows = own
      }
      guard let permutation else { return (x[rows], y[rows]) }
      let indices = Tensor(Array(permutation[rows]))
      return (x.gathering(atIndices: indices), y.gathering(atIndices: indices))
    }
  }
}
