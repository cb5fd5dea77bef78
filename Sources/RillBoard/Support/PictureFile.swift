import Foundation
import RillCore

/// The one way pictures reach the disk: ``Plot/save(_:)``, ``ImageGrid/save(_:)`` and
/// ``RasterImage/save(_:)`` all choose the encoding by the file's extension here and write it
/// with ``DurableFile``, so a file holds the old picture or the whole new one.
enum PictureFile {
  /// Writes the encoding that `path`'s extension names, durably.
  ///
  /// - Parameters:
  ///   - path: the file to create or replace.
  ///   - encodings: each supported extension (lowercase, without the dot) with the function
  ///     that encodes the picture so; only the chosen one runs.
  /// - Throws: ``PictureFileError/unsupportedFormat(path:supported:)`` when the extension is
  ///   none of them, ``PictureFileError/cannotWrite(path:reason:)`` when the file cannot be
  ///   written (no partial file is left).
  static func save(
    _ path: String, encodings: [(pathExtension: String, encode: () -> [UInt8])]
  ) throws(PictureFileError) {
    let wanted = pathExtension(path)
    guard let encoding = encodings.first(where: { $0.pathExtension == wanted }) else {
      throw .unsupportedFormat(path: path, supported: encodings.map(\.pathExtension))
    }
    do {
      try DurableFile.write(encoding.encode(), to: URL(fileURLWithPath: path))
    } catch {
      throw .cannotWrite(path: path, reason: error.reason)
    }
  }

  /// The lowercased extension of `path`, or the empty string.
  static func pathExtension(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
    return name[name.index(after: dot)...].lowercased()
  }
}
