import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The open temporary file of a durable write, which ``DurableFile/write(to:_:)`` hands to the
/// code that produces the contents.
///
/// Writes go straight to the file descriptor, so a format can stream a large file piece by piece
/// instead of building it whole in memory first.
///
/// ```swift
/// try DurableFile.write(to: url) { output in
///   try output.write(header)
///   for chunk in chunks { try output.write(chunk) }
/// }
/// ```
public struct DurableFileOutput {
  /// The file descriptor, open for writing.
  let descriptor: Int32
  /// The temporary file's path, for messages.
  let path: String
  /// The number of bytes written so far.
  public private(set) var byteCount = 0

  /// Creates an output that writes to `descriptor`, the file at `path`.
  init(descriptor: Int32, path: String) {
    self.descriptor = descriptor
    self.path = path
  }

  /// Appends `bytes` to the file.
  ///
  /// - Parameter bytes: the bytes to append.
  /// - Throws: ``DurableFileError`` with step ``DurableFileError/Step/write`` when the system
  ///   cannot write them (a full disk, say).
  public mutating func write(_ bytes: UnsafeRawBufferPointer) throws(DurableFileError) {
    guard var next = bytes.baseAddress else { return }
    var remaining = bytes.count
    while remaining > 0 {
      // POSIX may write fewer bytes than asked, or be interrupted by a signal: go on.
      let written = systemWrite(descriptor, next, Swift.min(remaining, 1 << 30))
      if written < 0 {
        if errno == EINTR { continue }
        throw DurableFile.failure(.write, path)
      }
      guard written > 0 else {
        throw DurableFileError(.write, path: path, code: 0, reason: "no bytes were written")
      }
      next += written
      remaining -= written
      byteCount += written
    }
  }

  /// Appends the bytes of `data` to the file.
  ///
  /// - Parameter data: the bytes to append.
  /// - Throws: ``DurableFileError`` when the system cannot write them.
  public mutating func write(_ data: Data) throws(DurableFileError) {
    var failure: DurableFileError?
    data.withUnsafeBytes { buffer in
      do throws(DurableFileError) { try write(buffer) } catch { failure = error }
    }
    if let failure { throw failure }
  }

  /// Appends `bytes` to the file.
  ///
  /// - Parameter bytes: the bytes to append.
  /// - Throws: ``DurableFileError`` when the system cannot write them.
  public mutating func write(_ bytes: [UInt8]) throws(DurableFileError) {
    var failure: DurableFileError?
    bytes.withUnsafeBytes { buffer in
      do throws(DurableFileError) { try write(buffer) } catch { failure = error }
    }
    if let failure { throw failure }
  }
}

/// POSIX `write`, named apart from ``DurableFileOutput``'s own methods.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
    return Glibc.write(descriptor, bytes, count)
  #elseif canImport(Musl)
    return Musl.write(descriptor, bytes, count)
  #else
    return Darwin.write(descriptor, bytes, count)
  #endif
}
