import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The open temporary file of a durable write, which ``AtomicFile/writeDurably(to:_:)`` hands
/// to the code that produces the contents.
///
/// Writes go straight to the file descriptor, so a format can stream a large file piece by piece
/// instead of building it whole in memory first.
struct FileOutput {
  /// The file descriptor, open for writing.
  let descriptor: Int32
  /// The file's path, for messages.
  let path: String
  /// The number of bytes written so far.
  private(set) var byteCount = 0

  /// Creates an output that writes to `descriptor`, the file at `path`.
  init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  /// Appends `bytes` to the file.
  ///
  /// - Throws: ``AtomicFile/Failure`` when the system cannot write them (a full disk, say).
  mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
    guard var next = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
      // POSIX may write fewer bytes than asked, or be interrupted by a signal: go on.
      let written = systemWrite(descriptor, next, Swift.min(remaining, 1 << 30))
      if written < 0 {
        if errno == EINTR { continue }
        throw AtomicFile.failure("cannot write", path)
      }
      guard written > 0 else {
        throw AtomicFile.Failure(description: "cannot write \(path): no progress")
      }
      next += written
      remaining -= written
      byteCount += written
    }
  }

  /// Appends the bytes of `data` to the file.
  ///
  /// - Throws: ``AtomicFile/Failure`` when the system cannot write them.
  mutating func write(_ data: Data) throws {
    try data.withUnsafeBytes { try write($0) }
  }

  /// Appends `bytes` to the file.
  ///
  /// - Throws: ``AtomicFile/Failure`` when the system cannot write them.
  mutating func write(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { try write($0) }
  }
}

/// POSIX `write`, named apart from ``FileOutput``'s own methods.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
  #elseif canImport(Musl)
    return Musl.write(descriptor, bytes, count)
  #else
    return Darwin.write(descriptor, bytes, count)
  #endif
}
