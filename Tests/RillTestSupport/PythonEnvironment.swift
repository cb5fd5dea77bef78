import Foundation

/// Python for tests that check Rill's files with independent readers and writers (TensorBoard,
/// NumPy, safetensors): an interpreter that has the modules a test needs, and a way to run it.
public enum PythonEnvironment {
  /// Why Python could not be found, installed or run, or a script failed.
  public struct Failure: Error, CustomStringConvertible {
    /// What went wrong, with the program's last output.
    public var description: String

    /// A failure described by `description`.
    public init(description: String) { self.description = description }
  }

  /// The package's root folder.
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A Python 3 interpreter that imports `modules`: the project's anchor environment
  /// (`~/.cache/rill-anchors-venv`) when it has them, else a virtual environment under the
  /// package's `.build/<name>` that is created with `python3 -m venv` and given `packages`
  /// with pip on first use.
  ///
  /// - Parameters:
  ///   - modules: what the interpreter must import, as in `import numpy, safetensors.numpy`.
  ///   - packages: the pip packages that provide them.
  ///   - name: the virtual environment's folder under `.build`.
  /// - Returns: the interpreter's path, or why there is none.
  public static func interpreter(
    importing modules: String, installing packages: [String], name: String
  ) -> Result<String, Failure> {
    let check = ["-c", "import \(modules)"]
    let home =
      ProcessInfo.processInfo.environment["HOME"]
      ?? FileManager.default.homeDirectoryForCurrentUser.path
    let anchors = home + "/.cache/rill-anchors-venv/bin/python"
    if FileManager.default.isExecutableFile(atPath: anchors), (try? run(anchors, check)) != nil {
      return .success(anchors)
    }
    let venv = packageRoot.appendingPathComponent(".build/\(name)").path
    let python = venv + "/bin/python"
    do {
      if !FileManager.default.isExecutableFile(atPath: python) {
        _ = try run("/usr/bin/env", ["python3", "-m", "venv", venv])
      }
      if (try? run(python, check)) == nil {
        _ = try run(
          python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check"] + packages)
      }
      _ = try run(python, check)
      return .success(python)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Failure(description: "\(error)"))
    }
  }

  /// Runs a program, failing unless it exits with status 0.
  ///
  /// - Returns: what it printed on its standard output.
  /// - Throws: ``Failure`` with the end of its standard error when it fails.
  public static func run(_ executable: String, _ arguments: [String]) throws -> Data {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-python-\(UUID().uuidString)")
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
      // Inline scripts make long argument lists: name the program and its last arguments.
      throw Failure(
        description: "\(executable) \(arguments.suffix(3).joined(separator: " ")) exited with "
          + "status \(process.terminationStatus): \(message.suffix(2000))")
    }
    return printed
  }
}
