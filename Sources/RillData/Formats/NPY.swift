import Foundation
import RillCore

/// Reads and writes NumPy `.npy` files, so that arrays move between Python and Rill.
///
/// Every Rill dtype is supported, stored little-endian in C (row-major) order: `'<f4'`
/// (float32), `'<f8'` (float64), `'<i4'` (int32), `'<i8'` (int64), `'|u1'` (uint8) and `'|b1'`
/// (bool). Format versions 1.0, 2.0 and 3.0 are read, in C or Fortran order (reordered to
/// row-major); files are written as 1.0 in C order, as `numpy.save` does. Reading checks the
/// magic string, the version, the header's syntax and keys, the dtype, the rank, that the sizes
/// can be addressed and that the data is exactly as long as the shape requires, and throws an
/// ``NPYError`` otherwise.
///
/// ```swift
/// // Python: numpy.save("weights.npy", numpy.arange(6, dtype=numpy.float32).reshape(2, 3))
/// let weights = try NPY.read(contentsOf: URL(fileURLWithPath: "weights.npy"))
/// weights.shape   // [2, 3]
/// try NPY.write(weights * 2, to: URL(fileURLWithPath: "doubled.npy"))
/// ```
public enum NPY {
  /// The longest header read, in bytes, as in NumPy's `max_header_size` (a guard against
  /// forged headers that would make parsing slow).
  public static let maximumHeaderSize = 65_536

  private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY

  /// Reads the `.npy` file at `url`.
  ///
  /// - Parameters:
  ///   - url: the file.
  ///   - limits: the most dimensions the array may have (``ReadingLimits/maximumRank``).
  /// - Returns: the array as a tensor of the same dtype and shape.
  /// - Throws: ``NPYError`` naming the file when it cannot be read or is not a valid `.npy`
  ///   file of a supported dtype.
  public static func read(contentsOf url: URL, limits: ReadingLimits = .default) throws -> Tensor {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw NPYError(.unreadable(error.localizedDescription), path: url.path)
    }
    do {
      return try decode(data, limits: limits)
    } catch var error as NPYError {
      error.path = url.path
      throw error
    }
  }

  /// Writes `tensor` to `url` as a `.npy` file, atomically and durably (see ``DurableFile``):
  /// `url` holds either its old contents or the complete new file, even if the program or the
  /// machine stops half-way or the disk fills up.
  ///
  /// - Parameters:
  ///   - tensor: the tensor to save.
  ///   - url: the file to create or replace.
  /// - Throws: ``NPYError`` when the file cannot be written.
  public static func write(_ tensor: Tensor, to url: URL) throws {
    do {
      try DurableFile.write(encode(tensor), to: url)
    } catch {
      throw NPYError(.unreadable(error.description), path: url.path)
    }
  }

  /// Decodes the bytes of a `.npy` file.
  ///
  /// Arrays in Fortran (column-major) order are reordered to row-major, as `numpy.load` then
  /// `numpy.ascontiguousarray` would give them.
  ///
  /// - Parameters:
  ///   - data: the bytes of the file.
  ///   - limits: the most dimensions the array may have (``ReadingLimits/maximumRank``).
  /// - Returns: the array as a tensor of the same dtype and shape.
  /// - Throws: ``NPYError`` when the data is not a valid `.npy` file of a supported dtype, or
  ///   its tensor cannot be allocated.
  /// - Complexity: O(n) in the size of the data; beyond `data`, only the result is allocated.
  public static func decode(_ data: Data, limits: ReadingLimits = .default) throws -> Tensor {
    try data.withUnsafeBytes { try decode(bytes: $0, limits: limits) }
  }

  /// Decodes the bytes of a `.npy` file held anywhere in memory (a zip entry, say).
  static func decode(bytes: UnsafeRawBufferPointer, limits: ReadingLimits) throws -> Tensor {
    let layout = try self.layout(of: bytes, limits: limits)
    guard bytes.count - layout.dataStart == layout.byteCount else {
      throw NPYError(
        .lengthMismatch(
          expectedBytes: layout.byteCount, actualBytes: bytes.count - layout.dataStart))
    }
    let body = UnsafeRawBufferPointer(rebasing: bytes[layout.dataStart...])
    do {
      if layout.header.fortranOrder {
        return try Tensor.decodingColumnMajor(
          layout.header.dtype, shape: layout.shape, from: body, order: .littleEndian)
      }
      return try Tensor.decoding(
        layout.header.dtype, shape: layout.shape, from: body, order: .littleEndian)
    } catch let error as TensorAllocationError {
      throw NPYError(.outOfMemory(byteCount: error.byteCount))
    }
  }

  /// The checked header of a `.npy` file and where its data lies.
  struct Layout {
    /// The parsed header.
    var header: NPYHeader
    /// The shape, checked against overflow.
    var shape: Shape
    /// Where the data starts.
    var dataStart: Int
    /// How many bytes of data the shape and dtype require.
    var byteCount: Int
  }

  /// Parses and checks the preamble and header at the start of `bytes`, which must hold at
  /// least the header but may end anywhere after it.
  ///
  /// - Throws: ``NPYError`` for everything but the length of the data.
  static func layout(of bytes: UnsafeRawBufferPointer, limits: ReadingLimits) throws -> Layout {
    guard bytes.count >= 10 else {
      throw NPYError(
        bytes.starts(with: magic.prefix(bytes.count)) ? .tooShort(byteCount: bytes.count) : .notNPY)
    }
    guard bytes.starts(with: magic) else { throw NPYError(.notNPY) }
    let (major, minor) = (bytes[6], bytes[7])
    guard minor == 0 && (1...3).contains(major) else {
      throw NPYError(.unsupportedVersion(major: major, minor: minor))
    }
    let lengthBytes = major == 1 ? 2 : 4
    guard bytes.count >= 8 + lengthBytes else { throw NPYError(.tooShort(byteCount: bytes.count)) }
    let headerLength = bytes[8..<8 + lengthBytes].reversed().reduce(0) { $0 << 8 | Int($1) }
    guard headerLength <= maximumHeaderSize else {
      throw NPYError(.headerTooLarge(headerLength))
    }
    let dataStart = 8 + lengthBytes + headerLength
    guard bytes.count >= dataStart else { throw NPYError(.tooShort(byteCount: bytes.count)) }
    let headerBytes = bytes[(8 + lengthBytes)..<dataStart]
    // Versions 1 and 2 are Latin-1 (ASCII in practice); version 3 is UTF-8.
    guard major == 3 || headerBytes.allSatisfy({ $0 < 0x80 }),
      let text = String(bytes: headerBytes, encoding: .utf8)
    else {
      throw NPYError(.badHeader("the header is not \(major == 3 ? "UTF-8" : "ASCII") text"))
    }
    let header = try NPYHeader(parsing: text)
    guard header.shape.count <= limits.maximumRank else {
      throw NPYError(.rankTooLarge(rank: header.shape.count, maximumRank: limits.maximumRank))
    }
    let shape: Shape
    do {
      shape = try Shape(checking: header.shape, elementByteCount: header.dtype.byteCount)
    } catch {
      throw NPYError(.sizeOverflow(shape: header.shape))
    }
    return Layout(
      header: header, shape: shape, dataStart: dataStart,
      byteCount: shape.scalarCount * header.dtype.byteCount)
  }

  /// The bytes of a `.npy` file (format 1.0, or 2.0 when the header needs it) holding
  /// `tensor`.
  ///
  /// - Parameter tensor: the tensor to encode.
  /// - Returns: the file's bytes.
  public static func encode(_ tensor: Tensor) -> Data {
    let header = NPYHeader(dtype: tensor.dtype, shape: tensor.shape.dimensions).text
    // The preamble (10 bytes, or 12 in version 2.0 whose length field is 32 bits) plus the
    // header, padded with spaces and ended by a newline, is a multiple of 64 bytes so that the
    // data is aligned, as NumPy writes it.
    func padded(preamble: Int) -> String {
      let padding = (64 - (preamble + header.utf8.count + 1) % 64) % 64
      return header + String(repeating: " ", count: padding) + "\n"
    }
    let version: UInt8 = padded(preamble: 10).utf8.count <= Int(UInt16.max) ? 1 : 2
    let text = padded(preamble: version == 1 ? 10 : 12)
    var data = Data(magic + [version, 0])
    let length = text.utf8.count
    let lengthBytes = version == 1 ? 2 : 4
    data.append(contentsOf: (0..<lengthBytes).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) })
    data.append(contentsOf: Array(text.utf8))
    data.append(littleEndianBytes(of: tensor))
    return data
  }
}
