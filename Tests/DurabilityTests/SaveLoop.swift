import Foundation

/// The `SaveLoop` program (Tests/SaveLoop), built next to this test bundle, which saves every
/// kind of file Rill writes.
enum SaveLoop {
  /// Why the program could not be found or failed.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The executable's location.
  static func executable() throws -> URL {
    let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      buildFolder, buildFolder.deletingLastPathComponent().deletingLastPathComponent(),
    ].map { $0.appendingPathComponent("SaveLoop") }
    guard
      let executable = candidates.first(where: {
        FileManager.default.isExecutableFile(atPath: $0.path)
      })
    else {
      throw Failure(description: "SaveLoop is not built in \(candidates.map(\.path))")
    }
    return executable
  }

  /// Starts `executable` with `arguments`, its standard output sent to the returned pipe.
  static func start(_ executable: URL, _ arguments: [String]) throws -> (Process, Pipe) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    try process.run()
    return (process, output)
  }

  /// The lines a running `SaveLoop` prints, each with the moment it arrived.
  final class Lines {
    private let pipe: Pipe
    private var pending = ""

    /// Lines from `pipe`.
    init(_ pipe: Pipe) {
      self.pipe = pipe
    }

    /// Waits for the next line that `matches`, returning it and the time it arrived in
    /// seconds, or `nil` when the program closes its output first.
    func next(where matches: (String) -> Bool) -> (line: String, time: Double)? {
      while true {
        while let end = pending.firstIndex(of: "\n") {
          let line = String(pending[..<end])
          pending.removeSubrange(...end)
          if matches(line) { return (line, Date().timeIntervalSince1970) }
        }
        let chunk = pipe.fileHandleForReading.availableData
        if chunk.isEmpty { return nil }
        pending += String(decoding: chunk, as: UTF8.self)
      }
    }
  }

  /// Runs the program to its end and fails unless it exits with status 0.
  static func run(_ executable: URL, _ arguments: [String]) throws {
    let (process, output) = try start(executable, arguments)
    _ = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationReason == .exit && process.terminationStatus == 0 else {
      throw Failure(
        description: "\(executable.path) \(arguments) ended with \(process.terminationStatus)")
    }
  }
}
