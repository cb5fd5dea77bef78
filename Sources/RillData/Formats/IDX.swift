import Foundation
import RillCore

/// Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
///
/// An IDX file is a big-endian header (two zero bytes, a type code, the number of dimensions,
/// then one 32-bit size per dimension) followed by the elements in row-major order. Everything
/// is checked before memory is set aside for the elements: the magic bytes, the type, the rank,
/// each size, and that the file holds exactly as many bytes as the header declares, so a damaged
/// or forged file is rejected with an ``IDXError`` and never makes a large allocation.
///
/// ```swift
/// let images = try IDX.read(contentsOf: URL(fileURLWithPath: "mnist/train-images-idx3-ubyte.gz"))
/// images.shape   // [60000, 28, 28]
/// images.dtype   // .uint8
/// ```
///
/// Types map to dtypes as follows: unsigned byte (0x08) → `uint8`; signed byte (0x09), short
/// (0x0B) and int (0x0C) → `int32`; float (0x0D) → `float32`; double (0x0E) → `float64`.
public enum IDX {
  /// The largest rank accepted; real files have 1 to 4 dimensions.
  public static let maximumRank = 16

  /// Reads the IDX file at `url`, decompressing it first if it is gzip-compressed.
  ///
  /// - Parameter url: the file, named anything (MNIST's end in `-ubyte` or `-ubyte.gz`).
  /// - Returns: the tensor the file holds.
  /// - Throws: ``IDXError`` naming the file when it cannot be read or is not a valid IDX file.
  public static func read(contentsOf url: URL) throws -> Tensor {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw IDXError(.unreadable(error.localizedDescription), path: url.path)
    }
    do {
      return try decode(data)
    } catch var error as IDXError {
      error.path = url.path
      throw error
    }
  }

  /// Decodes the contents of an IDX file, gzip-compressed or not.
  ///
  /// - Parameter data: the bytes of the file.
  /// - Returns: the tensor the file holds.
  /// - Throws: ``IDXError`` when the data is not a valid IDX file.
  public static func decode(_ data: Data) throws -> Tensor {
    guard Gzip.isCompressed(data) else { return try decodeUncompressed(data) }
    do {
      // Read the header first, to know how long the contents must be before inflating them.
      let start = try Gzip.decompressPrefix(data, count: 4)
      let rank = start.count == 4 ? Int(start[start.startIndex + 3]) : 0
      let header = try Gzip.decompressPrefix(data, count: 4 + 4 * rank)
      let layout = try IDXLayout(header: header)
      let contents: Data
      do {
        contents = try Gzip.decompress(data, maximumSize: layout.fileSize)
      } catch let error as GzipError where error.reason == .tooLarge(maximumSize: layout.fileSize) {
        throw IDXError(.lengthMismatch(expectedBytes: layout.fileSize, actualBytes: nil))
      }
      return try decodeUncompressed(contents)
    } catch let error as GzipError {
      throw IDXError(.compression(error))
    }
  }

  private static func decodeUncompressed(_ data: Data) throws -> Tensor {
    let layout = try IDXLayout(header: data)
    guard data.count == layout.fileSize else {
      throw IDXError(.lengthMismatch(expectedBytes: layout.fileSize, actualBytes: data.count))
    }
    let shape = Shape(layout.dimensions)
    let count = shape.scalarCount
    return data.withUnsafeBytes { bytes -> Tensor in
      let body = UnsafeRawBufferPointer(rebasing: bytes[layout.headerSize...])
      switch layout.type {
      case .unsignedByte:
        return Tensor(shape: shape, scalars: [UInt8](body))
      case .signedByte:
        return Tensor(shape: shape, scalars: body.map { Int32(Int8(bitPattern: $0)) })
      case .short:
        let values = (0..<count).map { index -> Int32 in
          Int32(Int16(bigEndian: body.loadUnaligned(fromByteOffset: 2 * index, as: Int16.self)))
        }
        return Tensor(shape: shape, scalars: values)
      case .int:
        let values = (0..<count).map { index in
          Int32(bigEndian: body.loadUnaligned(fromByteOffset: 4 * index, as: Int32.self))
        }
        return Tensor(shape: shape, scalars: values)
      case .float:
        let values = (0..<count).map { index in
          Float(
            bitPattern: UInt32(
              bigEndian: body.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
        }
        return Tensor(shape: shape, scalars: values)
      case .double:
        let values = (0..<count).map { index in
          Double(
            bitPattern: UInt64(
              bigEndian: body.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)))
        }
        return Tensor(shape: shape, scalars: values)
      }
    }
  }
}
