import Testing

@testable import RillBoard

/// GraphDef encoding against hand-assembled bytes (field numbers from TensorFlow's graph.proto,
/// node_def.proto and attr_value.proto).
@Suite struct TensorBoardGraphTests {
  @Test func nodeWithInputsAndAttributeEncodesAsNodeDef() throws {
    let graph = TensorBoardGraph(nodes: [
      .init(name: "y", op: "Neg", inputs: ["x"], attributes: ["T": .dtype(.float32)])
    ])
    // NodeDef: name (1) "y", op (2) "Neg", input (3) "x",
    // attr (5) { key (1) "T", value (2) AttrValue { type (6): DT_FLOAT = 1 } }.
    let attribute: [UInt8] = [0x0A, 0x01, 0x54, 0x12, 0x02, 0x30, 0x01]
    let node: [UInt8] =
      [0x0A, 0x01, 0x79, 0x12, 0x03, 0x4E, 0x65, 0x67, 0x1A, 0x01, 0x78]
      + [0x2A, UInt8(attribute.count)] + attribute
    // GraphDef: node (1), versions (4) { producer (1): 1 }.
    let expected: [UInt8] = [0x0A, UInt8(node.count)] + node + [0x22, 0x02, 0x08, 0x01]
    #expect(try graph.encodedGraphDef() == expected)
  }

  @Test func shapeAttributeListsDimensions() throws {
    let value = TensorBoardGraph.AttributeValue.shape([784, -1]).message
    // AttrValue.shape (7) { dim (2) { size (1): 784 }, dim (2) { size (1): -1 } };
    // 784 = 0x310 → varint 0x90 0x06; -1 takes ten bytes.
    let first: [UInt8] = [0x12, 0x03, 0x08, 0x90, 0x06]
    let second: [UInt8] = [0x12, 0x0B, 0x08] + [UInt8](repeating: 0xFF, count: 9) + [0x01]
    #expect(
      try MessageCoding.serialize(value, what: "a value") == [
        0x3A, UInt8(first.count + second.count),
      ] + first + second)
  }

  @Test func attributesAreWrittenInKeyOrderSoTheBytesAreTheSameEveryTime() throws {
    let graph = TensorBoardGraph(nodes: [
      .init(name: "n", op: "Op", attributes: ["b": .int(2), "a": .bool(true)])
    ])
    // attr (5) entries { key (1) "a", value (2) { b (5): true } }, then { key "b", { i (3): 2 } }.
    let node: [UInt8] =
      [0x0A, 0x01, 0x6E, 0x12, 0x02, 0x4F, 0x70]
      + [0x2A, 0x07, 0x0A, 0x01, 0x61, 0x12, 0x02, 0x28, 0x01]
      + [0x2A, 0x07, 0x0A, 0x01, 0x62, 0x12, 0x02, 0x18, 0x02]
    let expected: [UInt8] = [0x0A, UInt8(node.count)] + node + [0x22, 0x02, 0x08, 0x01]
    for _ in 0..<5 { #expect(try graph.encodedGraphDef() == expected) }
  }
}
