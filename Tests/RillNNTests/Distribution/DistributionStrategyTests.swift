import Foundation
import RillCore
import Testing

@testable import RillNN

/// A strategy for rank 1 of two processes whose peer is pretend: its gradients and metric states
/// equal this process's (so sums double them), and its variables are this process's.
private final class MirroredPeerStrategy: DistributionStrategy, @unchecked Sendable {
  let rank = 1
  let worldSize = 2
  var averagedBatches: [Int] = []
  var broadcastCount = 0

  func averageGradients(_ gradients: [Tensor?], examples: Int) -> [Tensor?] {
    averagedBatches.append(examples)
    return gradients
  }

  func broadcast(_ variables: [Variable]) throws { broadcastCount += variables.count }
  func broadcast(_ values: [UInt64]) throws -> [UInt64] { values }
  func sum(_ values: [Double]) throws -> [Double] { values.map { $0 * 2 } }
  func checkFailure() throws {}
}

/// What `compile` and `fit` do under a ``DistributionStrategy``, with a pretend peer.
@Suite struct DistributionStrategyTests {
  @Test func testBatchPartsSplitRowsEvenlyAndSkipBatchesTooSmallToShare() {
    let parts = (0..<3).map { TensorBatches.Part(index: $0, count: 3) }
    #expect(parts.map { $0.rows(of: 10..<20) } == [10..<13, 13..<16, 16..<20])
    #expect(parts.map { $0.rows(of: 0..<2) } == [nil, nil, nil])
    #expect(TensorBatches.count(examples: 1000, batchSize: 128, part: parts[0]) == 8)
    #expect(TensorBatches.count(examples: 1026, batchSize: 128, part: parts[0]) == 8)
    #expect(TensorBatches.count(examples: 1026, batchSize: 128, part: nil) == 9)
    #expect(TensorBatches.count(examples: 1024, batchSize: 128, part: parts[0]) == 8)
  }

  @Test func testFitUnderAStrategyTrainsOnThisProcesssShareAndSkipsChiefOnlyCallbacks() throws {
    let strategy = MirroredPeerStrategy()
    let model = Sequential { Dense(2) }
    try strategy.scope {
      // Eagerly, so that the hook runs at every step (a compiled step calls it once per trace).
      try model.compile(
        optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError(), runEagerly: true)
    }
    #expect(model.distributionStrategy === strategy)
    let log = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-chief-only-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: log) }
    let x = Tensor.randomNormal(shape: [10, 3], seed: 1)
    let y = Tensor.randomNormal(shape: [10, 2], seed: 2)
    let history = try model.fit(
      x: x, y: y, batchSize: 4, epochs: 1, callbacks: [CSVLogger(url: log)])
    // Batches of 4, 4 and 2 examples; rank 1 of 2 takes the second half of each.
    #expect(strategy.averagedBatches == [2, 2, 1])
    // The kernel, the bias, the optimizer's step count (SGD has no slots).
    #expect(strategy.broadcastCount == 3)
    #expect(!FileManager.default.fileExists(atPath: log.path))
    #expect(history["loss"].count == 1)
  }

  @Test func testCompileOutsideAScopeTrainsInThisProcessAlone() throws {
    let model = Sequential { Dense(1) }
    try model.compile(optimizer: "sgd", loss: "mse")
    #expect(model.distributionStrategy == nil)
  }

  @Test func testLinearScalingMultipliesByTheNumberOfProcesses() {
    #expect(MirroredPeerStrategy().scaledLearningRate(0.1) == 0.2)
    #expect(MirroredPeerStrategy().isChief == false)
  }
}
