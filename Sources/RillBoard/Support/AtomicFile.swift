/// Writes whole files atomically: into a temporary file next to the destination, synced, then
/// renamed over it, so that readers see the old file or the new one and never a part.
enum AtomicFile {
  /// Writes `bytes` to `path`.
  ///
  /// - Throws: ``PictureFileError/cannotWrite(path:reason:)``; the temporary file is removed.
  static func write(_ bytes: [UInt8], to path: String) throws(PictureFileError) {
    let temporary = temporaryPath(for: path)
    let descriptor: Int32
    switch POSIX.createExclusive(temporary) {
    case .success(let opened):
      descriptor = opened
    case .failure(let failure):
      throw .cannotWrite(path: path, reason: failure.message)
    }
    let failure = POSIX.write(bytes, to: descriptor, at: 0) ?? POSIX.synchronize(descriptor)
    let closeFailure = POSIX.close(descriptor)
    if let reason = failure ?? closeFailure ?? POSIX.rename(temporary, to: path) {
      POSIX.remove(temporary)
      throw .cannotWrite(path: path, reason: reason)
    }
  }

  /// A hidden name in the destination's directory, unique to this process and call.
  static func temporaryPath(for path: String) -> String {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    return "\(directory).\(name).\(POSIX.processID).\(UInt32.random(in: 0...UInt32.max)).tmp"
  }

  /// The lowercased extension of `path`, or the empty string.
  static func pathExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }
}
