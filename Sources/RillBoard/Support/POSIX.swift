#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Thin wrappers over the POSIX file calls that RillBoard needs, returning `errno` text instead
/// of throwing so that each caller can wrap it in its own typed error.
enum POSIX {
  /// The message for the current `errno`.
  static var errorMessage: String {
    String(cString: strerror(errno))
  }

  /// Writes all of `bytes` at `offset` with `pwrite`, retrying after interruptions and short
  /// writes; returns the error message on failure.
  static func write(_ bytes: [UInt8], to descriptor: Int32, at offset: Int64) -> String? {
    var written = 0
    while written < bytes.count {
      let result = bytes.withUnsafeBytes { buffer in
        // `bytes` is not empty here, so the buffer has an address.
        pwrite(
          descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written,
          off_t(offset) + off_t(written))
      }
      if result < 0 {
        if errno == EINTR { continue }
        return errorMessage
      }
      if result == 0 { return "no bytes were written" }
      written += result
    }
    return nil
  }

  /// Makes the file's data durable with `fsync`; returns the error message on failure.
  static func synchronize(_ descriptor: Int32) -> String? {
    fsync(descriptor) == 0 ? nil : errorMessage
  }

  /// Opens a new file for writing, failing if it exists; returns the descriptor or the error
  /// number and message.
  static func createExclusive(_ path: String) -> Result<Int32, CreateFailure> {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    if descriptor >= 0 { return .success(descriptor) }
    return .failure(CreateFailure(number: errno, message: errorMessage))
  }

  /// Gives the file at `source` the second name `destination`, failing if that exists.
  static func link(_ source: String, to destination: String) -> Result<Void, CreateFailure> {
    #if canImport(Darwin)
      let result = Darwin.link(source, destination)
    #elseif canImport(Musl)
      let result = Musl.link(source, destination)
    #else
      let result = Glibc.link(source, destination)
    #endif
    if result == 0 { return .success(()) }
    return .failure(CreateFailure(number: errno, message: errorMessage))
  }

  /// Removes a file, ignoring failure.
  static func remove(_ path: String) {
    _ = unlink(path)
  }

  /// Why a file could not be created.
  struct CreateFailure: Error {
    /// The `errno` value.
    var number: Int32
    /// Its message.
    var message: String
    /// Whether the file exists already.
    var exists: Bool { number == EEXIST }
  }

  /// Shortens the file to `length` bytes (used to drop a partly written record).
  static func truncate(_ descriptor: Int32, to length: Int64) {
    _ = ftruncate(descriptor, off_t(length))
  }

  /// Closes the descriptor; returns the error message on failure.
  static func close(_ descriptor: Int32) -> String? {
    #if canImport(Darwin)
      return Darwin.close(descriptor) == 0 ? nil : errorMessage
    #elseif canImport(Musl)
      return Musl.close(descriptor) == 0 ? nil : errorMessage
    #else
      return Glibc.close(descriptor) == 0 ? nil : errorMessage
    #endif
  }

  /// The machine's host name, or `localhost`.
  static var hostName: String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
    let name = String(cString: buffer)
    return name.isEmpty ? "localhost" : name
  }

  /// The process id.
  static var processID: Int32 { getpid() }
}
