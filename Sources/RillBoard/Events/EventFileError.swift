import SwiftProtobuf

/// Why an event file could not be read: the damage found and where.
///
/// ```swift
/// do {
///   _ = try EventFileReader(contentsOf: url)
/// } catch {
///   print(error)   // event file …/events.out.tfevents.…: record 3 at byte 210: the data's CRC-32C …
/// }
/// ```
public struct EventFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// The file could not be read; the text is the system's reason.
    case unreadable(String)
    /// The file holds no bytes at all.
    case empty
    /// The data ends inside a record: `needed` bytes were due from the record's start, only
    /// `available` remain.
    case truncatedRecord(needed: Int, available: Int)
    /// The masked CRC-32C of the record's 8-byte length does not match the stored one.
    case badLengthChecksum
    /// The masked CRC-32C of the record's data does not match the stored one.
    case badDataChecksum
    /// The record declares more bytes than a protobuf message may hold (2³¹ − 1).
    case absurdLength(UInt64)
    /// The record's data is not a well-formed protobuf `tensorflow.Event`: SwiftProtobuf's
    /// reason (`truncated`, `invalidUTF8`, `malformedProtobuf`, `messageDepthLimit`, …).
    case malformedProtobuf(BinaryDecodingError)
    /// The record's data is well-formed protobuf but holds an impossible value (a negative
    /// dimension, an unknown rank, a `tensor_content` that does not fit the shape); the text
    /// says which.
    case malformedEvent(String)
  }

  /// What was wrong.
  public var reason: Reason
  /// The index of the record at fault, counting from 0, when one is.
  public var record: Int?
  /// The byte offset in the file where that record starts.
  public var offset: Int?
  /// The file's path, when the data came from a file.
  public var path: String?

  /// Creates an error.
  ///
  /// - Parameters:
  ///   - reason: what was wrong.
  ///   - record: the index of the record at fault.
  ///   - offset: where that record starts.
  ///   - path: the file's path.
  public init(_ reason: Reason, record: Int? = nil, offset: Int? = nil, path: String? = nil) {
    self.reason = reason
    self.record = record
    self.offset = offset
    self.path = path
  }

  /// A sentence naming the file and the record and saying what was wrong.
  public var description: String {
    var prefix = path.map { "event file \($0): " } ?? "event data: "
    if let record, let offset { prefix += "record \(record) at byte \(offset): " }
    switch reason {
    case .unreadable(let message): return prefix + "cannot be read (\(message))"
    case .empty: return prefix + "the file is empty"
    case .truncatedRecord(let needed, let available):
      return prefix + "the record is truncated: it needs \(needed) bytes, \(available) remain"
    case .badLengthChecksum: return prefix + "the length's CRC-32C does not match"
    case .badDataChecksum: return prefix + "the data's CRC-32C does not match"
    case .absurdLength(let length):
      return prefix + "the declared length \(length) is more than a protobuf message may hold"
    case .malformedProtobuf(let error):
      return prefix + "the event is not well-formed protobuf (\(Self.describe(error)))"
    case .malformedEvent(let message): return prefix + "the event is malformed: \(message)"
    }
  }

  /// What a SwiftProtobuf decoding error means, in words.
  private static func describe(_ error: BinaryDecodingError) -> String {
    switch error {
    case .truncated: return "a field runs past the end of the record"
    case .invalidUTF8: return "a string is not UTF-8"
    case .messageDepthLimit: return "messages are nested too deeply"
    case .trailingGarbage: return "bytes follow the message"
    case .malformedProtobuf: return "a field's key, wire type or length is invalid"
    case .missingRequiredFields, .internalExtensionError: return "\(error)"
    @unknown default: return "\(error)"
    }
  }
}
