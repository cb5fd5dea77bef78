import Foundation
import Testing

@testable import RillFuzzing

/// The fuzzer's watch over its children.
///
/// A child that dies or stalls is seen, and blamed on the input it was reading. Shell scripts
/// stand in for a reader that crashes or hangs.
@Suite struct ChildProcessTests {
  /// Runs `script` with `sh` as a child whose progress file is `$1`.
  private func run(_ script: String, timeout: Double = 5) throws -> ChildProcess.Outcome {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-child-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let progress = directory.appendingPathComponent("progress")
    return try ChildProcess.run(
      "/bin/sh", arguments: ["-c", script, "sh", progress.path], progress: progress,
      errors: directory.appendingPathComponent("stderr"), firstIndex: 100, timeout: timeout)
  }

  // Records as the child writes them: 7 bytes of index, then the outcome (1: accepted,
  // 2: typed error, 0: started).
  private let twoDone = #"printf '\144\0\0\0\0\0\0\1\145\0\0\0\0\0\0\2' > "$1""#

  @Test func testAFinishedChildReportsEachOutcome() throws {
    let outcome = try run(twoDone)
    #expect(outcome.ending == .finished)
    #expect(outcome.outcomes == [.accepted, .typedError])
    #expect(outcome.peakResidentBytes > 0)
  }

  @Test func testACrashIsBlamedOnTheInputInProgress() throws {
    let script = twoDone + #"; printf '\146\0\0\0\0\0\0\0' >> "$1"; kill -SEGV $$"#
    let outcome = try run(script)
    #expect(outcome.ending == .crashed(index: 102, reason: "signal 11"))
    #expect(outcome.outcomes == [.accepted, .typedError])
    #expect(try run("exit 3").ending == .crashed(index: 100, reason: "exit status 3"))
  }

  @Test func testAStalledChildIsKilledAsAHang() throws {
    // Input 100 starts, then stalls for 30 s before it would be accepted. A child that is left
    // to finish reports input 100 accepted; one killed for the stall never gets that far.
    let script =
      #"printf '\144\0\0\0\0\0\0\0' > "$1"; sleep 30; "#
      + #"printf '\144\0\0\0\0\0\0\1' > "$1""#
    let outcome = try run(script, timeout: 0.5)
    #expect(outcome.ending == .hung(index: 100))
    #expect(outcome.outcomes.isEmpty)
  }
}
