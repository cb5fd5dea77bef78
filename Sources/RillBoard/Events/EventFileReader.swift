import Foundation

/// Reads a TensorBoard event file back: its TFRecord records, each checked with both CRC-32Cs,
/// and the `tensorflow.Event` in each, with its scalars, images, histograms and tensors.
///
/// It reads files written by ``SummaryWriter`` and by TensorFlow or TensorBoard (both the TF1
/// `simple_value` scalars and TF2's tensor-encoded ones). TensorFlow:
/// `tf.compat.v1.train.summary_iterator`, and ``scalars()`` is TensorBoard's
/// `EventAccumulator.Scalars`.
///
/// ```swift
/// let reader = try EventFileReader(contentsOf: URL(fileURLWithPath: writer.path))
/// for event in reader where event.step > 100 {
///   print(event.wallTime, event.summaryValues.map(\.tag))
/// }
/// let losses = reader.scalars()["loss"] ?? []    // [(wallTime, step, value)], in file order
/// ```
///
/// The whole file is checked when the reader is made: any damage — an empty file, a bad CRC, a
/// record cut short, an absurd length, an event that is not well-formed protobuf, a tensor whose
/// content does not fit its shape — throws an ``EventFileError`` saying which record and byte,
/// and reading never traps or reads outside the data. The TFRecord framing and its CRC-32Cs are
/// checked here; each record's `tensorflow.Event` is decoded by SwiftProtobuf's generated code
/// (`Generated/TensorBoardProtos/Protos`), whose `BinaryDecodingError` the reader wraps in
/// ``EventFileError/Reason/malformedProtobuf(_:)``. As in every protobuf reader, unknown fields,
/// and known fields that arrive with another wire type than their definition's, are skipped. ``init(_:ignoringIncompleteLastRecord:)`` over bytes is the one entry point all
/// reading goes through (fuzzers can aim at it directly).
///
/// - Complexity: O(*n*) time and memory in the size of the file.
public struct EventFileReader: Sequence, Sendable {
  /// One point of a scalar series.
  public struct ScalarPoint: Equatable, Sendable {
    /// Seconds since 1970 when it was logged.
    public var wallTime: Double
    /// The step it was logged at.
    public var step: Int64
    /// The value.
    public var value: Double
  }

  /// The longest record data accepted: the largest protobuf message, 2³¹ − 1 bytes.
  public static let maximumRecordLength = Int(Int32.max)

  /// The events, in file order.
  public let events: [LoggedEvent]
  /// How many bytes at the end were an incomplete record that was ignored (0 unless
  /// `ignoringIncompleteLastRecord` allowed one).
  public let ignoredTailByteCount: Int

  /// Reads and checks the event file at `url`.
  ///
  /// - Parameters:
  ///   - url: an `events.out.tfevents.*` file.
  ///   - ignoringIncompleteLastRecord: whether a last record that the data ends inside of is
  ///     left out instead of reported, as TensorBoard does for a file still being written.
  /// - Throws: ``EventFileError`` naming the file when it cannot be read or is damaged.
  public init(contentsOf url: URL, ignoringIncompleteLastRecord: Bool = false)
    throws(EventFileError)
  {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw EventFileError(.unreadable(error.localizedDescription), path: url.path)
    }
    do throws(EventFileError) {
      try self.init(data, ignoringIncompleteLastRecord: ignoringIncompleteLastRecord)
    } catch var error {
      error.path = url.path
      throw error
    }
  }

  /// Reads and checks the bytes of an event file.
  ///
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - ignoringIncompleteLastRecord: whether a last record that the data ends inside of is
  ///     left out instead of reported.
  /// - Throws: ``EventFileError`` for an empty file, a bad CRC, a truncated record, an absurd
  ///   length or a malformed event, with the record's index and offset.
  public init(_ data: Data, ignoringIncompleteLastRecord: Bool = false) throws(EventFileError) {
    guard !data.isEmpty else { throw EventFileError(.empty) }
    let bytes = [UInt8](data)
    var events: [LoggedEvent] = []
    var offset = 0
    var ignored = 0
    while offset < bytes.count {
      let record = events.count
      switch try Self.payload(of: bytes, at: offset, record: record) {
      case .whole(let payload):
        do throws(EventFileError) {
          events.append(try LoggedEvent(decoding: bytes, range: payload))
        } catch {
          var located = error
          located.record = record
          located.offset = offset
          throw located
        }
        offset = payload.upperBound + 4
      case .truncated where ignoringIncompleteLastRecord:
        ignored = bytes.count - offset
        offset = bytes.count
      case .truncated(let needed):
        throw EventFileError(
          .truncatedRecord(needed: needed, available: bytes.count - offset), record: record,
          offset: offset)
      }
    }
    self.events = events
    self.ignoredTailByteCount = ignored
  }

  /// Where one record's data lies.
  private enum Framing {
    /// The record is complete and both CRCs match: the range of its data.
    case whole(Range<Int>)
    /// The bytes end inside the record, which needs this many from its start.
    case truncated(needed: Int)
  }

  /// Checks the framing of the record at `offset`: 8 bytes of length, its masked CRC-32C, the
  /// data, and the data's masked CRC-32C.
  private static func payload(of bytes: [UInt8], at offset: Int, record: Int)
    throws(EventFileError) -> Framing
  {
    let available = bytes.count - offset
    guard available >= 12 else { return .truncated(needed: 12) }
    let length = littleEndian(bytes, at: offset, size: 8)
    let lengthCRC = UInt32(littleEndian(bytes, at: offset + 8, size: 4))
    let expected = bytes.withUnsafeBytes { buffer in
      CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + 8])))
    }
    guard lengthCRC == expected else {
      throw EventFileError(.badLengthChecksum, record: record, offset: offset)
    }
    guard length <= UInt64(maximumRecordLength) else {
      throw EventFileError(.absurdLength(length), record: record, offset: offset)
    }
    let needed = 16 + Int(length)
    guard available >= needed else { return .truncated(needed: needed) }
    let payload = offset + 12..<offset + 12 + Int(length)
    let dataCRC = UInt32(littleEndian(bytes, at: payload.upperBound, size: 4))
    let actual = bytes.withUnsafeBytes { buffer in
      CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: buffer[payload])))
    }
    guard dataCRC == actual else {
      throw EventFileError(.badDataChecksum, record: record, offset: offset)
    }
    return .whole(payload)
  }

  /// The little-endian unsigned integer of `size` bytes at `offset`.
  private static func littleEndian(_ bytes: [UInt8], at offset: Int, size: Int) -> UInt64 {
    (0..<size).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
  }

  /// An iterator over the events, in file order.
  public func makeIterator() -> IndexingIterator<[LoggedEvent]> {
    events.makeIterator()
  }

  /// The scalar series by tag, each in file order.
  ///
  /// A series gathers every `simple_value`, and every one-element tensor of the `scalars`
  /// plugin (see ``LoggedValue/scalarValue``). TensorBoard: `EventAccumulator.Scalars(tag)`.
  ///
  /// - Returns: for each tag, its points.
  public func scalars() -> [String: [ScalarPoint]] {
    var series: [String: [ScalarPoint]] = [:]
    for event in events {
      for value in event.summaryValues {
        guard let number = value.scalarValue else { continue }
        series[value.tag, default: []].append(
          ScalarPoint(wallTime: event.wallTime, step: event.step, value: number))
      }
    }
    return series
  }
}
