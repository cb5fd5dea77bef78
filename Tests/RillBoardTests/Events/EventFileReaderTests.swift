import Foundation
import RillCore
import SwiftProtobuf
import Testing

@testable import RillBoard

/// Event files read back with ``EventFileReader``: Rill's own, TensorBoard's, and damaged ones.
@Suite struct EventFileReaderTests {
  /// Writes one event of every kind SummaryWriter logs and returns the file's path.
  static func writeEveryKind(into directory: TemporaryDirectory) throws -> String {
    let writer = try SummaryWriter(logdir: directory.file("run"))
    writer.scalar("loss", 0.5, step: 1)
    writer.scalar("loss", 0.1, step: 2)
    writer.scalar("bad", .nan, step: 3)
    writer.image(
      "rgb", Tensor(shape: [2, 4, 3], scalars: (0..<24).map { UInt8($0 * 10) }), step: 4)
    writer.histogram("h", [0.5, 1.0, 2.0, -3.0], step: 5)
    writer.text("notes", "**bold**, ünïcode", step: 6)
    writer.graph(
      TensorBoardGraph(nodes: [
        .init(name: "x", op: "Placeholder", attributes: ["dtype": .dtype(.float32)])
      ]))
    try writer.close()
    return writer.path
  }

  /// The bytes of a TFRecord record around `payload`.
  static func record(_ payload: [UInt8]) -> [UInt8] {
    EventFile.record(framing: payload)
  }

  /// The error reading `bytes` throws, or `nil` when it reads.
  static func error(reading bytes: [UInt8]) -> EventFileError? {
    do {
      _ = try EventFileReader(Data(bytes))
      return nil
    } catch {
      return error
    }
  }

  @Test func testEverythingSummaryWriterWritesReadsBack() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let before = Date().timeIntervalSince1970
    let path = try Self.writeEveryKind(into: directory)
    let reader = try EventFileReader(contentsOf: URL(fileURLWithPath: path))
    let events = reader.events
    #expect(events.count == 8)
    #expect(events.first?.content == .fileVersion("brain.Event:2"))
    #expect(events.map(\.step) == [0, 1, 2, 3, 4, 5, 6, 0])
    #expect(events.allSatisfy { $0.wallTime >= before.rounded(.down) - 1 })
    #expect(events.allSatisfy { $0.wallTime <= Date().timeIntervalSince1970 })

    let scalars = reader.scalars()
    #expect(scalars["loss"]?.map(\.step) == [1, 2])
    // Stored as 32-bit floats, as TensorFlow stores simple_value.
    #expect(scalars["loss"]?.map(\.value) == [0.5, Double(Float(0.1))])
    #expect(scalars["bad"]?.first?.value.isNaN == true)

    let image = try #require(events[4].summaryValues.first)
    #expect(image.tag == "rgb")
    let rgb = RasterImage(
      width: 4, height: 2, format: .rgb, pixels: (0..<24).map { UInt8($0 * 10) })
    #expect(
      image.kind
        == .image(LoggedImage(height: 2, width: 4, channelCount: 3, encoded: rgb.pngData()))
    )
    let histogram = try #require(events[5].summaryValues.first)
    #expect(histogram.kind == .histogram(HistogramSummary([0.5, 1.0, 2.0, -3.0])))

    let text = try #require(events[6].summaryValues.first)
    #expect(text.pluginName == "text")
    #expect(text.scalarValue == nil)
    #expect(
      text.kind
        == .tensor(LoggedTensor(dataType: 7, shape: [], strings: [Array("**bold**, ünïcode".utf8)]))
    )
    let graph = TensorBoardGraph(nodes: [
      .init(name: "x", op: "Placeholder", attributes: ["dtype": .dtype(.float32)])
    ])
    #expect(events[7].content == .graphDef(try graph.encodedGraphDef()))
  }

  @Test func testAFileTensorBoardWroteReadsWithTF1AndTF2Summaries() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    _ = try Python.runTensorBoardScript("write_events.py", [directory.path])
    let name = try #require(try directory.contents().first { $0.contains("tfevents") })
    let reader = try EventFileReader(contentsOf: URL(fileURLWithPath: directory.file(name)))
    let events = reader.events
    #expect(events.count == 4)
    #expect(events.first?.content == .fileVersion("brain.Event:2"))
    #expect(events.dropFirst().map(\.step) == [1, 2, 3])
    #expect(events.dropFirst().map(\.wallTime) == [100.5, 101.25, 102])

    // TensorFlow 1: simple_value, Summary.Image, HistogramProto.
    let tf1 = events[1].summaryValues
    #expect(tf1.map(\.tag) == ["tf1/loss", "tf1/image", "tf1/histogram"])
    #expect(tf1[0].kind == .scalar(0.5))
    #expect(
      tf1[1].kind
        == .image(
          LoggedImage(height: 2, width: 3, channelCount: 1, encoded: Array("not-a-png".utf8)))
    )
    #expect(
      tf1[2].kind
        == .histogram(
          HistogramSummary(
            min: -1, max: 2, count: 3, sum: 1.5, sumOfSquares: 5.25, bucketLimits: [0, 10],
            bucketCounts: [1, 2])))

    // TensorFlow 2: every summary a tensor, named by its plugin.
    let tf2 = Dictionary(uniqueKeysWithValues: events[2].summaryValues.map { ($0.tag, $0) })
    #expect(tf2["tf2/loss"]?.pluginName == "scalars")
    #expect(tf2["tf2/loss"]?.scalarValue == 0.25)
    #expect(tf2["tf2/content"]?.scalarValue == -3.5)
    #expect(tf2["tf2/text"]?.pluginName == "text")
    #expect(
      tf2["tf2/text"]?.kind
        == .tensor(
          LoggedTensor(
            dataType: 7, shape: [],
            strings: [
              Array("hello, world".utf8)
            ])))
    // histogram_pb with 3 buckets over [1, 2, 3]: rows of (left edge, right edge, count).
    guard case .tensor(let buckets) = tf2["tf2/histogram"]?.kind else {
      Issue.record("tf2/histogram is not a tensor")
      return
    }
    #expect(tf2["tf2/histogram"]?.pluginName == "histograms")
    #expect(buckets.dataType == 2 && buckets.shape == [3, 3])
    let expected: [Double] = [1, 5.0 / 3, 1, 5.0 / 3, 7.0 / 3, 1, 7.0 / 3, 3, 1]
    #expect(buckets.numbers.count == expected.count)
    #expect(zip(buckets.numbers, expected).allSatisfy { abs($0 - $1) < 1e-12 })
    #expect(
      tf2["tf2/int64"]?.kind
        == .tensor(
          LoggedTensor(
            dataType: 9, shape: [2],
            numbers: [
              -7, 1_099_511_627_776,
            ])))
    guard case .tensor(let halves) = tf2["tf2/half"]?.kind else {
      Issue.record("tf2/half is not a tensor")
      return
    }
    #expect(halves.dataType == 19 && halves.numbers.count == 2)
    #expect(halves.numbers.first == 1.5)
    // float16 holds -0.0001 as -0.00010001659393310547.
    #expect(halves.numbers.last == -0.000_100_016_593_933_105_47)
    #expect(events[3].content == .graphDef(Array("graph".utf8)))

    let scalars = reader.scalars()
    #expect(scalars.keys.sorted() == ["tf1/loss", "tf2/content", "tf2/loss"])
    #expect(scalars["tf2/loss"] == [.init(wallTime: 101.25, step: 2, value: 0.25)])
  }

  @Test func testAnEmptyFileIsReportedAsEmpty() throws {
    #expect(Self.error(reading: []) == EventFileError(.empty))
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let url = URL(fileURLWithPath: directory.file("empty"))
    try Data().write(to: url)
    #expect(throws: EventFileError(.empty, path: url.path)) {
      try EventFileReader(contentsOf: url)
    }
    let missing = URL(fileURLWithPath: directory.file("missing"))
    #expect(throws: EventFileError.self) { try EventFileReader(contentsOf: missing) }
  }

  @Test func testEveryCutThroughARecordIsATruncatedRecord() throws {
    let first = Self.record(
      try Event(wallTime: 1, step: 0, content: .fileVersion("brain.Event:2")).encoded())
    let second = Self.record(
      try Event(wallTime: 2, step: 7, content: .summary([.scalar(tag: "x", value: 3)])).encoded())
    let whole = first + second
    #expect(try EventFileReader(Data(whole)).events.count == 2)
    for cut in 1..<second.count {
      let bytes = Array(whole.prefix(first.count + cut))
      let needed = cut < 12 ? 12 : second.count
      #expect(
        Self.error(reading: bytes)
          == EventFileError(
            .truncatedRecord(needed: needed, available: cut), record: 1, offset: first.count),
        "cut after \(cut) bytes of the second record")
      // Allowed at the end only, as TensorBoard allows for a file still being written.
      let tolerant = try EventFileReader(Data(bytes), ignoringIncompleteLastRecord: true)
      #expect(tolerant.events.count == 1)
      #expect(tolerant.ignoredTailByteCount == cut)
    }
  }

  @Test func testAFlippedBitInTheLengthOrItsChecksumIsABadLengthChecksum() throws {
    let record = Self.record(try Event(wallTime: 1, step: 0, content: .fileVersion("v")).encoded())
    for index in 0..<12 {
      var damaged = record
      damaged[index] ^= 0x10
      #expect(
        Self.error(reading: damaged) == EventFileError(.badLengthChecksum, record: 0, offset: 0),
        "bit flipped in byte \(index)")
    }
  }

  @Test func testAFlippedBitInTheDataOrItsChecksumIsABadDataChecksum() throws {
    let record = Self.record(try Event(wallTime: 1, step: 5, content: .fileVersion("v")).encoded())
    for index in 12..<record.count {
      var damaged = record
      damaged[index] ^= 0x01
      #expect(
        Self.error(reading: damaged) == EventFileError(.badDataChecksum, record: 0, offset: 0),
        "bit flipped in byte \(index)")
    }
  }

  @Test func testALengthBeyondAnyProtobufMessageIsAbsurd() throws {
    // A header whose CRC is right for a length of 2³¹ bytes, followed by nothing.
    let length = UInt64(1) << 31
    var header = (0..<8).map { UInt8(truncatingIfNeeded: length >> (8 * $0)) }
    let crc = CRC32C.masked(CRC32C.checksum(header))
    header += (0..<4).map { UInt8(truncatingIfNeeded: crc >> (8 * $0)) }
    #expect(
      Self.error(reading: header) == EventFileError(.absurdLength(length), record: 0, offset: 0))
    #expect(
      Self.error(reading: Array(header.prefix(8)) + [0, 0, 0, 0])
        == EventFileError(.badLengthChecksum, record: 0, offset: 0))
  }

  @Test func testMalformedProtobufInsideAWellFramedRecordIsMalformedProtobuf() throws {
    // What SwiftProtobuf's decoder reports for each damage (BinaryDecoder.swift).
    let cases: [(payload: [UInt8], error: BinaryDecodingError)] = [
      // Field 3 (file_version) declares 5 bytes; 1 follows.
      ([0x1A, 0x05, 0x41], .truncated),
      // A varint that never ends.
      ([0x10, 0xFF, 0xFF], .malformedProtobuf),
      // Eleven continuation bytes: longer than 64 bits.
      ([0x10] + [UInt8](repeating: 0xFF, count: 10) + [0x01], .malformedProtobuf),
      // Field number 0.
      ([0x00, 0x00], .malformedProtobuf),
      // A group (wire type 3) that never ends.
      ([0x0B], .truncated),
      // A double cut short.
      ([0x09, 0x00, 0x00], .truncated),
      // file_version that is not UTF-8.
      ([0x1A, 0x01, 0xFF], .invalidUTF8),
      // A tag inside the summary's value that is not UTF-8.
      ([0x2A, 0x05, 0x0A, 0x03, 0x0A, 0x01, 0xC3], .invalidUTF8),
    ]
    for (payload, error) in cases {
      #expect(
        Self.error(reading: Self.record(payload))
          == EventFileError(.malformedProtobuf(error), record: 0, offset: 0),
        "payload \(payload)")
    }
  }

  @Test func testWellFormedEventsWithImpossibleTensorsAreMalformedEvents() throws {
    let cases: [(payload: [UInt8], reason: String)] = [
      // A summary whose value's tensor declares [2] float32 but holds 2 bytes of content.
      (
        [
          0x2A, 0x10, 0x0A, 0x0E, 0x42, 0x0C, 0x08, 0x01, 0x12, 0x04, 0x12, 0x02, 0x08, 0x02,
          0x22, 0x02, 0x00, 0x00,
        ],
        "tensor_content holds 2 bytes; shape [2] of DataType 1 needs 2 × 4"
      ),
      // A tensor dimension of -1.
      (
        [0x2A, 0x13, 0x0A, 0x11, 0x42, 0x0F, 0x12, 0x0D, 0x12, 0x0B, 0x08]
          + [UInt8](repeating: 0xFF, count: 9) + [0x01],
        "a tensor dimension is negative (-1)"
      ),
      // A tensor shape with unknown_rank (3) set.
      (
        [0x2A, 0x08, 0x0A, 0x06, 0x42, 0x04, 0x12, 0x02, 0x18, 0x01], "the tensor's rank is unknown"
      ),
    ]
    for (payload, reason) in cases {
      #expect(
        Self.error(reading: Self.record(payload))
          == EventFileError(.malformedEvent(reason), record: 0, offset: 0),
        "payload \(payload)")
    }
  }

  @Test func testUnknownFieldsAndKnownFieldsOfAnotherWireTypeAreSkipped() throws {
    // wall_time (1) as a varint, step (2) = 3, an unknown field 15 (a string), file_version.
    let payload: [UInt8] =
      [0x08, 0x01, 0x10, 0x03, 0x7A, 0x02, 0x68, 0x69, 0x1A, 0x01, 0x76]
    let reader = try EventFileReader(Data(Self.record(payload)))
    #expect(reader.events == [LoggedEvent(wallTime: 0, step: 3, content: .fileVersion("v"))])
  }

  @Test func testAProtobufErrorDescriptionNamesTheRecordAndTheDamage() throws {
    let bytes = Self.record(try Event(wallTime: 1, step: 0, content: .fileVersion("v")).encoded())
    let error = try #require(Self.error(reading: bytes + Self.record([0x1A, 0x05, 0x41])))
    #expect(
      error.description
        == "event data: record 1 at byte \(bytes.count): the event is not well-formed protobuf "
        + "(a field runs past the end of the record)")
  }

  @Test func testErrorsNameTheFileTheRecordAndTheByte() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = try Self.writeEveryKind(into: directory)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    let second = Self.record(
      // Any non-zero time takes the same 8 bytes as the writer's (a zero one is left out).
      try Event(wallTime: 1, step: 0, content: .fileVersion("brain.Event:2")).encoded()
    ).count
    bytes[second + 13] ^= 0x80
    let url = URL(fileURLWithPath: directory.file("damaged"))
    try Data(bytes).write(to: url)
    do {
      _ = try EventFileReader(contentsOf: url)
      Issue.record("a damaged file was read")
    } catch {
      #expect(error.reason == .badDataChecksum)
      #expect(error.record == 1)
      #expect(error.offset == second)
      #expect(
        error.description
          == "event file \(url.path): record 1 at byte \(second): the data's CRC-32C does not match"
      )
    }
  }
}
