extension LoggedTensor {
  /// The most dimensions a tensor may have (TensorFlow's own limit).
  static let maximumRank = 254

  /// The bytes of one element in `tensor_content` for each numeric `DataType` number.
  static let contentElementSizes: [Int: Int] = [
    1: 4, 2: 8, 3: 4, 4: 1, 5: 2, 6: 1, 9: 8, 10: 1, 14: 2, 17: 2, 19: 2, 22: 4, 23: 8,
  ]

  /// Decodes a serialized `TensorProto`.
  ///
  /// - Throws: ``ProtobufDecodingError`` when the message is malformed, the shape is invalid,
  ///   or `tensor_content` is not as long as the shape and dtype require.
  init(decoding message: ProtobufDecoder) throws(ProtobufDecodingError) {
    var message = message
    self.init(dataType: 0, shape: [])
    var content: Range<Int>?
    while let field = try message.next() {
      switch (field.number, field.value) {
      case (1, .varint(let value)): dataType = Int(Int32(truncatingIfNeeded: value))
      case (2, .lengthDelimited(let range)):
        shape = try Self.shape(decoding: message.message(range))
      case (4, .lengthDelimited(let range)): content = range
      case (8, .lengthDelimited(let range)): strings.append(message.bytes(range))
      case (5...17, _) where field.number != 8:
        numbers += try Self.typedValues(field, in: message)
      case (1...17, _) where field.number != 3: throw wrongWireType(field, in: "TensorProto")
      default: break
      }
    }
    if let content { numbers += try decodeContent(content, in: message) }
  }

  /// The elements of one typed `*_val` field, packed or not.
  private static func typedValues(
    _ field: ProtobufDecoder.Field, in message: ProtobufDecoder
  ) throws(ProtobufDecodingError) -> [Double] {
    switch (field.number, field.value) {
    case (5, .fixed32(let bits)), (9, .fixed32(let bits)):
      return [Double(Float(bitPattern: bits))]
    case (5, .lengthDelimited(let range)), (9, .lengthDelimited(let range)):
      return try message.packedFixed(range, size: 4, field: "float_val").map {
        Double(Float(bitPattern: UInt32(truncatingIfNeeded: $0)))
      }
    case (6, .fixed64(let bits)), (12, .fixed64(let bits)):
      return [Double(bitPattern: bits)]
    case (6, .lengthDelimited(let range)), (12, .lengthDelimited(let range)):
      return try message.packedFixed(range, size: 8, field: "double_val").map {
        Double(bitPattern: $0)
      }
    case (7, _), (10, _), (11, _), (13, _), (16, _), (17, _):
      let raw: [UInt64]
      switch field.value {
      case .varint(let value): raw = [value]
      case .lengthDelimited(let range): raw = try message.packedVarints(range)
      default: throw wrongWireType(field, in: "TensorProto")
      }
      return raw.map { number(fromVarint: $0, field: field.number) }
    case (14, _), (15, _):
      return []  // resource handles and variants are not numbers
    default:
      throw wrongWireType(field, in: "TensorProto")
    }
  }

  /// A varint element of field `field` as a number.
  private static func number(fromVarint value: UInt64, field: Int) -> Double {
    switch field {
    case 7: return Double(Int32(truncatingIfNeeded: value))
    case 10: return Double(Int64(bitPattern: value))
    case 11: return value == 0 ? 0 : 1
    case 13: return Double(Self.halfFloat(UInt16(truncatingIfNeeded: value)))
    default: return Double(value)
    }
  }

  /// The elements packed in `tensor_content`, checked against the shape and dtype.
  private func decodeContent(
    _ range: Range<Int>, in message: ProtobufDecoder
  ) throws(ProtobufDecodingError) -> [Double] {
    // Strings, complex numbers and other types keep no numbers here.
    guard let size = Self.contentElementSizes[dataType] else { return [] }
    var count = 1
    for dimension in shape {
      let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
      guard !overflow else {
        throw ProtobufDecodingError(
          offset: range.lowerBound, reason: "the tensor shape \(shape) overflows")
      }
      count = product
    }
    guard range.count / size == count && range.count % size == 0 else {
      throw ProtobufDecodingError(
        offset: range.lowerBound,
        reason: "tensor_content holds \(range.count) bytes; shape \(shape) of DataType "
          + "\(dataType) needs \(count) × \(size)")
    }
    let bytes = message.bytes
    return stride(from: range.lowerBound, to: range.upperBound, by: size).map { start in
      let bits = (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << (8 * $1) }
      return Self.number(fromContent: bits, dataType: dataType)
    }
  }

  /// One little-endian element of `tensor_content` as a number.
  private static func number(fromContent bits: UInt64, dataType: Int) -> Double {
    switch dataType {
    case 1: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
    case 2: return Double(bitPattern: bits)
    case 3: return Double(Int32(truncatingIfNeeded: bits))
    case 5: return Double(Int16(truncatingIfNeeded: bits))
    case 6: return Double(Int8(truncatingIfNeeded: bits))
    case 9: return Double(Int64(bitPattern: bits))
    case 10: return bits == 0 ? 0 : 1
    case 14: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits) << 16))
    case 19: return Double(halfFloat(UInt16(truncatingIfNeeded: bits)))
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

  /// Decodes a serialized `TensorShapeProto` into its dimensions.
  ///
  /// - Throws: ``ProtobufDecodingError`` for an unknown rank, a negative dimension or more
  ///   than ``maximumRank`` dimensions.
  static func shape(decoding message: ProtobufDecoder) throws(ProtobufDecodingError) -> [Int] {
    var message = message
    var dimensions: [Int] = []
    while let field = try message.next() {
      switch (field.number, field.value) {
      case (2, .lengthDelimited(let range)):
        guard dimensions.count < maximumRank else {
          throw ProtobufDecodingError(
            offset: field.offset, reason: "the tensor has more than \(maximumRank) dimensions")
        }
        var dimension = message.message(range)
        var size: Int64 = 0
        while let inner = try dimension.next() {
          switch (inner.number, inner.value) {
          case (1, .varint(let value)): size = Int64(bitPattern: value)
          case (1, _): throw wrongWireType(inner, in: "TensorShapeProto.Dim")
          default: break  // the dimension's name
          }
        }
        guard size >= 0 else {
          throw ProtobufDecodingError(
            offset: field.offset, reason: "a tensor dimension is negative (\(size))")
        }
        dimensions.append(Int(size))
      case (3, .varint(let unknown)):
        guard unknown == 0 else {
          throw ProtobufDecodingError(offset: field.offset, reason: "the tensor's rank is unknown")
        }
      case (2...3, _): throw wrongWireType(field, in: "TensorShapeProto")
      default: break
      }
    }
    return dimensions
  }
}
