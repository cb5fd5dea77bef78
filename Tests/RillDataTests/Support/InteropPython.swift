import Foundation
import RillCore
import RillTestSupport

/// Runs Python's `numpy` and `safetensors` against Rill's files, as independent readers and
/// writers of the formats.
///
/// The interpreter comes from ``PythonEnvironment/interpreter(importing:installing:name:)``
/// (its own environment is `.build/data-venv`).
enum InteropPython {
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
  static let interpreter = PythonEnvironment.interpreter(
    importing: "numpy, safetensors.numpy", installing: ["numpy", "safetensors"], name: "data-venv")

  /// Runs the interop script with `arguments` (a command, then paths) and decodes its report.
  static func report(_ arguments: [String]) throws -> Report {
    let python = try interpreter.get()
    let output = try PythonEnvironment.run(python, ["-c", script] + arguments)
    return try JSONDecoder().decode(Report.self, from: output)
  }

  /// The script: `read-safetensors PATH`, `read-npz PATH`, or `write-safetensors PATH`,
  /// `write-npz PATH`, `write-npz-compressed PATH`, `write-npz-many PATH COUNT` (which write
  /// sample arrays with the reference libraries), `write-fortran DIRECTORY` (the sample arrays
  /// in Fortran order, one `.npy` each and all in `fortran.npz`); each prints a JSON report of
  /// the arrays.
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
    elif command == "write-fortran":
        # Every array of rank 2 or more in column-major order, as .npy files and in an .npz.
        arrays = {name: np.asfortranarray(a) for name, a in sample().items()}
        for name, a in arrays.items():
            np.save(path + "/" + name + ".npy", a)
        np.savez_compressed(path + "/fortran.npz", **arrays)
    elif command == "write-npz-many":
        arrays = {"a%d" % i: np.array([i], dtype=np.int32) for i in range(int(sys.argv[3]))}
        np.savez(path, **arrays)
        arrays = {"a0": arrays["a0"], "a%d" % (len(arrays) - 1): arrays["a%d" % (len(arrays) - 1)]}
    else:
        sys.exit("unknown command " + command)
    print(json.dumps({"arrays": describe(arrays), "metadata": metadata}))
    """#
}
