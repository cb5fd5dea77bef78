import Testing

@testable import RillBoard

/// The encoder against hand-worked wire bytes; the first examples are those of the protobuf
/// encoding guide (https://protobuf.dev/programming-guides/encoding/).
@Suite struct ProtobufEncoderTests {
  private func encoded(_ build: (inout ProtobufEncoder) -> Void) -> [UInt8] {
    var encoder = ProtobufEncoder()
    build(&encoder)
    return encoder.bytes
  }

  @Test func varintsUseSevenBitGroupsLeastSignificantFirst() {
    #expect(encoded { $0.appendVarint(1) } == [0x01])
    // 150 = 0b1_0010110: groups 0010110, 1 → 0x96 0x01.
    #expect(encoded { $0.appendVarint(150) } == [0x96, 0x01])
    // 300 = 0b10_0101100 → 0xAC 0x02.
    #expect(encoded { $0.appendVarint(300) } == [0xAC, 0x02])
    #expect(encoded { $0.appendVarint(UInt64.max) } == [UInt8](repeating: 0xFF, count: 9) + [0x01])
  }

  @Test func guideExamplesEncodeAsDocumented() {
    // message Test1 { int32 a = 1; } with a = 150.
    #expect(encoded { $0.appendInt64(150, field: 1) } == [0x08, 0x96, 0x01])
    // message Test2 { string b = 2; } with b = "testing".
    #expect(
      encoded { $0.appendString("testing", field: 2) }
        == [0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6E, 0x67])
    // message Test3 { Test1 c = 3; } with c.a = 150.
    #expect(
      encoded { $0.appendMessage(field: 3) { $0.appendInt64(150, field: 1) } }
        == [0x1A, 0x03, 0x08, 0x96, 0x01])
  }

  @Test func negativeIntegersAreTenByteTwosComplement() {
    let minusOne: [UInt8] = [0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01]
    #expect(encoded { $0.appendInt64(-1, field: 1) } == minusOne)
    // int32 is sign-extended to 64 bits, so it encodes the same.
    #expect(encoded { $0.appendInt32(-1, field: 1) } == minusOne)
  }

  @Test func fixedWidthFieldsAreLittleEndianIEEE754() {
    // 1.0 = 0x3FF0000000000000; key (1 << 3) | 1 = 0x09.
    #expect(encoded { $0.appendDouble(1.0, field: 1) } == [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F])
    // 0.5f = 0x3F000000; key (2 << 3) | 5 = 0x15.
    #expect(encoded { $0.appendFloat(0.5, field: 2) } == [0x15, 0, 0, 0, 0x3F])
    #expect(encoded { $0.appendFloat(.nan, field: 2) } == [0x15, 0, 0, 0xC0, 0x7F])
    #expect(encoded { $0.appendBool(true, field: 5) } == [0x28, 0x01])
  }

  @Test func packedDoublesShareOneKeyAndLength() {
    // Key (6 << 3) | 2 = 0x32, 16 bytes: 1.0 then 2.0 (0x4000000000000000).
    #expect(
      encoded { $0.appendPackedDoubles([1, 2], field: 6) }
        == [0x32, 0x10, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0, 0, 0, 0, 0, 0, 0, 0x40])
    #expect(encoded { $0.appendPackedDoubles([], field: 7) } == [0x3A, 0x00])
  }

  @Test func fileVersionEventEncodesAsEventProto() {
    // Event { wall_time (1): 1.5, file_version (3): "brain.Event:2" }; 1.5 = 0x3FF8000000000000.
    let event = Event(wallTime: 1.5, step: 0, content: .fileVersion("brain.Event:2"))
    #expect(
      event.encoded()
        == [0x09, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x1A, 0x0D] + Array("brain.Event:2".utf8))
  }

  @Test func scalarEventNestsSummaryAndValue() {
    // Event { wall_time: 2.0, step (2): 7, summary (5) { value (1) { tag (1): "a",
    // simple_value (2): 0.0 } } } — the zero is written because it is a oneof member.
    let event = Event(wallTime: 2, step: 7, content: .summary([.scalar(tag: "a", value: 0)]))
    let value: [UInt8] = [0x0A, 0x01, 0x61, 0x15, 0, 0, 0, 0]
    let summary: [UInt8] = [0x0A, UInt8(value.count)] + value
    let expected: [UInt8] =
      [0x09, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x10, 0x07, 0x2A, UInt8(summary.count)] + summary
    #expect(event.encoded() == expected)
  }

  @Test func textValueIsAStringTensorWithTextPluginMetadata() {
    var encoder = ProtobufEncoder()
    SummaryValue.text(tag: "t", "hi").encode(into: &encoder)
    // tag; tensor (8) { dtype (1): DT_STRING = 7, tensor_shape (2): {}, string_val (8): "hi" };
    // metadata (9) { plugin_data (1) { plugin_name (1): "text" } }.
    let tensor: [UInt8] = [0x08, 0x07, 0x12, 0x00, 0x42, 0x02, 0x68, 0x69]
    let metadata: [UInt8] = [0x0A, 0x06, 0x0A, 0x04] + Array("text".utf8)
    let expected: [UInt8] =
      [0x0A, 0x01, 0x74, 0x42, UInt8(tensor.count)] + tensor
      + [0x4A, UInt8(metadata.count)] + metadata
    #expect(encoder.bytes == expected)
  }
}
