/// A minimal Protocol Buffers reader, the counterpart of ``ProtobufEncoder``: it walks the
/// fields of one message in the binary wire format
/// (https://protobuf.dev/programming-guides/encoding/) and never reads outside its bytes.
///
/// Every length and varint is checked against the bytes that remain, so damaged or hostile input
/// ends in a ``ProtobufDecodingError``, never a trap. Groups (wire types 3 and 4), which no
/// TensorBoard message uses, are refused.
///
/// ```swift
/// var event = ProtobufDecoder(bytes)
/// while let field = try event.next() {
///   switch (field.number, field.value) {
///   case (2, .varint(let step)): print("step", Int64(bitPattern: step))
///   default: break                       // an unknown field is skipped
///   }
/// }
/// ```
struct ProtobufDecoder {
  /// One field's value as the wire format carries it.
  enum Value {
    /// A base-128 varint (int32, int64, uint, bool, enum).
    case varint(UInt64)
    /// Eight little-endian bytes (double, fixed64).
    case fixed64(UInt64)
    /// A length-prefixed run of bytes (string, bytes, embedded message, packed repeated field),
    /// as a range of the decoder's bytes.
    case lengthDelimited(Range<Int>)
    /// Four little-endian bytes (float, fixed32).
    case fixed32(UInt32)

    /// The wire type's name, for messages.
    var wireTypeName: String {
      switch self {
      case .varint: return "varint"
      case .fixed64: return "64-bit"
      case .lengthDelimited: return "length-delimited"
      case .fixed32: return "32-bit"
      }
    }
  }

  /// One field: its number and value.
  struct Field {
    /// The field number from the message's definition.
    var number: Int
    /// The value.
    var value: Value
    /// Where the field's key starts in the bytes.
    var offset: Int
  }

  /// The bytes of the whole record (shared by nested decoders, never copied).
  let bytes: [UInt8]
  /// Where the next field starts.
  private(set) var position: Int
  /// Where this message ends.
  let end: Int

  /// A decoder over all of `bytes`.
  init(_ bytes: [UInt8]) {
    self.init(bytes, range: 0..<bytes.count)
  }

  /// A decoder over the message in `range` of `bytes`.
  init(_ bytes: [UInt8], range: Range<Int>) {
    self.bytes = bytes
    self.position = range.lowerBound
    self.end = range.upperBound
  }

  /// A decoder over a nested message that a length-delimited field of this one holds.
  func message(_ range: Range<Int>) -> ProtobufDecoder {
    ProtobufDecoder(bytes, range: range)
  }

  /// The next field, or `nil` at the end of the message.
  ///
  /// - Throws: ``ProtobufDecodingError`` when the key, a varint or a length runs past the end,
  ///   or the wire type or field number is invalid.
  mutating func next() throws(ProtobufDecodingError) -> Field? {
    guard position < end else { return nil }
    let keyOffset = position
    let key = try readVarint()
    let number = key >> 3
    guard number > 0 && number < 1 << 29 else {
      throw ProtobufDecodingError(offset: keyOffset, reason: "field number \(number) is invalid")
    }
    let value: Value
    switch key & 7 {
    case 0:
      value = .varint(try readVarint())
    case 1:
      value = .fixed64(try readLittleEndian(UInt64.self))
    case 2:
      let length = try readVarint()
      guard length <= UInt64(end - position) else {
        throw ProtobufDecodingError(
          offset: keyOffset,
          reason: "field \(number) declares \(length) bytes but \(end - position) remain")
      }
      let start = position
      position += Int(length)
      value = .lengthDelimited(start..<position)
    case 5:
      value = .fixed32(try readLittleEndian(UInt32.self))
    case let wireType:
      throw ProtobufDecodingError(
        offset: keyOffset, reason: "field \(number) has unsupported wire type \(wireType)")
    }
    return Field(number: Int(number), value: value, offset: keyOffset)
  }

  /// Reads a varint of at most ten bytes whose value fits in 64 bits.
  private mutating func readVarint() throws(ProtobufDecodingError) -> UInt64 {
    let start = position
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard position < end else {
        throw ProtobufDecodingError(offset: start, reason: "a varint runs past the end")
      }
      let byte = bytes[position]
      position += 1
      // The tenth byte may hold only the top bit of a 64-bit value.
      guard shift < 63 || byte <= 1 else {
        throw ProtobufDecodingError(offset: start, reason: "a varint is longer than 64 bits")
      }
      result |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return result }
      shift += 7
    }
  }

  /// Reads a fixed-width little-endian integer.
  private mutating func readLittleEndian<T: FixedWidthInteger & UnsignedInteger>(
    _: T.Type
  ) throws(ProtobufDecodingError) -> T {
    let size = T.bitWidth / 8
    guard end - position >= size else {
      throw ProtobufDecodingError(
        offset: position, reason: "a \(T.bitWidth)-bit value runs past the end")
    }
    var value: T = 0
    for index in 0..<size { value |= T(bytes[position + index]) << (8 * index) }
    position += size
    return value
  }

  /// The bytes of a length-delimited field.
  func bytes(_ range: Range<Int>) -> [UInt8] {
    Array(bytes[range])
  }

  /// The text of a `string` field.
  ///
  /// - Throws: ``ProtobufDecodingError`` when the bytes are not UTF-8.
  func string(_ range: Range<Int>, field: String) throws(ProtobufDecodingError) -> String {
    guard let text = String(validating: bytes[range], as: UTF8.self) else {
      throw ProtobufDecodingError(offset: range.lowerBound, reason: "\(field) is not UTF-8")
    }
    return text
  }

  /// The elements of a packed repeated fixed-width field, `size` bytes each.
  ///
  /// - Throws: ``ProtobufDecodingError`` when the length is not a multiple of `size`.
  func packedFixed(_ range: Range<Int>, size: Int, field: String) throws(ProtobufDecodingError)
    -> [UInt64]
  {
    guard range.count % size == 0 else {
      throw ProtobufDecodingError(
        offset: range.lowerBound,
        reason: "packed \(field) holds \(range.count) bytes, not a multiple of \(size)")
    }
    return stride(from: range.lowerBound, to: range.upperBound, by: size).map { start in
      (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[start + $1]) << (8 * $1) }
    }
  }

  /// The elements of a packed repeated varint field.
  ///
  /// - Throws: ``ProtobufDecodingError`` when a varint runs past the field's end.
  func packedVarints(_ range: Range<Int>) throws(ProtobufDecodingError) -> [UInt64] {
    var inner = ProtobufDecoder(bytes, range: range)
    var values: [UInt64] = []
    while inner.position < inner.end { values.append(try inner.readVarint()) }
    return values
  }
}

/// Why bytes are not a well-formed protobuf message.
struct ProtobufDecodingError: Error, Equatable {
  /// Where in the record the bad field starts.
  var offset: Int
  /// What is wrong.
  var reason: String
}
