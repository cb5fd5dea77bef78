import Foundation
import Testing

/// Traces the system calls of a process that saves every kind of file (with `strace`, which the
/// Makefile installs for the tests) and checks that each writer makes its file durable: the
/// data flushed before the rename, the directory flushed after it.
///
/// These are the regression tests for writers that renamed without `fsync` (`NPY.write`) or
/// never flushed the directory (`config.json`, the CSV logger, PNG and SVG saving, new event
/// files).
@Suite(.serialized) struct WriteTraceTests {
  /// One traced call: its text without the process id, in order.
  struct Trace {
    var calls: [String]

    /// The index of the first call at or after `start` that satisfies `matches`.
    func first(from start: Int = 0, where matches: (String) -> Bool) -> Int? {
      calls.indices.dropFirst(start).first { matches(calls[$0]) }
    }
  }

  /// Runs `SaveLoop once` under `strace` and returns its calls.
  static func traceOneRound(into directory: URL) throws -> Trace {
    let log = directory.appendingPathComponent("strace.log")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "strace", "-f", "-qq", "-y", "-s", "512", "-o", log.path,
      "-e", "trace=openat,fsync,rename,renameat,renameat2,link,linkat,mkdir,mkdirat",
      try SaveLoop.executable().path, "once", directory.appendingPathComponent("out").path, "7",
    ]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw SaveLoop.Failure(
        description: "strace SaveLoop exited with \(process.terminationStatus)")
    }
    let text = try String(contentsOf: log, encoding: .utf8)
    let calls = text.split(separator: "\n").map { line in
      // With -f each line starts with the process id.
      String(line.drop { $0.isNumber || $0 == " " })
    }
    return Trace(calls: calls)
  }

  /// The quoted strings of a traced call, in order.
  static func quoted(_ call: String) -> [String] {
    call.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
      .filter { $0.offset % 2 == 1 }.map { String($0.element) }
  }

  @Test func testEveryWriterFlushesTheFileBeforeTheRenameAndTheDirectoryAfter() throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-trace-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let trace = try Self.traceOneRound(into: directory)
    let out = directory.appendingPathComponent("out").path
    let files = [
      "array.npy", "weights.npz", "model/model.safetensors", "model/config.json",
      "checkpoints/ckpt-7.safetensors", "log.csv", "plot.png", "plot.svg",
    ]
    for file in files {
      let destination = out + "/" + file
      let folder = (destination as NSString).deletingLastPathComponent
      guard
        let rename = trace.first(where: {
          $0.hasPrefix("rename") && Self.quoted($0).last == destination && $0.hasSuffix("= 0")
        })
      else {
        Issue.record("\(file) was never renamed into place")
        continue
      }
      let temporary = Self.quoted(trace.calls[rename]).first ?? ""
      #expect(temporary.hasPrefix(folder + "/." + (file as NSString).lastPathComponent + "."))
      // The temporary file is flushed (fsync shows its path with -y) before the rename …
      let flush = trace.first { $0.hasPrefix("fsync(") && $0.contains("<\(temporary)>) = 0") }
      #expect(flush.map { $0 < rename } == true, "\(file): no fsync of \(temporary) before rename")
      // … and its directory after.
      let directoryFlush = trace.first(from: rename) {
        $0.hasPrefix("fsync(") && $0.contains("<\(folder)>) = 0")
      }
      #expect(directoryFlush != nil, "\(file): no fsync of \(folder) after the rename")
    }

    // Directories made on the way are flushed in their parent.
    for made in ["model", "checkpoints", "logs"] {
      let mkdir = trace.first { $0.hasPrefix("mkdir") && Self.quoted($0).first == out + "/" + made }
      #expect(mkdir != nil, "\(made) was not created")
      let flush = trace.first(from: mkdir ?? 0) {
        $0.hasPrefix("fsync(") && $0.contains("<\(out)>) = 0")
      }
      #expect(flush != nil, "\(made): \(out) was not flushed after mkdir")
    }

    // A new event file is linked into place with its first record flushed, then the log
    // directory is flushed.
    let logs = out + "/logs"
    let link = trace.first {
      $0.hasPrefix("link") && (Self.quoted($0).last ?? "").hasPrefix(logs + "/events.out.tfevents.")
        && $0.hasSuffix("= 0")
    }
    guard let link else {
      Issue.record("no event file was linked into \(logs)")
      return
    }
    let temporary = Self.quoted(trace.calls[link]).first ?? ""
    let flush = trace.first { $0.hasPrefix("fsync(") && $0.contains("<\(temporary)>) = 0") }
    #expect(flush.map { $0 < link } == true, "the event file was not flushed before its link")
    #expect(
      trace.first(from: link) { $0.hasPrefix("fsync(") && $0.contains("<\(logs)>) = 0") } != nil,
      "the log directory was not flushed after the event file was made")
  }
}
