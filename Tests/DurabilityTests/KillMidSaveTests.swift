import Foundation
import Rill
import Testing

/// Kills a process that saves every kind of file (model directory, weights, checkpoints, NPY,
/// event file) at random moments, and checks that each file is the old one intact or the new
/// one complete.
@Suite(.serialized) struct KillMidSaveTests {
  /// What the files on the disk hold: the round each came from, once checked whole.
  struct Rounds: Equatable {
    var model: Int
    var weights: Int
    var array: Int
    var checkpoints: [Int]
    /// For each event file, the steps of its `round` scalars.
    var eventSteps: [[Int64]]
  }

  /// Why a file is not whole.
  struct Torn: Error, CustomStringConvertible {
    var description: String
  }

  /// The one round that every element of `tensors` holds.
  static func round(of tensors: [Tensor], _ what: String) throws -> Int {
    let values = Set(tensors.flatMap { $0.scalars(as: Double.self) })
    guard values.count == 1, let value = values.first, value == value.rounded() else {
      throw Torn(description: "\(what) mixes values: \(values.sorted().prefix(5))")
    }
    return Int(value)
  }

  /// Reads every file the saver writes, failing on any that is not whole.
  static func inspect(_ directory: URL) throws -> Rounds {
    let model = try Model.load(from: directory.appendingPathComponent("model"))
    let configuration = try Data(contentsOf: directory.appendingPathComponent("model/config.json"))
    _ = try JSONSerialization.jsonObject(with: configuration)
    let weights = try NPZ.read(contentsOf: directory.appendingPathComponent("weights.npz"))
    let manager = try CheckpointManager(
      Checkpoint([:]), directory: directory.appendingPathComponent("checkpoints"))
    var checkpoints: [Int] = []
    for (step, url) in try manager.checkpoints() {
      let (tensors, _) = try Safetensors.read(contentsOf: url)
      guard try round(of: Array(tensors.values), url.lastPathComponent) == step else {
        throw Torn(description: "\(url.lastPathComponent) holds another step")
      }
      checkpoints.append(step)
    }
    let logs = directory.appendingPathComponent("logs")
    var eventSteps: [[Int64]] = []
    for name in try FileManager.default.contentsOfDirectory(atPath: logs.path).sorted()
    where name.hasPrefix("events.out.tfevents.") {
      let reader = try EventFileReader(contentsOf: logs.appendingPathComponent(name))
      guard reader.events.first?.content == .fileVersion("brain.Event:2") else {
        throw Torn(description: "\(name) does not start with its file_version")
      }
      eventSteps.append(reader.scalars()["round"]?.map(\.step) ?? [])
    }
    return Rounds(
      model: try round(of: model.variables.map(\.value), "the model"),
      weights: try round(of: Array(weights.values), "weights.npz"),
      array: try round(
        of: [try NPY.read(contentsOf: directory.appendingPathComponent("array.npy"))], "array.npy"),
      checkpoints: checkpoints, eventSteps: eventSteps)
  }

  /// The hidden temporary files that killed saves left behind.
  static func temporaryFiles(in directory: URL) throws -> [String] {
    let paths = FileManager.default.enumerator(atPath: directory.path)?.allObjects ?? []
    return paths.compactMap { $0 as? String }.filter { $0.hasSuffix(".tmp") }
  }

  @Test func testKillingSavesAtRandomMomentsNeverLeavesATornFile() throws {
    let executable = try SaveLoop.executable()
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-kill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let kills = 16
    var previous: Rounds?
    var killedMidWrite = 0
    var delays: [Int] = []
    for run in 0..<kills {
      let first = run * 1000
      let (process, output) = try SaveLoop.start(
        executable, ["loop", directory.path, String(first)])
      if run == 0 {
        // Every file exists once the first round is done; from then on any moment will do.
        #expect(SaveLoop.waitForLine(startingWith: "round", in: output))
      }
      let delay = Int.random(in: 0...400)
      delays.append(delay)
      usleep(useconds_t(delay * 1000))
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal, "run \(run) ended by itself")

      let leftovers = try Self.temporaryFiles(in: directory)
      if !leftovers.isEmpty { killedMidWrite += 1 }
      let rounds: Rounds
      do {
        rounds = try Self.inspect(directory)
      } catch {
        Issue.record("run \(run), killed after \(delay) ms: \(error)")
        return
      }
      // Each file is the one before the kill or a newer whole one, never older.
      if let previous {
        #expect(rounds.model >= previous.model)
        #expect(rounds.weights >= previous.weights)
        #expect(rounds.array >= previous.array)
        // A run killed before it made its event file adds none.
        #expect(rounds.eventSteps.prefix(previous.eventSteps.count) == previous.eventSteps[...])
        #expect(rounds.eventSteps.count <= previous.eventSteps.count + 1)
      }
      // Every event file holds the rounds of its run, in order, with none missing.
      for steps in rounds.eventSteps {
        #expect(steps == Array((steps.first ?? 0)..<(steps.first ?? 0) + Int64(steps.count)))
      }
      previous = rounds
    }
    // A last run that completes leaves the newest round in every file.
    try SaveLoop.run(executable, ["once", directory.path, "100000"])
    let final = try Self.inspect(directory)
    #expect(final.model == 100_000 && final.weights == 100_000 && final.array == 100_000)
    #expect(final.checkpoints.last == 100_000)
    #expect(final.eventSteps.last == [100_000])
    // The test is only worth something if kills land inside saves.
    #expect(killedMidWrite > 0, "no kill landed inside a save; delays \(delays) ms")
    print("KillMidSaveTests: \(killedMidWrite) of \(kills) kills left a temporary file")
  }
}
