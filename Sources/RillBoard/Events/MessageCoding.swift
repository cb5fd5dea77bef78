import Foundation
import SwiftProtobuf
import TensorBoardProtos

/// The one place where RillBoard turns TensorBoard's protobuf messages into bytes and back,
/// with the options every event file needs.
///
/// The messages are the Swift code that `scripts/generate-protos` makes from
/// `Generated/TensorBoardProtos/Protos/*.proto` (TensorFlow's `event.proto`, `summary.proto`,
/// `tensor.proto`, … with their package, names and field numbers), committed so that building
/// Rill needs no protoc. Writing sorts map entries (a graph's node attributes), so the same
/// events always give the same bytes; reading drops unknown fields, since nothing read is ever
/// written again. Why RillBoard uses swift-protobuf rather than its own encoder and decoder, and
/// what it costs in build time and binary size, is in the RillBoard catalog ("Protocol buffers").
enum MessageCoding {
  /// The serialized bytes of `message`.
  ///
  /// - Parameters:
  ///   - message: a generated TensorBoard message.
  ///   - what: what the message holds, for the error.
  /// - Returns: the message in protobuf's binary wire format.
  /// - Throws: ``SummaryWriterError/tooLarge(_:)`` when the message would exceed the 2 GiB that
  ///   a protobuf message may hold (the only way SwiftProtobuf's encoding fails for messages
  ///   without required fields).
  static func serialize(_ message: some Message, what: String) throws(SummaryWriterError)
    -> [UInt8]
  {
    var options = BinaryEncodingOptions()
    options.useDeterministicOrdering = true
    do {
      return try message.serializedBytes(options: options)
    } catch {
      throw .tooLarge(what)
    }
  }

  /// Decodes a message of type `type` from `bytes[range]`.
  ///
  /// - Parameters:
  ///   - type: the generated message type.
  ///   - bytes: the bytes of a whole event file.
  ///   - range: where the message lies in them.
  /// - Returns: the decoded message, without its unknown fields.
  /// - Throws: ``EventFileError`` with ``EventFileError/Reason/malformedProtobuf(_:)`` wrapping
  ///   SwiftProtobuf's `BinaryDecodingError` when the bytes are not a well-formed message
  ///   (truncated, invalid UTF-8 in a string, a bad field key or wire type, nesting deeper than
  ///   100 messages). The record and offset are left for the caller to fill in.
  static func decode<Decoded: Message>(
    _ type: Decoded.Type, from bytes: [UInt8], range: Range<Int>
  ) throws(EventFileError) -> Decoded {
    var options = BinaryDecodingOptions()
    options.discardUnknownFields = true
    do {
      return try Decoded(serializedBytes: Array(bytes[range]), options: options)
    } catch let error as BinaryDecodingError {
      throw EventFileError(.malformedProtobuf(error))
    } catch {
      throw EventFileError(.malformedEvent(String(describing: error)))
    }
  }
}
