import RillCore

/// A minimal Protocol Buffers writer: just the wire types that TensorBoard's messages use.
///
/// Each method appends one field (its key, then its value) in the binary wire format
/// (https://protobuf.dev/programming-guides/encoding/). Nothing is skipped: the caller decides
/// which fields to write, so a value inside a `oneof` is written even when it is zero.
///
/// ```swift
/// var event = ProtobufEncoder()
/// event.appendDouble(1.5, field: 1)            // wall_time
/// event.appendInt64(3, field: 2)               // step
/// event.appendString("brain.Event:2", field: 3)
/// ```
struct ProtobufEncoder {
  /// The wire types: how the value after a key is laid out.
  enum WireType: UInt64 {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case fixed32 = 5
  }

  /// The encoded message so far.
  private(set) var bytes: [UInt8] = []

  /// Appends `value` as a base-128 varint: seven bits a byte, least significant group first,
  /// the high bit set on every byte but the last.
  mutating func appendVarint(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    bytes.append(UInt8(rest))
  }

  /// Appends a field key: the field number shifted left by three, or'ed with the wire type.
  mutating func appendKey(field: Int, _ wireType: WireType) {
    require(field > 0 && field < 1 << 29, "protobuf: field number \(field) is out of range")
    appendVarint(UInt64(field) << 3 | wireType.rawValue)
  }

  /// Appends an `int64` field (a negative value takes ten bytes, as two's complement).
  mutating func appendInt64(_ value: Int64, field: Int) {
    appendKey(field: field, .varint)
    appendVarint(UInt64(bitPattern: value))
  }

  /// Appends an `int32` or enum field; negative values are sign-extended to 64 bits, as the
  /// protobuf encoding requires.
  mutating func appendInt32(_ value: Int32, field: Int) {
    appendInt64(Int64(value), field: field)
  }

  /// Appends a `bool` field.
  mutating func appendBool(_ value: Bool, field: Int) {
    appendKey(field: field, .varint)
    appendVarint(value ? 1 : 0)
  }

  /// Appends a `double` field: eight bytes, little-endian IEEE 754.
  mutating func appendDouble(_ value: Double, field: Int) {
    appendKey(field: field, .fixed64)
    appendLittleEndian(value.bitPattern)
  }

  /// Appends a `float` field: four bytes, little-endian IEEE 754.
  mutating func appendFloat(_ value: Float, field: Int) {
    appendKey(field: field, .fixed32)
    appendLittleEndian(value.bitPattern)
  }

  /// Appends a `bytes` field: the length as a varint, then the bytes.
  mutating func appendBytes(_ value: [UInt8], field: Int) {
    appendKey(field: field, .lengthDelimited)
    appendVarint(UInt64(value.count))
    bytes += value
  }

  /// Appends a `string` field, encoded as UTF-8.
  mutating func appendString(_ value: String, field: Int) {
    appendBytes(Array(value.utf8), field: field)
  }

  /// Appends an embedded message built by `build`.
  mutating func appendMessage(field: Int, _ build: (inout ProtobufEncoder) -> Void) {
    var message = ProtobufEncoder()
    build(&message)
    appendBytes(message.bytes, field: field)
  }

  /// Appends a packed `repeated double` field: one key, the byte length, then the values.
  mutating func appendPackedDoubles(_ values: [Double], field: Int) {
    appendKey(field: field, .lengthDelimited)
    appendVarint(UInt64(values.count * 8))
    for value in values { appendLittleEndian(value.bitPattern) }
  }

  /// Appends the bytes of an unsigned integer, least significant first.
  private mutating func appendLittleEndian<T: FixedWidthInteger & UnsignedInteger>(_ value: T) {
    for shift in stride(from: 0, to: T.bitWidth, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }
}
