import Foundation

/// Writes files so that a reader sees either the old file or the complete new one, never a
/// partial write.
enum AtomicFile {
  /// Writes `data` to a temporary file beside `url`, then renames it over `url`.
  ///
  /// The rename is atomic on POSIX file systems; if anything fails, the temporary file is
  /// removed and `url` is left as it was.
  ///
  /// - Throws: the system's error when the directory is not writable or the disk is full.
  static func write(_ data: Data, to url: URL) throws {
    let directory = url.deletingLastPathComponent()
    let process = ProcessInfo.processInfo.processIdentifier
    let temporary = directory.appendingPathComponent(
      ".\(url.lastPathComponent).\(process)-\(UUID().uuidString).tmp")
    do {
      try data.write(to: temporary)
      guard rename(temporary.path, url.path) == 0 else {
        throw CocoaError(
          .fileWriteUnknown,
          userInfo: [
            NSLocalizedDescriptionKey: "cannot rename \(temporary.path) to \(url.path): "
              + String(cString: strerror(errno))
          ])
      }
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw error
    }
  }
}
