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
  /// - Parameters:
  ///   - url: the file, named anything (MNIST's end in `-ubyte` or `-ubyte.gz`).
  ///   - limits: how large the decompressed contents may be
  ///     (``ReadingLimits/maximumDecompressedByteCount``).
  /// - Returns: the tensor the file holds.
  /// - Throws: ``IDXError`` naming the file when it cannot be read or is not a valid IDX file.
  public static func read(contentsOf url: URL, limits: ReadingLimits = .default) throws -> Tensor {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw IDXError(.unreadable(error.localizedDescription), path: url.path)
    }
    do {
      return try decode(data, limits: limits)
    } catch var error as IDXError {
      error.path = url.path
      throw error
    }
  }

  /// Decodes the contents of an IDX file, gzip-compressed or not.
  ///
  /// A compressed file is decompressed at once (with libdeflate) into memory of the size its
  /// header declares, then copied into the tensor; a stream that does not fit that size
  /// exactly is decoded again, streaming (with zlib) straight into the tensor, to report where
  /// it goes wrong. Neither decoder writes past the declared size.
  ///
  /// - Parameters:
  ///   - data: the bytes of the file.
  ///   - limits: how large the decompressed contents may be
  ///     (``ReadingLimits/maximumDecompressedByteCount``).
  /// - Returns: the tensor the file holds.
  /// - Throws: ``IDXError`` when the data is not a valid IDX file, its contents are larger than
  ///   `limits` allow, or its tensor cannot be allocated.
  /// - Complexity: O(n) in the size of the contents; beyond `data`, the result and (for a
  ///   compressed file, while decoding) the decompressed file are allocated.
  public static func decode(_ data: Data, limits: ReadingLimits = .default) throws -> Tensor {
    guard Gzip.isCompressed(data) else {
      return try data.withUnsafeBytes { bytes in
        let layout = try IDXLayout(header: Data(bytes.prefix(4 + 4 * maximumRank)))
        guard bytes.count == layout.fileSize else {
          throw IDXError(.lengthMismatch(expectedBytes: layout.fileSize, actualBytes: bytes.count))
        }
        return try tensor(layout) { body in
          body.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[layout.headerSize...]))
        }
      }
    }
    do {
      return try decodeCompressed(data, limits: limits)
    } catch let failure as Inflater.Failure {
      throw IDXError(.compression(GzipError(failure: failure)))
    }
  }

  private static func decodeCompressed(_ data: Data, limits: ReadingLimits) throws -> Tensor {
    if let decoded = try decodeWhole(data, limits: limits) { return decoded }
    // The stream did not decode whole to the size its header declares: decode it again,
    // streaming, to find out where and why.
    let inflater = try Inflater(data, format: .gzip)
    let layout = try readLayout(inflater, limits: limits, compressedCount: data.count)
    let bodySize = layout.fileSize - layout.headerSize
    return try tensor(layout) { body in
      let read = try inflater.read(into: body)
      guard read == bodySize else {
        throw IDXError(
          .lengthMismatch(expectedBytes: layout.fileSize, actualBytes: layout.headerSize + read))
      }
      guard try !inflater.hasMoreOutput() else {
        throw IDXError(.lengthMismatch(expectedBytes: layout.fileSize, actualBytes: nil))
      }
    }
  }

  /// Reads the header of a compressed file from `inflater`, and checks that the contents it
  /// declares are within `limits` and could come out of `compressedCount` bytes.
  private static func readLayout(
    _ inflater: Inflater, limits: ReadingLimits, compressedCount: Int
  ) throws -> IDXLayout {
    // Read the header first, to know how long the contents must be before inflating them.
    var header = [UInt8](repeating: 0, count: 4 + 4 * maximumRank)
    var count = try header.withUnsafeMutableBytes {
      try inflater.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<4]))
    }
    if count == 4 && header[3] > 0 && Int(header[3]) <= maximumRank {
      let end = 4 + 4 * Int(header[3])
      count += try header.withUnsafeMutableBytes {
        try inflater.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[4..<end]))
      }
    }
    let layout = try IDXLayout(header: Data(header[0..<count]))
    let largest = Swift.min(
      limits.maximumDecompressedByteCount, Inflater.largestOutput(ofCompressed: compressedCount))
    guard layout.fileSize <= largest else {
      throw IDXError(.tooLargeToDecompress(declaredBytes: layout.fileSize, maximumBytes: largest))
    }
    return layout
  }

  /// The tensor of a gzip-compressed IDX file, decompressed at once (``WholeGzipDecoder``) into
  /// memory of the size its header declares; `inspect` sees the decompressed file (header and
  /// big-endian elements) before the tensor is made, and may throw to refuse it.
  ///
  /// - Returns: the tensor, or `nil` when the file is not a valid compressed IDX file within
  ///   `limits` or the memory is not available: ``decode(_:limits:)`` then says what is wrong.
  /// - Throws: only what `inspect` throws.
  static func decodeWhole(
    _ data: Data, limits: ReadingLimits = .default,
    inspecting inspect: (UnsafeRawBufferPointer) throws -> Void = { _ in }
  ) throws -> Tensor? {
    guard Gzip.isCompressed(data), let inflater = try? Inflater(data, format: .gzip),
      let layout = try? readLayout(inflater, limits: limits, compressedCount: data.count),
      let start = malloc(Swift.max(layout.fileSize, 1))
    else { return nil }
    defer { free(start) }
    let contents = UnsafeMutableRawBufferPointer(start: start, count: layout.fileSize)
    guard WholeGzipDecoder.decompress(data, into: contents) else { return nil }
    try inspect(UnsafeRawBufferPointer(contents))
    return try? tensor(layout) { body in
      body.copyMemory(from: UnsafeRawBufferPointer(rebasing: contents[layout.headerSize...]))
    }
  }

  /// The tensor of `layout`, whose big-endian elements `fill` writes into the buffer it is
  /// given (the last bytes of the tensor's memory), then converted in place.
  private static func tensor(
    _ layout: IDXLayout, fill: (UnsafeMutableRawBufferPointer) throws -> Void
  ) throws -> Tensor {
    do {
      return try Tensor(dtype: layout.type.dtype, shape: layout.shape) { buffer in
        let bodySize = layout.fileSize - layout.headerSize
        let start = buffer.count - bodySize
        try fill(UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
        switch layout.type {
        case .unsignedByte:
          break
        case .signedByte:
          widen(buffer, from: Int8.self) { Int32($0) }
        case .short:
          widen(buffer, from: Int16.self) { Int32(Int16(bigEndian: $0)) }
        case .int, .float, .double:
          Tensor.normalize(buffer, dtype: layout.type.dtype, from: .bigEndian)
        }
      }
    } catch let error as TensorAllocationError {
      throw IDXError(.outOfMemory(byteCount: error.byteCount))
    }
  }

  /// Widens the narrow elements held at the end of `buffer` to `Int32`s filling it, front to
  /// back: element `i` is read before it is written, and the 4-byte value written at `4i`
  /// never reaches the narrow elements after `i`.
  private static func widen<Narrow: FixedWidthInteger>(
    _ buffer: UnsafeMutableRawBufferPointer, from type: Narrow.Type, _ convert: (Narrow) -> Int32
  ) {
    let count = buffer.count / 4
    let width = MemoryLayout<Narrow>.size
    let start = buffer.count - count * width
    for index in 0..<count {
      let value = buffer.loadUnaligned(fromByteOffset: start + index * width, as: Narrow.self)
      buffer.storeBytes(of: convert(value), toByteOffset: 4 * index, as: Int32.self)
    }
  }
}
