import Foundation
import TensorBoardProtos

extension LoggedTensor {
  /// The most dimensions a tensor may have (TensorFlow's own limit).
  static let maximumRank = 254

  /// The bytes of one element in `tensor_content` for each numeric `DataType`.
  static let contentElementSizes: [Tensorflow_DataType: Int] = [
    .dtFloat: 4, .dtDouble: 8, .dtInt32: 4, .dtUint8: 1, .dtInt16: 2, .dtInt8: 1, .dtInt64: 8,
    .dtBool: 1, .dtBfloat16: 2, .dtUint16: 2, .dtHalf: 2, .dtUint32: 4, .dtUint64: 8,
  ]

  /// The tensor that a decoded `TensorProto` holds.
  ///
  /// - Throws: ``EventFileError`` with ``EventFileError/Reason/malformedEvent(_:)`` when the
  ///   shape is invalid or `tensor_content` is not as long as the shape and dtype require.
  init(_ message: Tensorflow_TensorProto) throws(EventFileError) {
    let shape = try Self.shape(message.tensorShape)
    var numbers = message.floatVal.map(Double.init) + message.doubleVal
    numbers += message.intVal.map(Double.init) + message.scomplexVal.map(Double.init)
    numbers += message.int64Val.map(Double.init) + message.boolVal.map { $0 ? 1 : 0 }
    numbers += message.dcomplexVal + message.uint32Val.map(Double.init)
    numbers += message.uint64Val.map(Double.init)
    // half_val holds each element's 16 bits in an int32: IEEE half, or bfloat16 by dtype.
    numbers += message.halfVal.map {
      Self.number(fromContent: UInt64(UInt16(truncatingIfNeeded: $0)), dataType: message.dtype)
    }
    numbers += try Self.contentNumbers(message.tensorContent, shape: shape, dataType: message.dtype)
    self.init(
      dataType: message.dtype.rawValue, shape: shape, numbers: numbers,
      strings: message.stringVal.map { [UInt8]($0) })
  }

  /// The elements packed in `tensor_content`, checked against the shape and dtype.
  private static func contentNumbers(
    _ content: Data, shape: [Int], dataType: Tensorflow_DataType
  ) throws(EventFileError) -> [Double] {
    // Strings, complex numbers and other types keep no numbers here.
    guard !content.isEmpty, let size = contentElementSizes[dataType] else { return [] }
    var count = 1
    for dimension in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow else {
        throw EventFileError(.malformedEvent("the tensor shape \(shape) overflows"))
      }
      count = product
    }
    guard content.count / size == count && content.count % size == 0 else {
      throw EventFileError(
        .malformedEvent(
          "tensor_content holds \(content.count) bytes; shape \(shape) of DataType "
            + "\(dataType.rawValue) needs \(count) × \(size)"))
    }
    let bytes = [UInt8](content)
    return stride(from: 0, to: bytes.count, by: size).map { start in
      let bits = (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << (8 * $1) }
      return number(fromContent: bits, dataType: dataType)
    }
  }

  /// One little-endian element of `tensor_content` (or `half_val`) as a number.
  private static func number(fromContent bits: UInt64, dataType: Tensorflow_DataType) -> Double {
    switch dataType {
    case .dtFloat: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
    case .dtDouble: return Double(bitPattern: bits)
    case .dtInt32: return Double(Int32(truncatingIfNeeded: bits))
    case .dtInt16: return Double(Int16(truncatingIfNeeded: bits))
    case .dtInt8: return Double(Int8(truncatingIfNeeded: bits))
    case .dtInt64: return Double(Int64(bitPattern: bits))
    case .dtBool: return bits == 0 ? 0 : 1
    case .dtBfloat16: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits) << 16))
    case .dtHalf: return Double(halfFloat(UInt16(truncatingIfNeeded: bits)))
    default: return Double(bits)  // uint8, uint16, uint32, uint64
    }
  }

  /// An IEEE 754 half-precision number from its bits, widened to `Float`.
  static func halfFloat(_ bits: UInt16) -> Float {
    let sign: FloatingPointSign = bits & 0x8000 == 0 ? .plus : .minus
    let exponent = Int(bits >> 10 & 0x1F)
    let fraction = Float(bits & 0x3FF)
    switch exponent {
    case 0: return Float(sign: sign, exponent: -24, significand: fraction)  // subnormal
    case 31: return fraction == 0 ? Float(sign: sign, exponent: 0, significand: .infinity) : .nan
    default: return Float(sign: sign, exponent: exponent - 15, significand: 1 + fraction / 1024)
    }
  }

  /// The dimensions of a decoded `TensorShapeProto`.
  ///
  /// - Throws: ``EventFileError`` for an unknown rank, a negative dimension or more than
  ///   ``maximumRank`` dimensions.
  static func shape(_ message: Tensorflow_TensorShapeProto) throws(EventFileError) -> [Int] {
    guard !message.unknownRank else {
      throw EventFileError(.malformedEvent("the tensor's rank is unknown"))
    }
    guard message.dim.count <= maximumRank else {
      throw EventFileError(
        .malformedEvent("the tensor has more than \(maximumRank) dimensions"))
    }
    var dimensions: [Int] = []
    for dimension in message.dim {
      guard dimension.size >= 0 else {
        throw EventFileError(.malformedEvent("a tensor dimension is negative (\(dimension.size))"))
      }
      dimensions.append(Int(dimension.size))
    }
    return dimensions
  }
}
