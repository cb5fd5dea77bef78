import CZlib
import Foundation
import RillCore
import RillData

/// The valid files the fuzzer starts from: small files of every dtype and layout a reader
/// handles, written by Rill's own writers (NPY, NPZ, safetensors) or laid out by hand as the
/// format's specification says (IDX, which Rill only reads, and CSV).
enum Seeds {
  /// Tensors of every dtype, with special values, a scalar, an empty tensor and rank 3.
  static let tensors: [String: Tensor] = [
    "f32": Tensor(shape: [2, 3], scalars: [-1, 0.5, .nan, .infinity, -0.0, 3] as [Float]),
    "f64": Tensor(shape: [3], scalars: [1.5, -2.25, 1e300] as [Double]),
    "i32": Tensor(shape: [2, 2], scalars: [-1, .max, .min, 0] as [Int32]),
    "i64": Tensor(shape: [2], scalars: [-9_000_000_000_000_000_000, 1] as [Int64]),
    "u8": Tensor(shape: [2, 2, 2], scalars: [0, 1, 2, 3, 252, 253, 254, 255] as [UInt8]),
    "bool": Tensor(shape: [3], scalars: [true, false, true]),
    "scalar": Tensor(Float(2.5)),
    "empty": Tensor(shape: [0, 3], scalars: [] as [Float]),
  ]

  /// IDX files of every element type, big-endian after a 4-byte magic and 4-byte sizes.
  static func idx() -> [Data] {
    func file(type: UInt8, dimensions: [UInt32], elementSize: Int) -> Data {
      var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
      for size in dimensions { bytes += withUnsafeBytes(of: size.bigEndian) { Array($0) } }
      let count = dimensions.reduce(1) { $0 * Int($1) }
      bytes += (0..<(count * elementSize)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      return Data(bytes)
    }
    return [
      file(type: 0x08, dimensions: [3, 4, 4], elementSize: 1),
      file(type: 0x08, dimensions: [10], elementSize: 1),
      file(type: 0x09, dimensions: [2, 3], elementSize: 1),
      file(type: 0x0B, dimensions: [2, 2], elementSize: 2),
      file(type: 0x0C, dimensions: [3], elementSize: 4),
      file(type: 0x0D, dimensions: [2, 2], elementSize: 4),
      file(type: 0x0E, dimensions: [2], elementSize: 8),
      file(type: 0x08, dimensions: [0, 5], elementSize: 1),
    ]
  }

  /// `data` as one gzip member, as `gzip` writes it.
  static func gzip(_ data: Data) -> Data {
    var stream = z_stream()
    let started = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    require(started == Z_OK, "gzip: zlib could not start an encoder")
    defer { deflateEnd(&stream) }
    var input = [UInt8](data)
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
    let count = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        let status = deflate(&stream, Z_FINISH)
        require(status == Z_STREAM_END, "gzip: deflate did not finish")
        return target.count - Int(stream.avail_out)
      }
    }
    return Data(output[0..<count])
  }

  /// `.npy` files of every dtype, and one in Fortran order.
  static func npy() throws -> [Data] {
    var files = tensors.sorted { $0.key < $1.key }.map { NPY.encode($0.value) }
    let header = "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }"
    let padding = (64 - (10 + header.utf8.count + 1) % 64) % 64
    let text = header + String(repeating: " ", count: padding) + "\n"
    var fortran: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.utf8.count), 0]
    fortran += Array(text.utf8)
    for value: Int32 in [0, 3, 1, 4, 2, 5] {
      fortran += withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
    files.append(Data(fortran))
    return files
  }

  /// `.npz` archives, stored and deflated, as `numpy.savez` and `savez_compressed` write them.
  static func npz() throws -> [Data] {
    let small = ["x": tensors["f32"], "y": tensors["i64"]].compactMapValues { $0 }
    return [
      try NPZ.encode(tensors), try NPZ.encode(tensors, compressed: true),
      try NPZ.encode(small, compressed: true),
    ]
  }

  /// safetensors files, with and without metadata.
  static func safetensors() throws -> [Data] {
    [
      try Safetensors.encode(tensors),
      try Safetensors.encode(
        ["w": tensors["f32"], "b": tensors["f64"]].compactMapValues { $0 },
        metadata: ["format": "np", "step": "10"]),
    ]
  }

  /// Numeric CSV files with quotes, a byte-order mark, both line endings and numbers of
  /// several forms.
  static func csv() -> [Data] {
    [
      "label,x,y\n1,0.5,2.0\n0,1.5,-1.0\n3,nan,inf\n",
      "a,b\r\n\"1\",\"2\"\r\n\"3\",4\r\n",
      "\u{FEFF}name,value\n\"1.5\",7\n\n-2,8\n",
      "1,2,3\n4,5,6\n-7,8e3,0.25\n",
    ].map { Data($0.utf8) }
  }
}
