import Testing

@testable import RillBoard

/// Events as the generated messages serialize them, against wire bytes worked out by hand from
/// the protobuf encoding guide (https://protobuf.dev/programming-guides/encoding/) and the field
/// numbers of TensorFlow's event.proto and summary.proto.
@Suite struct EventEncodingTests {
  @Test func fileVersionEventEncodesAsEventProto() throws {
    // Event { wall_time (1): 1.5, file_version (3): "brain.Event:2" }; 1.5 = 0x3FF8000000000000.
    let event = Event(wallTime: 1.5, step: 0, content: .fileVersion("brain.Event:2"))
    #expect(
      try event.encoded()
        == [0x09, 0, 0, 0, 0, 0, 0, 0xF8, 0x3F, 0x1A, 0x0D] + Array("brain.Event:2".utf8))
  }

  @Test func scalarEventNestsSummaryAndValue() throws {
    // Event { wall_time: 2.0, step (2): 7, summary (5) { value (1) { tag (1): "a",
    // simple_value (2): 0.0 } } } — the zero is written because it is a oneof member.
    let event = Event(wallTime: 2, step: 7, content: .summary([.scalar(tag: "a", value: 0)]))
    let value: [UInt8] = [0x0A, 0x01, 0x61, 0x15, 0, 0, 0, 0]
    let summary: [UInt8] = [0x0A, UInt8(value.count)] + value
    let expected: [UInt8] =
      [0x09, 0, 0, 0, 0, 0, 0, 0, 0x40, 0x10, 0x07, 0x2A, UInt8(summary.count)] + summary
    #expect(try event.encoded() == expected)
  }

  @Test func textValueIsAStringTensorWithTextPluginMetadata() throws {
    let value = SummaryValue.text(tag: "t", "hi").message
    // tag; tensor (8) { dtype (1): DT_STRING = 7, tensor_shape (2): {}, string_val (8): "hi" };
    // metadata (9) { plugin_data (1) { plugin_name (1): "text" } }.
    let tensor: [UInt8] = [0x08, 0x07, 0x12, 0x00, 0x42, 0x02, 0x68, 0x69]
    let metadata: [UInt8] = [0x0A, 0x06, 0x0A, 0x04] + Array("text".utf8)
    let expected: [UInt8] =
      [0x0A, 0x01, 0x74, 0x42, UInt8(tensor.count)] + tensor
      + [0x4A, UInt8(metadata.count)] + metadata
    #expect(try MessageCoding.serialize(value, what: "a value") == expected)
  }
}
