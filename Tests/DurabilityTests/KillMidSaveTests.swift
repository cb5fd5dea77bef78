import Foundation
import Rill
import Testing

/// Kills a process that saves every kind of file (model directory, weights, checkpoints, NPY,
/// event file) at random moments inside each kind of save, and checks that each file is the old
/// one intact or the new one complete.
///
/// Most random moments fall where a save spends its time (encoding, `fsync`);
/// ``KillAtSystemCallTests`` kills at every write, flush and rename as well.
@Suite(.serialized) struct KillMidSaveTests {
  /// What the files on the disk hold: the round each came from, once checked whole.
  struct Rounds: Equatable {
    var model: Int
    var weights: Int
    var array: Int
    var checkpoints: [Int]
    /// For each event file, the steps of its `round` scalars.
    var eventSteps: [[Int64]]
    /// How many event files end in an incomplete record (a kill inside an append).
    var incompleteEventFiles: Int
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

  /// Reads an event file, and whether its last record is complete.
  ///
  /// SIGKILL can stop a write of many pages part-way (Linux checks for a fatal signal between
  /// pages), leaving the last append incomplete; every earlier record must still be whole, and
  /// TensorBoard ignores such a tail.
  static func readEvents(_ url: URL) throws -> (EventFileReader, complete: Bool) {
    do {
      return (try EventFileReader(contentsOf: url), true)
    } catch {
      guard case .truncatedRecord = error.reason else { throw error }
    }
    return (try EventFileReader(contentsOf: url, ignoringIncompleteLastRecord: true), false)
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
    var incomplete = 0
    for name in try FileManager.default.contentsOfDirectory(atPath: logs.path).sorted()
    where name.hasPrefix("events.out.tfevents.") {
      let (reader, complete) = try Self.readEvents(logs.appendingPathComponent(name))
      if !complete { incomplete += 1 }
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
      checkpoints: checkpoints, eventSteps: eventSteps, incompleteEventFiles: incomplete)
  }

  /// The kinds of save that `SaveLoop` announces.
  static let kinds = ["model", "weights", "checkpoint", "npy", "events"]

  /// Checks the files after a kill against those before it: each is the old one intact or a
  /// newer whole one, and every event file holds its run's rounds in order, none missing.
  static func expectProgress(from previous: Rounds, to rounds: Rounds, _ context: String) {
    #expect(rounds.model >= previous.model, "\(context): the model went back")
    #expect(rounds.weights >= previous.weights, "\(context): the weights went back")
    #expect(rounds.array >= previous.array, "\(context): array.npy went back")
    #expect(rounds.checkpoints.last ?? 0 >= previous.checkpoints.last ?? 0, "\(context)")
    // Older event files are never touched again; a run killed before it made one adds none.
    #expect(rounds.eventSteps.prefix(previous.eventSteps.count) == previous.eventSteps[...])
    #expect(rounds.eventSteps.count <= previous.eventSteps.count + 1, "\(context)")
    for steps in rounds.eventSteps {
      let start = steps.first ?? 0
      #expect(steps == Array(start..<start + Int64(steps.count)), "\(context): steps \(steps)")
    }
  }

  @Test func testKillingEachKindOfSaveMidWayNeverLeavesATornFile() throws {
    let executable = try SaveLoop.executable()
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-kill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }

    // A first run does one whole round, so that every file exists, and times each save.
    var durations: [String: Double] = [:]
    do {
      let (process, output) = try SaveLoop.start(executable, ["loop", directory.path, "0"])
      let lines = SaveLoop.Lines(output)
      var started: [String: Double] = [:]
      while let (line, time) = lines.next(where: { _ in true }), !line.hasPrefix("round") {
        let words = line.split(separator: " ").map(String.init)
        if words.first == "saving" { started[words[1]] = time }
        if words.first == "saved", let start = started[words[1]] {
          durations[words[1]] = time - start
        }
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    #expect(durations.keys.sorted() == Self.kinds.sorted())
    var previous = try Self.inspect(directory)

    // Then each kind of save is killed part-way, at a random moment within its duration,
    // until three kills have landed inside one (a kill can come after the save ended).
    let insidePerKind = 3
    var inside: [String: Int] = [:]
    var run = 0
    for kind in Self.kinds {
      var attempts = 0
      while inside[kind, default: 0] < insidePerKind && attempts < 15 {
        attempts += 1
        run += 1
        let (process, output) = try SaveLoop.start(
          executable, ["loop", directory.path, String(run * 1000)])
        let lines = SaveLoop.Lines(output)
        guard lines.next(where: { $0 == "saving \(kind)" }) != nil else {
          Issue.record("run \(run) ended before saving \(kind)")
          return
        }
        let delay = Double.random(in: 0...(durations[kind] ?? 0.01))
        usleep(useconds_t(delay * 1e6))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "run \(run) ended by itself")
        // The save was cut short unless it had announced its end.
        if lines.next(where: { $0 == "saved \(kind)" }) == nil { inside[kind, default: 0] += 1 }

        let context = "run \(run), \(kind) killed after \(Int(delay * 1e6)) µs"
        let rounds: Rounds
        do {
          rounds = try Self.inspect(directory)
        } catch {
          Issue.record("\(context): \(error)")
          return
        }
        Self.expectProgress(from: previous, to: rounds, context)
        previous = rounds
      }
      // The test is only worth something if the kills land inside the saves.
      #expect(inside[kind, default: 0] == insidePerKind, "too few kills inside a \(kind) save")
    }

    // A last run that completes leaves the newest round in every file.
    try SaveLoop.run(executable, ["once", directory.path, "100000"])
    let final = try Self.inspect(directory)
    #expect(final.model == 100_000 && final.weights == 100_000 && final.array == 100_000)
    #expect(final.checkpoints.last == 100_000)
    #expect(final.eventSteps.last == [100_000])
    print(
      "KillMidSaveTests: \(run) kills, \(insidePerKind) inside each kind of save; "
        + "event files with an incomplete last record: \(final.incompleteEventFiles); "
        + "save durations (ms): \(durations.mapValues { Int($0 * 1000) })")
  }
}
