import Foundation
import RillCore
import Testing

@testable import RillBoard

/// Damaged events inside records whose CRCs are right again, so that the damage reaches the
/// protobuf decoder instead of stopping at the framing: every outcome must be events or an
/// ``EventFileError``, never a trap.
@Suite struct EventPayloadMutationTests {
  /// The payloads of the records of a file with every kind of event.
  static func payloads() throws -> [[UInt8]] {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = try EventFileReaderTests.writeEveryKind(into: directory)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    var payloads: [[UInt8]] = []
    var offset = 0
    while offset < bytes.count {
      let length = (0..<8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
      payloads.append(Array(bytes[(offset + 12)..<(offset + 12 + length)]))
      offset += 16 + length
    }
    return payloads
  }

  /// Whether reading `payload` in a well-framed record gives events or a typed error.
  static func readsOrThrowsTypedError(_ payload: [UInt8]) -> Bool {
    do {
      _ = try EventFileReader(Data(EventFile.record(framing: payload))).scalars()
      return true
    } catch {
      // The reader throws only EventFileError (typed throws); it must name the record.
      return error.record == 0 && error.offset == 0
    }
  }

  @Test func testEveryByteSetToEachTroublesomeValueReadsOrThrowsATypedError() throws {
    let payloads = try Self.payloads()
    #expect(payloads.count == 8)
    for (record, payload) in payloads.enumerated() where payload.count < 4096 {
      for index in payload.indices {
        for value: UInt8 in [0x00, 0x01, 0x7F, 0x80, 0xFF] where payload[index] != value {
          var damaged = payload
          damaged[index] = value
          #expect(Self.readsOrThrowsTypedError(damaged), "record \(record), byte \(index)")
        }
      }
    }
  }

  @Test func testEveryTruncationOfEachEventReadsOrThrowsATypedError() throws {
    for payload in try Self.payloads() {
      for count in 0..<payload.count {
        #expect(Self.readsOrThrowsTypedError(Array(payload.prefix(count))), "\(count) bytes")
      }
    }
  }

  @Test func testAnEventCutInsideAFieldIsMalformedProtobuf() throws {
    // The scalar event (record 1) without its last byte: the float of simple_value runs short.
    let scalar = try Self.payloads()[1]
    do {
      _ = try EventFileReader(Data(EventFile.record(framing: Array(scalar.dropLast()))))
      Issue.record("a truncated event was read")
    } catch {
      #expect(error.reason == .malformedProtobuf(.truncated))
    }
  }
}
