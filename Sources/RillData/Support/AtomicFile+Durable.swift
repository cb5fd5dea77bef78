import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

extension AtomicFile {
  /// Why a durable write failed; the text names the file and gives the system's reason.
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Creates or replaces `url` with the bytes `produce` writes, so that `url` holds either its
  /// old contents or all of the new ones, even across a crash or a power cut.
  ///
  /// The bytes go to a new temporary file beside `url`, which is flushed to the disk (`fsync`),
  /// closed, and renamed over `url`; the directory is then flushed so that the rename itself
  /// lasts. If anything fails, or `produce` throws, the temporary file is removed and `url` is
  /// left as it was.
  ///
  /// - Parameters:
  ///   - url: the file to create or replace.
  ///   - produce: writes the file's contents, in order, to the output it is given.
  /// - Throws: ``Failure`` when the directory is missing or not writable or the disk is full,
  ///   or whatever `produce` throws.
  static func writeDurably(to url: URL, _ produce: (inout FileOutput) throws -> Void) throws {
    let directory = url.deletingLastPathComponent()
    let process = ProcessInfo.processInfo.processIdentifier
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(process)-\(UUID().uuidString).tmp")
    let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw failure("cannot create", temporary.path) }
    var output = FileOutput(descriptor: descriptor, path: temporary.path)
    do {
      try produce(&output)
      guard fsync(descriptor) == 0 else { throw failure("cannot flush", temporary.path) }
    } catch {
      close(descriptor)
      unlink(temporary.path)
      throw error
    }
    guard close(descriptor) == 0 else {
      let error = failure("cannot close", temporary.path)
      unlink(temporary.path)
      throw error
    }
    guard rename(temporary.path, url.path) == 0 else {
      let error = failure("cannot rename \(temporary.path) to", url.path)
      unlink(temporary.path)
      throw error
    }
    synchronizeDirectory(directory.path)
  }

  /// Creates or replaces `url` with `data` durably; see ``writeDurably(to:_:)``.
  ///
  /// - Throws: ``Failure`` when the directory is missing or not writable or the disk is full.
  static func writeDurably(_ data: Data, to url: URL) throws {
    try writeDurably(to: url) { output in try output.write(data) }
  }

  /// Flushes a directory's entries to the disk, so that a rename inside it survives a crash.
  ///
  /// Best effort: some file systems cannot flush a directory, and the file itself is already
  /// complete on the disk by then.
  private static func synchronizeDirectory(_ path: String) {
    let descriptor = open(path.isEmpty ? "." : path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    _ = fsync(descriptor)
    close(descriptor)
  }

  /// A failure naming what was attempted on `path`, with the reason in `errno`.
  static func failure(_ action: String, _ path: String) -> Failure {
    Failure(description: "\(action) \(path): \(String(cString: strerror(errno)))")
  }
}
