import Foundation
import RillNN
import RillTestSupport
import Testing

@testable import RillCore

/// Records, for each training batch, how many eager ops and host reads happened on this thread
/// between the batch's start and its end, without asking for the batch's logs.
private final class StepCounter: Callback {
  var eagerOperations: [Int] = []
  var hostReads: [Int] = []
  var logsSeen: [Logs] = []
  private var startOperations = 0
  private var startReads = 0

  override var needsBatchLogs: Bool { false }

  override func onTrainBatchBegin(_ batch: Int, logs: Logs) {
    startOperations = ExecutionContext.current.eagerOperationCount
    startReads = ExecutionContext.current.hostReadCount
  }

  override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
    eagerOperations.append(ExecutionContext.current.eagerOperationCount - startOperations)
    hostReads.append(ExecutionContext.current.hostReadCount - startReads)
    logsSeen.append(logs)
  }
}

private func classifier(seed: UInt64) -> Sequential {
  Sequential {
    Dense(8, activation: .relu, kernelInitializer: GlorotUniform(seed: seed))
    Dense(3, kernelInitializer: GlorotUniform(seed: seed + 1))
  }
}

struct CompiledStepTests {
  /// The loss tracker and the metrics live in the compiled plan, which updates variables with
  /// its own instructions: after the first batch (which traces), a batch runs no eager op and
  /// reads nothing back when no callback needs its logs.
  @Test func aCompiledFitStepRunsNoEagerOpAndReadsNothingBack() throws {
    let (x, y) = clusters(count: 50, seed: 3)
    let model = classifier(seed: 1)
    try model.compile(
      optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
    let counter = StepCounter()
    let history = try model.fit(
      x: x, y: y, batchSize: 8, epochs: 2, shuffle: true, callbacks: [counter], verbose: 0)
    #expect(counter.eagerOperations.count == 14)
    // Batch 0 traces the step; the last batch of each epoch has 2 examples and traces once more.
    let steady = counter.eagerOperations.indices.filter { ![0, 6].contains($0) }
    for batch in steady {
      #expect(counter.eagerOperations[batch] == 0, "batch \(batch)")
      #expect(counter.hostReads[batch] == 0, "batch \(batch)")
    }
    #expect(counter.logsSeen.allSatisfy { $0.isEmpty })
    // The epoch's logs are still read in full.
    #expect(Set(history.values.keys) == ["loss", "accuracy"])
    #expect(history["loss"].count == 2)
  }

  /// A callback that asks for per-batch logs gets the same values as an eager run of the same
  /// model, batch by batch.
  @Test func batchLogsOfACompiledFitEqualThoseOfAnEagerFit() throws {
    let (x, y) = clusters(count: 40, seed: 4)
    var runs: [[Logs]] = []
    var histories: [History] = []
    for eager in [true, false] {
      let model = classifier(seed: 5)
      try model.compile(
        optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy(fromLogits: true),
        metrics: ["accuracy"], runEagerly: eager)
      var logs: [Logs] = []
      let recorder = LambdaCallback(onTrainBatchEnd: { _, batchLogs in logs.append(batchLogs) })
      histories.append(
        try model.fit(
          x: x, y: y, batchSize: 16, epochs: 2, shuffle: false, callbacks: [recorder],
          verbose: 0))
      runs.append(logs)
    }
    #expect(runs[0].count == 6 && runs[1].count == 6)
    for (eager, compiled) in zip(runs[0], runs[1]) {
      #expect(Set(eager.keys) == ["loss", "accuracy"])
      #expect(Set(compiled.keys) == Set(eager.keys))
      for (key, value) in eager {
        let other = compiled[key] ?? .nan
        #expect(abs(other - value) <= 1e-6 * Swift.max(1, abs(value)), "\(key)")
      }
    }
    for key in ["loss", "accuracy"] {
      for (eager, compiled) in zip(histories[0][key], histories[1][key]) {
        #expect(abs(eager - compiled) <= 1e-6 * Swift.max(1, abs(eager)), "\(key)")
      }
    }
  }

  /// `evaluate`'s loss and accuracy, accumulated in the compiled test step over uneven batches,
  /// equal the loss and accuracy computed on all the examples at once.
  @Test func evaluateAccumulatesInTheCompiledStepOverUnevenBatches() throws {
    let (x, y) = clusters(count: 23, seed: 6)
    let model = classifier(seed: 7)
    let lossFunction = SparseCategoricalCrossentropy(fromLogits: true)
    try model.compile(optimizer: "sgd", loss: lossFunction, metrics: ["accuracy"])
    var batchLogs: [Logs] = []
    final class TestBatches: Callback {
      var seen: (Logs) -> Void = { _ in }
      override func onTestBatchEnd(_ batch: Int, logs: Logs) { seen(logs) }
    }
    let recorder = TestBatches()
    recorder.seen = { batchLogs.append($0) }
    let logs = try model.evaluate(x: x, y: y, batchSize: 5, callbacks: [recorder])
    let logits = model(x)
    let expectedLoss = lossFunction(y, logits).item()
    let expectedAccuracy = (logits.argmax(alongAxis: 1).cast(to: .int32) .== y).cast(to: .float32)
      .mean().item()
    #expect(abs((logs["loss"] ?? .nan) - expectedLoss) < 1e-5)
    #expect(abs((logs["accuracy"] ?? .nan) - expectedAccuracy) < 1e-6)
    #expect(batchLogs.count == 5)
    #expect(batchLogs.last == logs)
  }
}
