import Foundation
import Testing

/// Kills a process that saves every kind of file at each of its writes, flushes, renames and
/// links in turn — `strace` delivers SIGKILL as the call starts — and checks that every file is
/// the old one intact or the new one complete.
///
/// Random kills (``KillMidSaveTests``) mostly land where a save spends its time (encoding,
/// `fsync`); this test also reaches the short moments between a file's creation and its last
/// byte, where a writer that is not atomic leaves a torn file.
@Suite(.serialized) struct KillAtSystemCallTests {
  /// The calls at which the process is killed.
  static let calls = ["write", "pwrite64", "fsync", "rename", "renameat", "renameat2", "link"]

  /// Runs `SaveLoop once` under `strace` with `options`, returning how it ended.
  static func traced(_ options: [String], _ directory: URL, round: Int) throws -> (
    Process.TerminationReason, Int32
  ) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["strace", "-f", "-qq"] + options + [
        try SaveLoop.executable().path, "once", directory.path, String(round),
      ]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return (process.terminationReason, process.terminationStatus)
  }

  @Test func testKillingAtEachCallOfASaveNeverLeavesATornFile() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-inject-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("out")

    // A first round makes every file and directory; a second, traced, counts the calls of a
    // round that replaces them.
    try SaveLoop.run(try SaveLoop.executable(), ["once", out.path, "0"])
    let log = directory.appendingPathComponent("calls.log")
    let (reason, status) = try Self.traced(
      ["-o", log.path, "-e", "trace=" + Self.calls.joined(separator: ",")], out, round: 1)
    #expect(reason == .exit && status == 0)
    let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
    // strace counts the calls of each thread apart; the saves run on the main thread, whose
    // id is the process id, the smallest.
    let threads = lines.map { Int($0.prefix { $0.isNumber }) ?? 0 }
    let main = threads.min() ?? 0
    var counts: [String: Int] = [:]
    // A call that failed is left out: whether `link` first meets a name that another writer
    // took in the same second depends on the clock, so later rounds may not make it.
    for (line, thread) in zip(lines, threads) where thread == main && !line.contains(" = -1 ") {
      let call = line.drop { $0.isNumber || $0 == " " }.prefix { $0 != "(" }
      counts[String(call), default: 0] += 1
    }
    #expect(counts["fsync", default: 0] >= 10, "calls of a round: \(counts)")
    var previous = try KillMidSaveTests.inspect(out)

    var round = 1
    var kills = 0
    for call in Self.calls {
      guard let count = counts[call] else { continue }
      for occurrence in 1...count {
        round += 1
        let (reason, status) = try Self.traced(
          [
            "-o", "/dev/null", "-e", "trace=\(call)",
            "-e", "inject=\(call):signal=KILL:when=\(occurrence)",
          ], out, round: round)
        let context = "killed at \(call) #\(occurrence)"
        // strace ends the way its child ended: killed by SIGKILL.
        #expect(reason == .uncaughtSignal && status == SIGKILL, "\(context): \(reason) \(status)")
        kills += 1
        let rounds: KillMidSaveTests.Rounds
        do {
          rounds = try KillMidSaveTests.inspect(out)
        } catch {
          Issue.record("\(context): \(error)")
          return
        }
        KillMidSaveTests.expectProgress(from: previous, to: rounds, context)
        previous = rounds
      }
    }
    #expect(kills == counts.values.reduce(0, +))
    print("KillAtSystemCallTests: \(kills) kills, at the calls \(counts)")
  }
}
