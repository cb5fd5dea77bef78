import Foundation
import Testing

/// Data-parallel training under `mpirun -np 2` on this machine: the same weights as one process
/// with the whole batch, identical on every process, and a chief checkpoint that resumes on
/// another number of processes.
@Suite(.serialized) struct DataParallelTrainingTests {
  @Test func testTwoProcessesWithHalfBatchesEndLikeOneProcessWithTheWholeBatch() throws {
    let folder = try scratchFolder("fit")
    defer { try? FileManager.default.removeItem(at: folder) }
    let reference = try runScenario(processes: nil, ["fit", folder.path, "reference"])
    #expect(reference.status == 0, "\(reference.output)")
    let distributed = try runScenario(processes: 2, ["fit", folder.path])
    try #require(distributed.status == 0, "\(distributed.output)")
    let alone = try ScenarioResult.read(folder, "reference.json")
    let ranks = try (0..<2).map { try ScenarioResult.read(folder, "result-\($0).json") }
    #expect(ranks.map(\.worldSize) == [2, 2])
    // Every process ends with the same weights and History, bit for bit.
    #expect(ranks[0].weights == ranks[1].weights)
    #expect(ranks[0].history == ranks[1].history)
    // Two half batches average to the whole batch's gradient up to float rounding.
    let difference = largestWeightDifference(ranks[0], alone)
    #expect(difference < 1e-5, "the weights differ from one process's by up to \(difference)")
    for (key, values) in alone.history {
      let distributedValues = ranks[0].history[key] ?? []
      #expect(distributedValues.count == values.count, "\(key)")
      for (a, b) in zip(values, distributedValues) { #expect(abs(a - b) < 1e-5, "\(key): \(a) vs \(b)") }
    }
    // Only the chief writes the CSV log.
    let manager = FileManager.default
    #expect(manager.fileExists(atPath: folder.appendingPathComponent("log-0.csv").path))
    #expect(!manager.fileExists(atPath: folder.appendingPathComponent("log-1.csv").path))
  }

  @Test func testCustomLoopWithAllReduceAndBroadcastEndsLikeTheWholeBatch() throws {
    let folder = try scratchFolder("loop")
    defer { try? FileManager.default.removeItem(at: folder) }
    let reference = try runScenario(processes: nil, ["loop", folder.path, "reference"])
    #expect(reference.status == 0, "\(reference.output)")
    let distributed = try runScenario(processes: 2, ["loop", folder.path])
    try #require(distributed.status == 0, "\(distributed.output)")
    let alone = try ScenarioResult.read(folder, "reference.json")
    let ranks = try (0..<2).map { try ScenarioResult.read(folder, "result-\($0).json") }
    // Rank 1 started from other weights; the broadcast replaced them with the chief's.
    #expect(ranks[0].weights == ranks[1].weights)
    let difference = largestWeightDifference(ranks[0], alone)
    #expect(difference < 1e-5, "the weights differ from one process's by up to \(difference)")
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

/// A process that dies, hangs or cannot read its input stops the others within seconds, with a
/// message and a non-zero status.
@Suite(.serialized) struct FailureTests {
  @Test func testARankKilledMidEpochStopsTheOthers() throws {
    let folder = try scratchFolder("kill")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try runScenario(processes: 2, ["kill", folder.path], limit: 120)
    #expect(run.status != 0)
    #expect(run.seconds < 60, "took \(run.seconds) s")
    #expect(run.output.contains("rank 1") && run.output.contains("signal 9"), "\(run.output)")
  }

  @Test func testAHungRankMakesTheOthersTimeOut() throws {
    let folder = try scratchFolder("hang")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try runScenario(processes: 2, ["hang", folder.path], limit: 120)
    #expect(run.status != 0)
    #expect(run.seconds < 60, "took \(run.seconds) s")
    #expect(run.output.contains("did not complete within 3.0 s"), "\(run.output)")
  }

  @Test func testARankWhoseInputFailsStopsTheOthers() throws {
    let folder = try scratchFolder("input")
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try runScenario(processes: 2, ["badInput", folder.path], limit: 120)
    #expect(run.status != 0)
    #expect(run.seconds < 60, "took \(run.seconds) s")
    #expect(run.output.contains("rank 1: cannot read the input"), "\(run.output)")
  }
}
