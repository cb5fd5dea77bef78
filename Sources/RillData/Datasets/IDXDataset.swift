import Foundation
import RillCore

/// A dataset published as four IDX files (training and test images and labels), such as MNIST
/// and Fashion-MNIST, and how to find, download, check and load it.
struct IDXDataset: Sendable {
  /// The name for messages, such as `MNIST`.
  let name: String
  /// The folder that holds the files inside a data folder, such as `mnist`.
  let folder: String
  /// Base addresses the files can be downloaded from, tried in order.
  let mirrors: [URL]
  /// The training images, uint8 [N, rows, columns].
  let trainImages: DatasetFile
  /// The training labels, uint8 [N].
  let trainLabels: DatasetFile
  /// The test images.
  let testImages: DatasetFile
  /// The test labels.
  let testLabels: DatasetFile

  /// The four files.
  var files: [DatasetFile] { [trainImages, trainLabels, testImages, testLabels] }

  /// Finds (or downloads), checks and loads the four files.
  ///
  /// - Throws: ``DatasetError`` when no complete copy exists and none can be downloaded, or
  ///   when a file fails a check.
  func load(search: DatasetSearch) throws -> (train: LabeledImages, test: LabeledImages) {
    let folders = search.folders(for: folder)
    for candidate in folders {
      if let paths = completeCopy(in: candidate) { return try load(paths) }
    }
    var failures: [String] = []
    if search.allowsDownload, let cacheDirectory = search.cacheDirectory {
      let cache = cacheDirectory.appendingPathComponent(folder, isDirectory: true)
      try download(into: cache, fetch: search.fetch, failures: &failures)
      if let paths = completeCopy(in: cache) { return try load(paths) }
    }
    throw DatasetError(
      dataset: name,
      reason: .notFound(
        searched: folders.map(\.path), files: files.map(\.name),
        source: mirrors.first?.absoluteString ?? "", downloadFailures: failures))
  }

  /// The path of each file in `folder`, published (`.gz`) or decompressed, if all four are
  /// there.
  private func completeCopy(in folder: URL) -> [URL]? {
    var paths: [URL] = []
    for file in files {
      guard let path = existingPath(of: file, in: folder) else { return nil }
      paths.append(path)
    }
    return paths
  }

  private func existingPath(of file: DatasetFile, in folder: URL) -> URL? {
    [file.name, file.decompressedName].map { folder.appendingPathComponent($0) }
      .first { FileManager.default.fileExists(atPath: $0.path) }
  }

  /// Downloads the files missing from `folder`, each from the first mirror that serves the
  /// published file, and writes each atomically once its digest checks out.
  private func download(
    into folder: URL, fetch: (URL) throws -> Data, failures: inout [String]
  ) throws {
    do {
      try DurableFile.createDirectory(at: folder)
    } catch {
      throw DatasetError(
        dataset: name, reason: .cannotCache(path: folder.path, message: error.description))
    }
    for file in files where existingPath(of: file, in: folder) == nil {
      // Once no mirror serves a file, the others are not tried: offline, that would only
      // repeat the same failure (or wait for the same timeout) for each file.
      guard try download(file, into: folder, fetch: fetch, failures: &failures) else { return }
    }
  }

  /// Downloads one file from the first mirror that serves the published bytes and writes it
  /// atomically; returns whether one did.
  private func download(
    _ file: DatasetFile, into folder: URL, fetch: (URL) throws -> Data, failures: inout [String]
  ) throws -> Bool {
    for mirror in mirrors {
      let url = mirror.appendingPathComponent(file.name)
      let data: Data
      do {
        data = try fetch(url)
      } catch {
        failures.append("\(url.absoluteString): \(error)")
        continue
      }
      guard (try? verifiedContents(of: data, file: file, path: url.absoluteString)) != nil else {
        failures.append("\(url.absoluteString): the download does not match the published SHA-256")
        continue
      }
      let destination = folder.appendingPathComponent(file.name)
      do {
        try DurableFile.write(data, to: destination)
      } catch {
        throw DatasetError(
          dataset: name, reason: .cannotCache(path: destination.path, message: error.description))
      }
      return true
    }
    return false
  }

  /// Reads, checks and decodes the four files at `paths`, side by side on up to
  /// `Threading.threadCount` threads (the training images take most of the time); the first
  /// file's error, in the order of ``files``, is the one thrown.
  private func load(_ paths: [URL]) throws -> (train: LabeledImages, test: LabeledImages) {
    let results = LoadResults(count: files.count)
    let work = { (index: Int) in
      results.set(index, Result { try tensor(files[index], at: paths[index]) })
    }
    if Threading.threadCount > 1 {
      DispatchQueue.concurrentPerform(iterations: files.count, execute: work)
    } else {
      (0..<files.count).forEach(work)
    }
    let tensors = try results.values()
    return ((tensors[0], tensors[1]), (tensors[2], tensors[3]))
  }

  private func tensor(_ file: DatasetFile, at path: URL) throws -> Tensor {
    let data: Data
    do {
      data = try Data(contentsOf: path)
    } catch {
      throw DatasetError(
        dataset: name,
        reason: .invalidFile(
          path: path.path, IDXError(.unreadable(error.localizedDescription), path: path.path)))
    }
    let tensor = try decode(data, file: file, path: path.path)
    guard tensor.dtype == .uint8 && tensor.shape.dimensions == file.shape else {
      throw DatasetError(
        dataset: name,
        reason: .unexpectedContents(
          path: path.path, found: tensor.spec.description,
          expected: TensorSpec(dtype: .uint8, shape: Shape(file.shape)).description))
    }
    return tensor
  }

  /// The tensor `data` holds, once its digest matches the published file's, or its
  /// decompressed contents' digest matches the published contents'.
  ///
  /// A copy compressed again (so that only its contents' digest can match) is decompressed
  /// once, and its contents are checked before its tensor is made.
  ///
  /// - Throws: ``DatasetError`` when neither digest matches or the data is not a valid IDX
  ///   file.
  private func decode(_ data: Data, file: DatasetFile, path: String) throws -> Tensor {
    var contents = data
    let digest = Gzip.isCompressed(data) ? SHA256.hexDigest(of: data) : nil
    if let digest, digest != file.archiveSHA256, let expected = file.contentsSHA256 {
      let whole = try IDX.decodeWhole(data) { decompressed in
        guard SHA256.hexDigest(of: decompressed) == expected else {
          throw checksumMismatch(path, digest, file)
        }
      }
      if let whole { return whole }
    }
    if digest != file.archiveSHA256 {
      // Uncompressed, or not decodable at once: checked (and decompressed) as a download is,
      // which names what is wrong.
      contents = try verifiedContents(of: data, file: file, path: path)
    }
    do {
      return try IDX.decode(contents)
    } catch var error as IDXError {
      error.path = path
      throw DatasetError(dataset: name, reason: .invalidFile(path: path, error))
    }
  }

  /// The data to decode, once its digest matches the published file's, or its decompressed
  /// contents' digest matches the published contents'.
  ///
  /// - Throws: ``DatasetError`` when neither digest matches or the data does not decompress.
  private func verifiedContents(of data: Data, file: DatasetFile, path: String) throws -> Data {
    var digest = ""
    var contents = data
    if Gzip.isCompressed(data) {
      digest = SHA256.hexDigest(of: data)
      if digest == file.archiveSHA256 { return data }
      guard file.contentsSHA256 != nil else { throw checksumMismatch(path, digest, file) }
      do {
        contents = try Gzip.decompress(
          data, maximumSize: ReadingLimits.default.maximumDecompressedByteCount)
      } catch let error as GzipError {
        throw DatasetError(
          dataset: name, reason: .invalidFile(path: path, IDXError(.compression(error), path: path))
        )
      }
    }
    let contentsDigest = SHA256.hexDigest(of: contents)
    if contentsDigest == file.contentsSHA256 { return contents }
    throw checksumMismatch(path, digest.isEmpty ? contentsDigest : digest, file)
  }

  private func checksumMismatch(_ path: String, _ actual: String, _ file: DatasetFile)
    -> DatasetError
  {
    DatasetError(
      dataset: name,
      reason: .checksumMismatch(path: path, actual: actual, expected: file.acceptedDigests))
  }
}

/// What each of several loads, run on several threads, returned or threw.
private final class LoadResults: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<Tensor, Error>?]

  init(count: Int) {
    results = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ result: Result<Tensor, Error>) {
    lock.withLock { results[index] = result }
  }

  /// The tensors in order, or the first error.
  func values() throws -> [Tensor] {
    try lock.withLock { results }.map { result in
      guard let result else { fatalError("IDXDataset: a load did not run") }
      return try result.get()
    }
  }
}
