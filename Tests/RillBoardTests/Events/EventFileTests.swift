import Foundation
import Testing

@testable import RillBoard

/// TFRecord framing against records framed by TensorBoard's own Python code
/// (`struct.pack('<Q', n)` and `masked_crc32c` from tensorboard.compat.tensorflow_stub).
@Suite struct EventFileTests {
  private func hex(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    var index = text.startIndex
    while index < text.endIndex {
      let next = text.index(index, offsetBy: 2)
      bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
      index = next
    }
    return bytes
  }

  @Test func framingMatchesTensorBoard() {
    #expect(
      EventFile.record(framing: Array("hello".utf8))
        == hex("0500000000000000eab2043e68656c6c6fbb1f1c19"))
    #expect(EventFile.record(framing: []) == hex("000000000000000029039807d8ea82a2"))
  }

  @Test func secondFileWithTheSameNameGetsASuffix() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let name = "events.out.tfevents.1.host"
    let first = try EventFile(directory: directory.path, baseName: name, firstRecord: [1])
    let second = try EventFile(directory: directory.path, baseName: name, firstRecord: [2])
    #expect(first.path.hasSuffix("/events.out.tfevents.1.host"))
    #expect(second.path.hasSuffix("/events.out.tfevents.1.host.1"))
    try first.close()
    try second.close()
    // Each file holds its own first record, and no temporary file is left.
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: first.path)) == Data(EventFile.record(framing: [1]))
    )
    #expect(
      try Data(contentsOf: URL(fileURLWithPath: second.path))
        == Data(EventFile.record(framing: [2])))
    #expect(try directory.contents() == [name, name + ".1"])
  }

  @Test func appendedRecordsAreOnDiskBeforeClose() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try EventFile(
      directory: directory.path, baseName: "records", firstRecord: Array("hello".utf8))
    try file.append(record: [])
    // Read back through Foundation while the file is still open.
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path)))
    #expect(
      bytes == hex("0500000000000000eab2043e68656c6c6fbb1f1c19000000000000000029039807d8ea82a2"))
    #expect(file.length == Int64(bytes.count))
    try file.close()
    try file.close()
    #expect(file.isClosed)
  }
}
