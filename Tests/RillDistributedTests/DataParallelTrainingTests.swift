import Foundation
import Testing

/// Data-parallel training under `mpirun -np 2` on this machine: the same weights as one process
/// with the whole batch, identical on every process, and a chief checkpoint that resumes on
/// another number of processes.
@Suite(.serialized) struct DataParallelTrainingTests {
  @Test func testTwoProcessesWithHalfBatchesEndLikeOneProcessWithTheWholeBatch() throws {
    let folder = try scratchFolder("fit")
    defer { try? FileManager.default.removeItem(at: folder) }
    try expectTwoProcessesEndLikeOne("fit", folder, comparingHistory: true)
    // Only the chief writes the CSV log.
    let manager = FileManager.default
    #expect(manager.fileExists(atPath: folder.appendingPathComponent("log-0.csv").path))
    #expect(!manager.fileExists(atPath: folder.appendingPathComponent("log-1.csv").path))
  }

  @Test func testShardedDatasetWithUnevenLastBatchesEndsLikeTheWholeBatch() throws {
    let folder = try scratchFolder("dataset")
    defer { try? FileManager.default.removeItem(at: folder) }
    try expectTwoProcessesEndLikeOne("dataset", folder, comparingHistory: true)
  }

  @Test func testCustomLoopWithAllReduceAndBroadcastEndsLikeTheWholeBatch() throws {
    let folder = try scratchFolder("loop")
    defer { try? FileManager.default.removeItem(at: folder) }
    // Rank 1 starts from other weights; the broadcast replaces them with the chief's. Its
    // losses are its own half batches', so only the weights are compared.
    try expectTwoProcessesEndLikeOne("loop", folder, comparingHistory: false)
  }

  /// Runs `scenario` alone as the reference and under `mpirun -np 2`, and checks that both
  /// processes end with identical weights (and History), within float rounding of the
  /// reference's.
  private func expectTwoProcessesEndLikeOne(
    _ scenario: String, _ folder: URL, comparingHistory: Bool
  ) throws {
    let reference = try runScenario(processes: nil, [scenario, folder.path, "reference"])
    try #require(reference.status == 0, "\(reference.output)")
    let distributed = try runScenario(processes: 2, [scenario, folder.path])
    try #require(distributed.status == 0, "\(distributed.output)")
    let alone = try ScenarioResult.read(folder, "reference.json")
    let ranks = try (0..<2).map { try ScenarioResult.read(folder, "result-\($0).json") }
    #expect(ranks.map(\.worldSize) == [2, 2])
    // Every process ends with the same weights (and History), bit for bit.
    #expect(ranks[0].weights == ranks[1].weights)
    // The halves' gradients average to the whole batch's up to float rounding.
    let difference = largestWeightDifference(ranks[0], alone)
    #expect(difference < 1e-5, "the weights differ from one process's by up to \(difference)")
    guard comparingHistory else { return }
    #expect(ranks[0].history == ranks[1].history)
    #expect(Set(alone.history.keys) == Set(ranks[0].history.keys))
    for (key, values) in alone.history {
      let distributedValues = ranks[0].history[key] ?? []
      #expect(distributedValues.count == values.count, "\(key)")
      for (a, b) in zip(values, distributedValues) {
        #expect(abs(a - b) < 1e-5, "\(key): \(a) alone, \(b) on two processes")
      }
    }
  }

  @Test func testTheChiefsSavedModelResumesOnThreeProcesses() throws {
    let folder = try scratchFolder("resume")
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = try runScenario(processes: 2, ["resume", folder.path, "1"])
    try #require(first.status == 0, "\(first.output)")
    let before = try ScenarioResult.read(folder, "result-0.json")
    let second = try runScenario(processes: 3, ["resume", folder.path, "1"])
    try #require(second.status == 0, "\(second.output)")
    let ranks = try (0..<3).map { try ScenarioResult.read(folder, "result-\($0).json") }
    #expect(ranks.map(\.worldSize) == [3, 3, 3])
    // Ranks 1 and 2 drew their own weights; all continue from the chief's.
    #expect(ranks[0].weights == ranks[1].weights && ranks[1].weights == ranks[2].weights)
    let firstLoss = before.history["loss"]?.first ?? 0
    let resumedLoss = ranks[0].history["loss"]?.first ?? .infinity
    #expect(resumedLoss < firstLoss * 0.8, "resumed at loss \(resumedLoss) after \(firstLoss)")
  }
}

/// The example program, on MNIST (from `RILL_DATA_DIR`, or downloaded once).
@Suite struct DistributedMNISTTests {
  @Test func testExampleTrainsOnTwoProcessesAndOnlyTheChiefWrites() throws {
    let folder = try scratchFolder("mnist")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try runScenario(processes: 2, [folder.path, "1"], program: "DistributedMNIST")
    #expect(run.status == 0, "\(run.output)")
    #expect(run.output.contains("processes: 2, validation accuracy"), "\(run.output)")
    let output = folder.appendingPathComponent("distributed-mnist")
    let written = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
    #expect(written == ["checkpoint", "logs"])
  }
}

/// A process that dies, hangs or cannot read its input stops the others within seconds, with a
/// message and a non-zero status.
@Suite(.serialized) struct FailureTests {
  @Test func testARankKilledMidEpochStopsTheOthers() throws {
    let folder = try scratchFolder("kill")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try runScenario(processes: 2, ["kill", folder.path], limit: 120)
    #expect(run.status != 0)
    #expect(!run.timedOut, "still running after 120 s")
    #expect(run.output.contains("rank 1") && run.output.contains("signal 9"), "\(run.output)")
  }

  @Test func testAHungRankMakesTheOthersTimeOut() throws {
    let folder = try scratchFolder("hang")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try runScenario(processes: 2, ["hang", folder.path], limit: 120)
    #expect(run.status != 0)
    #expect(!run.timedOut, "still running after 120 s")
    #expect(run.output.contains("did not complete within 3.0 s"), "\(run.output)")
  }

  @Test func testARankWhoseInputFailsStopsTheOthers() throws {
    let folder = try scratchFolder("input")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try runScenario(processes: 2, ["badInput", folder.path], limit: 120)
    #expect(run.status != 0)
    #expect(!run.timedOut, "still running after 120 s")
    #expect(run.output.contains("rank 1: cannot read the input"), "\(run.output)")
  }
}
