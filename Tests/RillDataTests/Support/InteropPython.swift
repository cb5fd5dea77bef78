import Foundation
import RillCore

/// Runs Python's `numpy` and `safetensors` against Rill's files, as independent readers and
/// writers of the formats.
///
/// The interpreter is the project's anchor environment (`~/.cache/rill-anchors-venv`) when it
/// has both packages, or else a virtual environment this helper creates once under the package's
/// `.build/data-venv` with `python3 -m venv` and `pip install numpy safetensors` (as
/// RillBoardTests does for TensorBoard).
enum InteropPython {
  /// Why Python could not be found, installed or run, or a script failed.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// One array as Python describes it: NumPy's dtype name, the shape, and the elements'
  /// little-endian bytes in hexadecimal.
  struct PythonArray: Decodable, Equatable, CustomStringConvertible {
    var dtype: String
    var shape: [Int]
    var hex: String

    /// The description Rill's tensor should match: the same dtype name (Rill's dtypes are named
    /// as NumPy's), shape and bytes.
    init(_ tensor: Tensor) {
      dtype = tensor.dtype.rawValue
      shape = tensor.shape.dimensions
      hex = tensor.bytes.map { String(format: "%02x", $0) }.joined()
    }

    var description: String { "\(dtype)\(shape) \(hex.prefix(64))" }
  }

  /// What a script printed: the arrays it read or wrote, and the safetensors metadata.
  struct Report: Decodable {
    var arrays: [String: PythonArray]
    var metadata: [String: String]
  }

  /// A Python 3 interpreter with NumPy and safetensors, found or installed on first use.
  static let interpreter: Result<String, Failure> = {
    let check = ["-c", "import numpy, safetensors.numpy"]
    let home =
      ProcessInfo.processInfo.environment["HOME"]
      ?? FileManager.default.homeDirectoryForCurrentUser.path
    let anchors = home + "/.cache/rill-anchors-venv/bin/python"
    if FileManager.default.isExecutableFile(atPath: anchors), (try? run(anchors, check)) != nil {
      return .success(anchors)
    }
    let venv = TestData.packageRoot.appendingPathComponent(".build/data-venv").path
    let python = venv + "/bin/python"
    do {
      if !FileManager.default.isExecutableFile(atPath: python) {
        _ = try run("/usr/bin/env", ["python3", "-m", "venv", venv])
      }
      if (try? run(python, check)) == nil {
        _ = try run(
          python,
          [
            "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "numpy",
            "safetensors",
          ])
      }
      _ = try run(python, check)
      return .success(python)
    } catch let failure as Failure {
      return .failure(failure)
    } catch {
      return .failure(Failure(description: "\(error)"))
    }
  }()

  /// Runs the interop script with `arguments` (a command, then paths) and decodes its report.
  static func report(_ arguments: [String]) throws -> Report {
    let python = try interpreter.get()
    let output = try run(python, ["-c", script] + arguments)
    return try JSONDecoder().decode(Report.self, from: output)
  }

  /// Runs a program, failing unless it exits with status 0; returns its standard output.
  static func run(_ executable: String, _ arguments: [String]) throws -> Data {
    let directory = try TestData.temporaryDirectory()
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
        description: "\(executable) \(arguments.suffix(3).joined(separator: " ")) exited with "
          + "status \(process.terminationStatus): \(message.suffix(2000))")
    }
    return printed
  }

  /// The script: `read-safetensors PATH`, `read-npz PATH`, or `write-safetensors PATH`,
  /// `write-npz PATH`, `write-npz-compressed PATH`, `write-npz-many PATH COUNT` (which write
  /// sample arrays with the reference libraries); each prints a JSON report of the arrays.
  static let script = #"""
    import json, sys, zipfile
    import numpy as np

    def describe(arrays):
        return {name: {"dtype": str(a.dtype), "shape": list(a.shape),
                       "hex": a.astype(a.dtype.newbyteorder("<")).tobytes().hex()}
                for name, a in arrays.items()}

    def sample():
        rng = np.random.default_rng(7)
        special = np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45, 3.4e38], dtype=np.float32)
        return {
            "dense.kernel": rng.standard_normal((5, 7)).astype(np.float32),
            "dense.bias": np.concatenate([special, rng.standard_normal(3).astype(np.float32)]),
            "float64": rng.standard_normal((2, 3, 4)),
            "int32": np.array([[-2**31, 2**31 - 1, 0], [1, -1, 7]], dtype=np.int32),
            "int64": np.array([-2**63, 2**63 - 1, 0, 12345678901234], dtype=np.int64),
            "uint8": rng.integers(0, 256, (3, 4), dtype=np.uint8),
            "bool": rng.integers(0, 2, (2, 5)).astype(np.bool_),
            "scalar": np.array(2.5, dtype=np.float64),
            "empty": np.zeros((0, 3), dtype=np.float32),
            "step": np.array(1000, dtype=np.int64),
            "large": np.linspace(-1, 1, 3000, dtype=np.float64).reshape(30, 100),
        }

    command, path = sys.argv[1], sys.argv[2]
    metadata = {}
    if command == "read-safetensors":
        from safetensors import safe_open
        from safetensors.numpy import load_file
        arrays = load_file(path)
        with safe_open(path, framework="np") as f:
            metadata = f.metadata() or {}
    elif command == "read-npz":
        with zipfile.ZipFile(path) as archive:
            damaged = archive.testzip()
            assert damaged is None, "bad CRC-32 in " + damaged
        with np.load(path) as f:
            arrays = {name: f[name] for name in f.files}
    elif command == "write-safetensors":
        from safetensors.numpy import save_file
        arrays, metadata = sample(), {"format": "np"}
        save_file(arrays, path, metadata=metadata)
    elif command == "write-npz":
        arrays = sample()
        np.savez(path, **arrays)
    elif command == "write-npz-compressed":
        arrays = sample()
        np.savez_compressed(path, **arrays)
    elif command == "write-npz-many":
        arrays = {"a%d" % i: np.array([i], dtype=np.int32) for i in range(int(sys.argv[3]))}
        np.savez(path, **arrays)
        arrays = {"a0": arrays["a0"], "a%d" % (len(arrays) - 1): arrays["a%d" % (len(arrays) - 1)]}
    else:
        sys.exit("unknown command " + command)
    print(json.dumps({"arrays": describe(arrays), "metadata": metadata}))
    """#
}
