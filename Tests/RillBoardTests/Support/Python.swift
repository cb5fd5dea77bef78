import Foundation

/// Runs the Python scripts in `Scripts/` that check RillBoard's output independently.
///
/// PNG and SVG checks need only `python3` and its standard library. The event-file check needs
/// TensorBoard: the project's anchor environment (`~/.cache/rill-anchors-venv`) when it has
/// it, or else a virtual environment that this helper creates once under the package's
/// `.build/board-venv` with `python3 -m venv` and `pip install tensorboard`.
enum Python {
  /// Why a script could not be run or failed.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The package's root folder.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The folder that holds the scripts.
  static let scripts = packageRoot.appendingPathComponent("Tests/RillBoardTests/Scripts")

  /// A Python 3 interpreter with TensorBoard, found or installed on first use.
  static let tensorBoard: Result<String, Failure> = {
    let home =
      ProcessInfo.processInfo.environment["HOME"]
      ?? FileManager.default.homeDirectoryForCurrentUser.path
    let anchors = home + "/.cache/rill-anchors-venv/bin/python"
    if FileManager.default.isExecutableFile(atPath: anchors),
      (try? run(anchors, ["-c", "import tensorboard"])) != nil
    {
      return .success(anchors)
    }
    let venv = packageRoot.appendingPathComponent(".build/board-venv").path
    let python = venv + "/bin/python"
    do {
      if !FileManager.default.isExecutableFile(atPath: python) {
        _ = try run("/usr/bin/env", ["python3", "-m", "venv", venv])
      }
      if (try? run(python, ["-c", "import tensorboard"])) == nil {
        _ = try run(
          python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "tensorboard"])
      }
      _ = try run(python, ["-c", "import tensorboard"])
      return .success(python)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Failure(description: "\(error)"))
    }
  }()

  /// Runs `script` with the system's `python3` and returns what it printed.
  static func runScript(_ script: String, _ arguments: [String]) throws -> Data {
    try run("/usr/bin/env", ["python3", scripts.appendingPathComponent(script).path] + arguments)
  }

  /// Runs `script` with the TensorBoard interpreter and returns what it printed.
  static func runTensorBoardScript(_ script: String, _ arguments: [String]) throws -> Data {
    let python = try tensorBoard.get()
    return try run(python, [scripts.appendingPathComponent(script).path] + arguments)
  }

  /// Runs a program, failing unless it exits with status 0; returns its standard output.
  static func run(_ executable: String, _ arguments: [String]) throws -> Data {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rillboard-python-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let output = directory.appendingPathComponent("stdout")
    let errors = directory.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: errors)
    try process.run()
    process.waitUntilExit()
    let printed = try Data(contentsOf: output)
    guard process.terminationStatus == 0 else {
      let message = String(decoding: try Data(contentsOf: errors), as: UTF8.self)
      throw Failure(
        description: "\(executable) \(arguments.joined(separator: " ")) exited with status "
          + "\(process.terminationStatus): \(message.suffix(2000))")
    }
    return printed
  }
}
