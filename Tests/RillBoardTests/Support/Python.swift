import Foundation
import RillTestSupport

/// Runs the Python scripts in `Scripts/` that check RillBoard's output independently.
///
/// PNG and SVG checks need only `python3` and its standard library. The event-file check needs
/// TensorBoard (see ``PythonEnvironment/interpreter(importing:installing:name:)``; its own
/// environment is `.build/board-venv`).
enum Python {
  /// The folder that holds the scripts.
  static let scripts = PythonEnvironment.packageRoot
    .appendingPathComponent("Tests/RillBoardTests/Scripts")

  /// A Python 3 interpreter with TensorBoard, found or installed on first use.
  static let tensorBoard = PythonEnvironment.interpreter(
    importing: "tensorboard", installing: ["tensorboard"], name: "board-venv")

  /// Runs `script` with the system's `python3` and returns what it printed.
  static func runScript(_ script: String, _ arguments: [String]) throws -> Data {
    try PythonEnvironment.run(
      "/usr/bin/env", ["python3", scripts.appendingPathComponent(script).path] + arguments)
  }

  /// Runs `script` with the TensorBoard interpreter and returns what it printed.
  static func runTensorBoardScript(_ script: String, _ arguments: [String]) throws -> Data {
    let python = try tensorBoard.get()
    return try PythonEnvironment.run(
      python, [scripts.appendingPathComponent(script).path] + arguments)
  }
}
