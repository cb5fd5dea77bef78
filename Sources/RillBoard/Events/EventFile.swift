import RillCore

/// An open `events.out.tfevents.*` file that grows by whole TFRecord records.
///
/// Each record is framed in memory and written with one `pwrite` at the end of the last whole
/// record, so a crash leaves only whole records in the file, and a failed write is cut off
/// again with `ftruncate`.
final class EventFile {
  /// The file's path.
  let path: String
  /// The open descriptor, or -1 once closed.
  private var descriptor: Int32
  /// The length of the whole records written so far.
  private(set) var length: Int64 = 0

  /// Creates a new event file in `directory` named `baseName`, or `baseName.1`, `baseName.2`, …
  /// when that name is taken, so that two writers never share a file.
  init(directory: String, baseName: String) throws(SummaryWriterError) {
    var attempt = 0
    while true {
      let name = attempt == 0 ? baseName : "\(baseName).\(attempt)"
      let candidate = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      switch POSIX.createExclusive(candidate) {
      case .success(let descriptor):
        self.path = candidate
        self.descriptor = descriptor
        return
      case .failure(let failure) where failure.exists && attempt < 1000:
        attempt += 1
      case .failure(let failure):
        throw .cannotCreateFile(path: candidate, reason: failure.message)
      }
    }
  }

  deinit {
    if descriptor >= 0 { _ = POSIX.close(descriptor) }
  }

  /// Whether the file has been closed.
  var isClosed: Bool { descriptor < 0 }

  /// The TFRecord framing of `payload`: its length as a little-endian UInt64, the masked
  /// CRC-32C of those eight bytes, the payload, and the masked CRC-32C of the payload (all
  /// little-endian).
  static func record(framing payload: [UInt8]) -> [UInt8] {
    var record: [UInt8] = []
    record.reserveCapacity(payload.count + 16)
    let length = UInt64(payload.count)
    for shift in stride(from: 0, to: 64, by: 8) {
      record.append(UInt8(truncatingIfNeeded: length >> shift))
    }
    appendLittleEndian(CRC32C.masked(CRC32C.checksum(record)), to: &record)
    record += payload
    appendLittleEndian(CRC32C.masked(CRC32C.checksum(payload)), to: &record)
    return record
  }

  private static func appendLittleEndian(_ value: UInt32, to bytes: inout [UInt8]) {
    for shift in stride(from: 0, to: 32, by: 8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }

  /// Appends one framed record.
  func append(record payload: [UInt8]) throws(SummaryWriterError) {
    require(descriptor >= 0, "EventFile: \(path) is closed")
    let record = EventFile.record(framing: payload)
    if let failure = POSIX.write(record, to: descriptor, at: length) {
      POSIX.truncate(descriptor, to: length)
      throw .cannotWrite(path: path, reason: failure)
    }
    length += Int64(record.count)
  }

  /// Makes everything written so far durable.
  func synchronize() throws(SummaryWriterError) {
    guard descriptor >= 0 else { return }
    if let failure = POSIX.synchronize(descriptor) {
      throw .cannotWrite(path: path, reason: failure)
    }
  }

  /// Syncs and closes the file; later calls do nothing.
  func close() throws(SummaryWriterError) {
    guard descriptor >= 0 else { return }
    let syncFailure = POSIX.synchronize(descriptor)
    let closeFailure = POSIX.close(descriptor)
    descriptor = -1
    if let failure = syncFailure ?? closeFailure {
      throw .cannotWrite(path: path, reason: failure)
    }
  }
}
