import RillCore

/// What `fit` does differently under a ``DistributionStrategy``: the processes start from the
/// chief's variables, shuffle alike, split the batches, agree on the number of steps and sum the
/// metrics' states.
extension Model {
  /// Builds the model on the first batch if needed, then starts it from the chief's state.
  ///
  /// Sets its variables and the optimizer's state (step count, slots) to the chief's, so that every process starts alike (after a
  /// checkpoint restored on the chief alone, say). Does nothing without a strategy.
  func synchronizeProcesses(firstBatch x: Tensor) throws {
    guard let distributionStrategy, let optimizer else { return }
    if !isBuilt || variables.isEmpty {
      // A forward pass creates the layers' variables (inference draws no random numbers).
      _ = initScope { self(x, training: false) }
    }
    let slots = trainableVariables.flatMap { optimizer.slots(for: $0) }
    try distributionStrategy.broadcast(variables + [optimizer.iterations] + slots)
  }

  /// The shuffling seed of an epoch: the chief's, so that every process visits the examples in
  /// the same order.
  func agreedSeed() throws -> UInt64 {
    let seed = RandomSeed.nextSeed()
    guard let distributionStrategy else { return seed }
    return try distributionStrategy.broadcast([seed])[0]
  }

  /// Checks that every process has the same number of steps per epoch, when known; returns
  /// whether they are known to agree (true without a strategy).
  ///
  /// - Throws: ``TrainingError/invalidArgument(_:)`` when the processes' counts differ, on
  ///   every process.
  func checkStepsAgree(_ steps: Int?) throws -> Bool {
    guard let distributionStrategy else { return true }
    let known = try distributionStrategy.sum([steps == nil ? 0 : 1])[0]
    guard Int(known) == distributionStrategy.worldSize, let steps else { return false }
    let chief = try distributionStrategy.broadcast([UInt64(steps)])[0]
    let differing = try distributionStrategy.sum([UInt64(steps) == chief ? 0 : 1])[0]
    guard differing == 0 else {
      throw TrainingError.invalidArgument(
        "the processes' datasets have different numbers of batches (the chief's has \(chief), "
          + "this process's \(steps)): shard them into equal parts")
    }
    return true
  }

  /// The next batch, or `nil` at the end of the epoch; with `agreeing`, `nil` on every process
  /// as soon as one has no batch left.
  func nextBatch<Batches: IteratorProtocol<(Tensor, Tensor)>>(
    _ batches: inout Batches, agreeing: Bool
  ) throws -> (Tensor, Tensor)? {
    let batch = batches.next()
    guard agreeing, let distributionStrategy else { return batch }
    let having = try distributionStrategy.sum([batch == nil ? 0 : 1])[0]
    return Int(having) == distributionStrategy.worldSize ? batch : nil
  }

  /// The loss tracker's and the metrics' current values; with `acrossProcesses`, under a
  /// strategy, over every process's examples: each state variable (sums and counts) is set to
  /// its sum over the processes first.
  func currentLogs(loss: Mean, acrossProcesses: Bool) throws -> Logs {
    guard acrossProcesses, let distributionStrategy else { return currentLogs(loss: loss) }
    let states = ([loss] + metrics).flatMap(\.stateVariables)
    let local = states.flatMap { $0.scalars(as: Double.self) }
    var summed = try distributionStrategy.sum(local)[...]
    for state in states {
      let values = Array(summed.prefix(state.scalarCount))
      summed = summed.dropFirst(state.scalarCount)
      state.assign(Tensor(shape: state.shape, scalars: values).cast(to: state.dtype))
    }
    return currentLogs(loss: loss)
  }
}

extension TensorBatches {
  /// One process's share of every batch: the batch's rows split into `count` contiguous runs
  /// as even as possible, of which this process takes run `index`.
  struct Part {
    let index: Int
    let count: Int

    /// This process's rows of the batch `rows`, or `nil` for a batch too small to give every
    /// process a row (the last batch of an epoch, which is then skipped on every process).
    func rows(of rows: Range<Int>) -> Range<Int>? {
      let size = rows.count
      guard size >= count else { return nil }
      return
        (rows.lowerBound + size * index / count)..<(rows.lowerBound + size * (index + 1) / count)
    }
  }

  /// The number of batches of an epoch over `examples`, without the last batch when a part
  /// would leave a process without rows.
  static func count(examples: Int, batchSize: Int, part: Part?) -> Int {
    let full = examples / batchSize
    let rest = examples % batchSize
    return full + (rest > 0 && rest >= (part?.count ?? 1) ? 1 : 0)
  }
}
