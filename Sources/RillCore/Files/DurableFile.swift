import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Creates and replaces files so that each holds either its old contents or all of the new
/// ones, even if the program is killed or the machine loses power half-way: the one way every
/// Rill writer (NPY, NPZ, safetensors, models, checkpoints, CSV logs, pictures) puts a file on
/// the disk.
///
/// A write goes through five steps:
/// 1. a new temporary file is created beside the destination (`.<name>.<pid>-<random>.tmp`, in
///    the same directory, so that the rename below stays within one file system);
/// 2. the contents are written to it;
/// 3. it is flushed to the disk with `fsync` and closed;
/// 4. it is renamed over the destination, which POSIX makes atomic: a reader opens either the
///    old file or the new one;
/// 5. the directory is flushed with `fsync`, so that the rename itself survives a power cut.
///
/// If a step fails, or the code producing the contents throws, the temporary file is removed
/// and the destination is left as it was. A program killed between steps 1 and 4 can leave its
/// hidden temporary file behind, but never a partial destination.
///
/// ```swift
/// try DurableFile.write(Data("epoch,loss\n0,0.5\n".utf8), to: URL(fileURLWithPath: "log.csv"))
/// try DurableFile.write(to: URL(fileURLWithPath: "big.bin")) { output in
///   for chunk in chunks { try output.write(chunk) }   // streamed, never whole in memory
/// }
/// ```
public enum DurableFile {
  /// Creates or replaces `url` with the bytes `produce` writes, durably.
  ///
  /// - Parameters:
  ///   - url: the file to create or replace.
  ///   - produce: writes the file's contents, in order, to the output it is given.
  /// - Throws: ``DurableFileError`` naming the step that failed (the directory is missing or
  ///   not writable, the disk is full, …) or the error `produce` threw; `url` is unchanged
  ///   then, and no temporary file is left.
  public static func write(
    to url: URL, _ produce: (inout DurableFileOutput) throws(DurableFileError) -> Void
  ) throws(DurableFileError) {
    let directory = url.deletingLastPathComponent().path
    let temporary = temporaryPath(for: url)
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else { throw failure(.create, temporary) }
    var output = DurableFileOutput(descriptor: descriptor, path: temporary)
    do throws(DurableFileError) {
      try produce(&output)
      guard fsync(descriptor) == 0 else { throw failure(.flush, temporary) }
    } catch {
      _ = systemClose(descriptor)
      unlink(temporary)
      throw error
    }
    guard systemClose(descriptor) == 0 else {
      let error = failure(.close, temporary)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, url.path) == 0 else {
      let error = failure(.rename, url.path)
      unlink(temporary)
      throw error
    }
    try synchronizeDirectory(atPath: directory)
  }

  /// Creates or replaces `url` with `data`, durably; see ``write(to:_:)``.
  ///
  /// - Parameters:
  ///   - data: the file's new contents.
  ///   - url: the file to create or replace.
  /// - Throws: ``DurableFileError`` naming the step that failed; `url` is unchanged then.
  public static func write(_ data: Data, to url: URL) throws(DurableFileError) {
    try write(to: url) { (output) throws(DurableFileError) in try output.write(data) }
  }

  /// Creates or replaces `url` with `bytes`, durably; see ``write(to:_:)``.
  ///
  /// - Parameters:
  ///   - bytes: the file's new contents.
  ///   - url: the file to create or replace.
  /// - Throws: ``DurableFileError`` naming the step that failed; `url` is unchanged then.
  public static func write(_ bytes: [UInt8], to url: URL) throws(DurableFileError) {
    try write(to: url) { (output) throws(DurableFileError) in try output.write(bytes) }
  }

  /// Creates a directory and any missing parents, flushing each parent that gained an entry,
  /// so that the new directories survive a power cut; an existing directory is left alone.
  ///
  /// - Parameter url: the directory.
  /// - Throws: ``DurableFileError`` with step ``DurableFileError/Step/createDirectory`` when a
  ///   directory cannot be made or a file is in the way, or
  ///   ``DurableFileError/Step/flushDirectory`` when a parent cannot be flushed.
  public static func createDirectory(at url: URL) throws(DurableFileError) {
    var missing: [URL] = []
    var candidate = url.standardizedFileURL
    while !isDirectory(candidate.path) {
      if FileManager.default.fileExists(atPath: candidate.path) {
        throw DurableFileError(
          .createDirectory, path: candidate.path, code: ENOTDIR, reason: "a file is in the way")
      }
      missing.append(candidate)
      let parent = candidate.deletingLastPathComponent()
      guard parent.path != candidate.path else { break }
      candidate = parent
    }
    for directory in missing.reversed() {
      // Another process may create the same directory at the same time: that is success.
      guard mkdir(directory.path, 0o777) == 0 || (errno == EEXIST && isDirectory(directory.path))
      else { throw failure(.createDirectory, directory.path) }
      try synchronizeDirectory(atPath: directory.deletingLastPathComponent().path)
    }
  }

  /// Flushes a directory's entries to the disk, so that files created, renamed or removed in it
  /// survive a power cut.
  ///
  /// File systems that cannot flush a directory (`fsync` answers `EINVAL`) count as flushed.
  ///
  /// - Parameter path: the directory; the empty string means the current directory.
  /// - Throws: ``DurableFileError`` with step ``DurableFileError/Step/flushDirectory`` when the
  ///   directory cannot be opened or flushed.
  public static func synchronizeDirectory(atPath path: String) throws(DurableFileError) {
    let directory = path.isEmpty ? "." : path
    let descriptor = open(directory, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw failure(.flushDirectory, directory) }
    defer { _ = systemClose(descriptor) }
    guard fsync(descriptor) == 0 || errno == EINVAL || errno == ENOTSUP else {
      throw failure(.flushDirectory, directory)
    }
  }

  /// A hidden name beside `url`, unique to this process and call.
  static func temporaryPath(for url: URL) -> String {
    let directory = url.deletingLastPathComponent().path
    let name = ".\(url.lastPathComponent).\(getpid())-\(UInt64.random(in: 0...UInt64.max)).tmp"
    return directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// Whether `path` names a directory (following symbolic links).
  private static func isDirectory(_ path: String) -> Bool {
    var directory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &directory)
      && directory.boolValue
  }

  /// An error for `step` on `path`, with the reason in `errno`.
  static func failure(_ step: DurableFileError.Step, _ path: String) -> DurableFileError {
    let code = errno
    return DurableFileError(step, path: path, code: code, reason: String(cString: strerror(code)))
  }
}

/// POSIX `close`, named apart from any method called `close`.
private func systemClose(_ descriptor: Int32) -> Int32 {
  #if canImport(Glibc)
    return Glibc.close(descriptor)
  #elseif canImport(Musl)
    return Musl.close(descriptor)
  #else
    return Darwin.close(descriptor)
  #endif
}
