import Foundation

/// Where a loader looks for dataset files, in order, and whether and how it may download them.
struct DatasetSearch {
  /// The folder the caller named, which holds the dataset's folder (`mnist/`, …).
  var directory: URL?
  /// The folder named by `RILL_DATA_DIR`.
  var environmentDirectory: URL?
  /// The cache folder in the user's home, where downloads go.
  var cacheDirectory: URL?
  /// Whether missing files may be downloaded into `cacheDirectory`.
  var allowsDownload: Bool
  /// Fetches a URL's contents; the network in real use, a stand-in in tests.
  var fetch: (URL) throws -> Data

  /// The name of the environment variable that names a data folder.
  static let environmentVariable = "RILL_DATA_DIR"

  /// The standard search: `directory`, then `$RILL_DATA_DIR`, then `~/.cache/rill/datasets`,
  /// downloading with URLSession if allowed.
  static func standard(directory: URL?, allowsDownload: Bool) -> DatasetSearch {
    let environment = ProcessInfo.processInfo.environment[environmentVariable]
      .flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
    let cache = FileManager.default.homeDirectoryForCurrentUser
      .appendingPathComponent(".cache/rill/datasets", isDirectory: true)
    return DatasetSearch(
      directory: directory, environmentDirectory: environment, cacheDirectory: cache,
      allowsDownload: allowsDownload, fetch: Downloader.fetch)
  }

  /// The folders to search for a dataset kept in `folder`, in order.
  func folders(for folder: String) -> [URL] {
    [directory, environmentDirectory, cacheDirectory].compactMap {
      $0?.appendingPathComponent(folder, isDirectory: true)
    }
  }
}
