import Foundation
import RillCore

/// The element type of an IDX file, from the third byte of its header.
enum IDXType: UInt8 {
  case unsignedByte = 0x08
  case signedByte = 0x09
  case short = 0x0B
  case int = 0x0C
  case float = 0x0D
  case double = 0x0E

  /// The size of one element in the file.
  var byteCount: Int {
    switch self {
    case .unsignedByte, .signedByte: return 1
    case .short: return 2
    case .int, .float: return 4
    case .double: return 8
    }
  }

  /// The dtype of the tensor read: bytes stay `uint8`, signed integers widen to `int32`.
  var dtype: DType {
    switch self {
    case .unsignedByte: return .uint8
    case .signedByte, .short, .int: return .int32
    case .float: return .float32
    case .double: return .float64
    }
  }
}

/// The validated header of an IDX file: its type, its dimensions and the sizes they imply.
struct IDXLayout {
  /// The element type.
  let type: IDXType
  /// The size of each dimension, outermost first.
  let dimensions: [Int]
  /// The shape of the tensor, checked so that its sizes and strides can be addressed.
  let shape: Shape
  /// The bytes before the elements: 4 + 4 × rank.
  let headerSize: Int
  /// The exact size the whole file must have.
  let fileSize: Int

  /// Parses and checks the header at the start of `data`, which may hold more than the header.
  ///
  /// - Throws: ``IDXError`` when the header is short, has a bad magic number, an unknown type,
  ///   a rank of 0 or above ``IDX/maximumRank``, a size above 2³¹ − 1, or sizes whose product
  ///   overflows (the nonzero sizes, even beside a zero, since strides are computed from them).
  init(header data: Data) throws {
    let bytes = [UInt8](data.prefix(4 + 4 * IDX.maximumRank))
    guard bytes.count >= 4 else { throw IDXError(.tooShort(byteCount: bytes.count)) }
    guard bytes[0] == 0 && bytes[1] == 0 else {
      throw IDXError(.badMagic(bytes[0..<4].reduce(0) { $0 << 8 | UInt32($1) }))
    }
    guard let type = IDXType(rawValue: bytes[2]) else {
      throw IDXError(.unsupportedType(bytes[2]))
    }
    let rank = Int(bytes[3])
    guard rank >= 1 && rank <= IDX.maximumRank else { throw IDXError(.badRank(rank)) }
    let headerSize = 4 + 4 * rank
    guard bytes.count >= headerSize else { throw IDXError(.tooShort(byteCount: bytes.count)) }
    let dimensions = try (0..<rank).map { axis -> Int in
      let offset = 4 + 4 * axis
      let value = bytes[offset..<offset + 4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
      guard value <= UInt32(Int32.max) else {
        throw IDXError(.badDimension(axis: axis, value: value))
      }
      return Int(value)
    }
    // The tensor read has 4-byte elements where the file has 1 or 2, so check with the larger.
    let shape: Shape
    do {
      shape = try Shape(
        checking: dimensions, elementByteCount: Swift.max(type.byteCount, type.dtype.byteCount))
    } catch {
      throw IDXError(.sizeOverflow(dimensions: dimensions))
    }
    let (fileSize, overflow) = (shape.scalarCount * type.byteCount).addingReportingOverflow(
      headerSize)
    guard !overflow else { throw IDXError(.sizeOverflow(dimensions: dimensions)) }
    self.type = type
    self.dimensions = dimensions
    self.shape = shape
    self.headerSize = headerSize
    self.fileSize = fileSize
  }
}
