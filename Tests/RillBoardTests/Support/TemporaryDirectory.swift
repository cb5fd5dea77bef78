import Foundation

/// A fresh directory under the system's temporary folder, removed by ``remove()``.
struct TemporaryDirectory {
  /// The directory's path.
  let path: String

  /// Creates a new, empty directory.
  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("rillboard-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// The path of `name` inside the directory.
  func file(_ name: String) -> String {
    path + "/" + name
  }

  /// The names of the entries in the directory.
  func contents() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  /// Deletes the directory and everything in it.
  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
