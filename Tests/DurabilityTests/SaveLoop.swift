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

  /// Reads `pipe` until a line starting with `prefix` has arrived, or the writer closes it.
  ///
  /// - Returns: whether the line arrived.
  static func waitForLine(startingWith prefix: String, in pipe: Pipe) -> Bool {
    var text = ""
    while true {
      let chunk = pipe.fileHandleForReading.availableData
      if chunk.isEmpty { return false }
      text += String(decoding: chunk, as: UTF8.self)
      if text.split(separator: "\n").contains(where: { $0.hasPrefix(prefix) }) { return true }
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
