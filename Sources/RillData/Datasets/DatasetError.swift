import Foundation

/// Why a dataset loader could not hand out a dataset.
///
/// The loaders never hand out data that failed a check: a file that is missing everywhere,
/// damaged, different from the published one, or of the wrong shape makes them throw this
/// error, whose description says what was looked for, where, and how to fix it.
///
/// ```swift
/// do {
///   let (train, test) = try MNIST.load(download: false)
/// } catch let error as DatasetError {
///   print(error)
///   // MNIST: no complete copy found. Looked in:
///   //   /home/me/.cache/rill/datasets/mnist
///   // Put train-images-idx3-ubyte.gz, … into a folder mnist/ and pass its parent folder as
///   // `directory:` or set RILL_DATA_DIR to it, or allow the download from …
/// }
/// ```
public struct DatasetError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// No searched folder holds every file in `files`, and downloading them from `source` was
    /// off or failed; the failures are the download errors, one per file and mirror tried.
    case notFound(searched: [String], files: [String], source: String, downloadFailures: [String])
    /// A file's SHA-256 digest (of the file, and of its decompressed contents) matches none
    /// of the published ones.
    case checksumMismatch(path: String, actual: String, expected: [String])
    /// A file could not be read or is not a valid IDX file.
    case invalidFile(path: String, IDXError)
    /// A file holds a tensor of another shape or dtype than the dataset has.
    case unexpectedContents(path: String, found: String, expected: String)
    /// A downloaded file could not be written to the cache folder.
    case cannotCache(path: String, message: String)
  }

  /// The dataset's name, for example `MNIST`.
  public var dataset: String
  /// What was wrong.
  public var reason: Reason

  /// Creates an error for `reason` while loading `dataset`.
  public init(dataset: String, reason: Reason) {
    self.dataset = dataset
    self.reason = reason
  }

  /// Sentences saying what went wrong and how to fix it.
  public var description: String {
    switch reason {
    case .notFound(let searched, let files, let source, let failures):
      var text = "\(dataset): no complete copy found. Looked in:\n"
      text += searched.map { "  \($0)\n" }.joined()
      if !failures.isEmpty {
        text += "Downloading failed:\n" + failures.map { "  \($0)\n" }.joined()
      }
      let folder = searched.first.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "?"
      text +=
        "To provide the files, put \(files.joined(separator: ", ")) (as published, or "
        + "decompressed without .gz) into a folder \(folder)/, and pass the folder that holds it "
        + "as `directory:` or set RILL_DATA_DIR to that folder; or let the loader download them "
        + "from \(source) into the cache folder (the last folder above)."
      return text
    case .checksumMismatch(let path, let actual, let expected):
      return "\(dataset): \(path) is not the published file: its SHA-256 is \(actual), expected "
        + "\(expected.joined(separator: " or ")) (of the file or of its decompressed contents). "
        + "Delete it and load again to download a fresh copy, or replace it with the original."
    case .invalidFile(let path, let error):
      return "\(dataset): \(path) is damaged (\(error)). Delete it and load again to download "
        + "a fresh copy, or replace it with the original."
    case .unexpectedContents(let path, let found, let expected):
      return "\(dataset): \(path) holds \(found), expected \(expected)"
    case .cannotCache(let path, let message):
      return "\(dataset): cannot save the download to \(path): \(message)"
    }
  }
}
