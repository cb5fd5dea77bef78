import Foundation
import RillCore
import Testing

@testable import RillData

/// Finding, downloading, checking and caching dataset files, on a small dataset made of the
/// two MNIST label files (served by a stand-in for the network; these tests never go online).
@Suite struct DatasetSearchTests {
  /// Digests from `sha256sum` of the published files and of `gunzip -c` of them.
  private static let testLabels = (
    archive: "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    contents: "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
  )
  private static let trainLabels = (
    archive: "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
    contents: "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"
  )

  /// "Images" a.gz and c.gz are the test labels, "labels" b.gz and d.gz the training labels.
  private func tinyDataset(contentsDigests: Bool = true, testShape: [Int] = [10000]) -> IDXDataset {
    func file(_ name: String, _ digests: (archive: String, contents: String), _ shape: [Int])
      -> DatasetFile
    {
      DatasetFile(
        name: name, archiveSHA256: digests.archive,
        contentsSHA256: contentsDigests ? digests.contents : nil, shape: shape)
    }
    return IDXDataset(
      name: "Tiny", folder: "tiny",
      mirrors: [URL(string: "https://first.invalid/tiny/"), URL(string: "https://second.invalid/")]
        .compactMap { $0 },
      trainImages: file("a.gz", Self.testLabels, testShape),
      trainLabels: file("b.gz", Self.trainLabels, [60000]),
      testImages: file("c.gz", Self.testLabels, [10000]),
      testLabels: file("d.gz", Self.trainLabels, [60000]))
  }

  /// The published bytes of each tiny file.
  private func published() throws -> [String: Data] {
    let test = try TestData.mnistFile("t10k-labels-idx1-ubyte.gz")
    let train = try TestData.mnistFile("train-labels-idx1-ubyte.gz")
    return ["a.gz": test, "b.gz": train, "c.gz": test, "d.gz": train]
  }

  /// Writes the tiny files into `root/tiny/`, transformed by `transform`.
  private func install(
    into root: URL, skipping: Set<String> = [],
    transform: (String, Data) throws -> (String, Data) = { ($0, $1) }
  ) throws {
    let folder = root.appendingPathComponent("tiny")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for (name, data) in try published() where !skipping.contains(name) {
      let (target, bytes) = try transform(name, data)
      try bytes.write(to: folder.appendingPathComponent(target))
    }
  }

  private func search(
    directory: URL? = nil, environment: URL? = nil, cache: URL?, download: Bool = false,
    fetch: @escaping (URL) throws -> Data = { _ in throw DownloadFailure(message: "offline") }
  ) -> DatasetSearch {
    DatasetSearch(
      directory: directory, environmentDirectory: environment, cacheDirectory: cache,
      allowsDownload: download, fetch: fetch)
  }

  private func expectLoaded(_ split: (train: LabeledImages, test: LabeledImages)) {
    #expect(split.train.images.shape == [10000] && split.train.labels.shape == [60000])
    #expect(Array(split.test.images.scalars(as: UInt8.self).prefix(3)) == [7, 2, 1])
    #expect(Array(split.test.labels.scalars(as: UInt8.self).prefix(3)) == [5, 0, 4])
  }

  private func datasetError(_ body: () throws -> Void) -> DatasetError? {
    do {
      try body()
      return nil
    } catch {
      return error as? DatasetError
    }
  }

  @Test func testSearchOrderIsDirectoryThenEnvironmentThenCache() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let (explicit, environment, cache) = (
      root.appendingPathComponent("explicit"), root.appendingPathComponent("env"),
      root.appendingPathComponent("cache")
    )
    try install(into: explicit)
    // Wrong copies in later folders (each file holds another's bytes) prove that they are not
    // the ones read.
    let files = try published()
    let swap: (String, Data) -> (String, Data) = { name, _ in
      (name, files[name == "a.gz" || name == "c.gz" ? "b.gz" : "a.gz"] ?? Data())
    }
    try install(into: environment, transform: swap)
    try install(into: cache, transform: swap)
    expectLoaded(
      try tinyDataset().load(
        search: search(directory: explicit, environment: environment, cache: cache)))
    // Without the explicit folder, the environment's damaged copy is read and rejected.
    let error = datasetError {
      _ = try tinyDataset().load(search: search(environment: environment, cache: cache))
    }
    guard case .checksumMismatch(let path, _, let expected)? = error?.reason else {
      Issue.record("expected a checksum mismatch, got \(String(describing: error))")
      return
    }
    #expect(path.hasPrefix(environment.path))
    #expect(expected == [Self.testLabels.archive, Self.testLabels.contents])
    #expect(error?.description.contains("Delete it") == true)
    // Without the environment's copy, the damaged cache is read and rejected too.
    try install(into: cache) { name, data in
      var damaged = data
      damaged[damaged.count / 2] ^= 0xFF
      return (name, damaged)
    }
    let damaged = datasetError { _ = try tinyDataset().load(search: search(cache: cache)) }
    guard case .invalidFile(let damagedPath, let idxError)? = damaged?.reason else {
      Issue.record("expected an invalid file, got \(String(describing: damaged))")
      return
    }
    #expect(damagedPath.hasPrefix(cache.path))
    #expect(idxError.reason == .compression(GzipError(.corrupt("incorrect data check"))))
  }

  @Test func testIncompleteFoldersAreSkipped() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try install(into: root.appendingPathComponent("explicit"), skipping: ["d.gz"])
    try install(into: root.appendingPathComponent("cache"))
    let loaded = try tinyDataset().load(
      search: search(
        directory: root.appendingPathComponent("explicit"),
        cache: root.appendingPathComponent("cache")))
    expectLoaded(loaded)
  }

  @Test func testDecompressedAndRecompressedCopiesAreAcceptedByTheirContents() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try install(into: root) { name, data in
      let contents = try Gzip.decompress(data)
      // a and b decompressed (named without .gz), c and d compressed again.
      return name < "c"
        ? (String(name.dropLast(3)), contents) : (name, GzipCompressor.compress(contents))
    }
    expectLoaded(try tinyDataset().load(search: search(directory: root, cache: nil)))
    // Without the contents digests only the published archives are accepted.
    let error = datasetError {
      _ = try tinyDataset(contentsDigests: false).load(search: search(directory: root, cache: nil))
    }
    guard case .checksumMismatch? = error?.reason else {
      Issue.record("expected a checksum mismatch, got \(String(describing: error))")
      return
    }
  }

  @Test func testOfflineWithoutFilesSaysWhereItLookedAndWhatToDo() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let folders = ["explicit", "env", "cache"].map { root.appendingPathComponent($0) }
    let error = datasetError {
      _ = try tinyDataset().load(
        search: search(directory: folders[0], environment: folders[1], cache: folders[2]))
    }
    guard case .notFound(let searched, let files, let source, let failures)? = error?.reason else {
      Issue.record("expected notFound, got \(String(describing: error))")
      return
    }
    #expect(searched == folders.map { $0.appendingPathComponent("tiny").path })
    #expect(files == ["a.gz", "b.gz", "c.gz", "d.gz"])
    #expect(source == "https://first.invalid/tiny/")
    #expect(failures.isEmpty)
    let description = error?.description ?? ""
    for expected in ["Tiny", "RILL_DATA_DIR", "a.gz", "https://first.invalid/tiny/"] + searched {
      #expect(description.contains(expected), "\(expected) missing from: \(description)")
    }
    // Nothing was created in the cache while looking.
    #expect(!FileManager.default.fileExists(atPath: folders[2].path))
  }

  @Test func testDownloadsOnceVerifiesAndCachesAtomically() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let files = try published()
    let requests = RequestLog()
    let fetch: (URL) throws -> Data = { url in
      requests.append(url.absoluteString)
      guard url.host == "second.invalid", let data = files[url.lastPathComponent] else {
        throw DownloadFailure(message: "unreachable")
      }
      return data
    }
    let cache = root.appendingPathComponent("cache")
    expectLoaded(try tinyDataset().load(search: search(cache: cache, download: true, fetch: fetch)))
    #expect(
      requests.urls
        == ["a.gz", "b.gz", "c.gz", "d.gz"].flatMap {
          ["https://first.invalid/tiny/\($0)", "https://second.invalid/\($0)"]
        })
    let cached = try FileManager.default.contentsOfDirectory(
      atPath: cache.appendingPathComponent("tiny").path)
    #expect(cached.sorted() == ["a.gz", "b.gz", "c.gz", "d.gz"])  // no temporary files left
    #expect(try Data(contentsOf: cache.appendingPathComponent("tiny/b.gz")) == files["b.gz"])
    // The second load finds the cache and asks nothing.
    expectLoaded(try tinyDataset().load(search: search(cache: cache, download: true, fetch: fetch)))
    #expect(requests.urls.count == 8)
  }

  @Test func testDownloadsThatFailTheChecksumAreNeverCached() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let files = try published()
    let fetch: (URL) throws -> Data = { url in
      var data = files[url.lastPathComponent] ?? Data()
      if url.lastPathComponent == "c.gz" { data[100] ^= 1 }  // every mirror serves a damaged c.gz
      return data
    }
    let cache = root.appendingPathComponent("cache")
    let error = datasetError {
      _ = try tinyDataset().load(search: search(cache: cache, download: true, fetch: fetch))
    }
    guard case .notFound(_, _, _, let failures)? = error?.reason else {
      Issue.record("expected notFound, got \(String(describing: error))")
      return
    }
    #expect(failures.count == 2)
    #expect(failures.allSatisfy { $0.contains("c.gz") && $0.contains("SHA-256") })
    let cached = try FileManager.default.contentsOfDirectory(
      atPath: cache.appendingPathComponent("tiny").path)
    // a and b were cached; after c, d was not tried.
    #expect(cached.sorted() == ["a.gz", "b.gz"])
  }

  @Test func testFilesOfTheWrongShapeAreRejected() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    try install(into: root)
    let error = datasetError {
      _ = try tinyDataset(testShape: [10000, 1]).load(search: search(directory: root, cache: nil))
    }
    #expect(
      error?.reason
        == .unexpectedContents(
          path: root.appendingPathComponent("tiny/a.gz").path, found: "uint8[10000]",
          expected: "uint8[10000, 1]"))
  }

  @Test func testAnUnwritableCacheIsReported() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let cache = root.appendingPathComponent("cache")
    try Data("a file, not a folder".utf8).write(to: cache)
    let files = try published()
    let error = datasetError {
      _ = try tinyDataset().load(
        search: search(
          cache: cache, download: true, fetch: { files[$0.lastPathComponent] ?? Data() }))
    }
    guard case .cannotCache? = error?.reason else {
      Issue.record("expected cannotCache, got \(String(describing: error))")
      return
    }
  }

  @Test func testStandardSearchUsesTheEnvironmentAndTheHomeCache() {
    TestData.environmentReady
    let environment = ProcessInfo.processInfo.environment["RILL_DATA_DIR"] ?? ""
    let standard = DatasetSearch.standard(
      directory: URL(fileURLWithPath: "/data/here"), allowsDownload: false)
    let folders = standard.folders(for: "mnist").map(\.path)
    let home = FileManager.default.homeDirectoryForCurrentUser.path
    #expect(
      folders == [
        "/data/here/mnist", URL(fileURLWithPath: environment).appendingPathComponent("mnist").path,
        home + "/.cache/rill/datasets/mnist",
      ])
    #expect(!standard.allowsDownload)
  }

  @Test func testPublishedMNISTDigestsMatchTheSharedFiles() throws {
    // Three of the shared files are the published archives; the fourth was compressed again
    // (see ../shared/data/README.md) and is identified by its contents.
    for file in MNIST.dataset.files where file.name != "train-images-idx3-ubyte.gz" {
      #expect(
        SHA256.hexDigest(of: try TestData.mnistFile(file.name)) == file.archiveSHA256,
        "\(file.name)")
    }
    #expect(FashionMNIST.dataset.files.map(\.name) == MNIST.dataset.files.map(\.name))
    #expect(FashionMNIST.classNames.count == 10)
  }

  @Test func testFashionMNISTOfflineErrorNamesItsFolder() throws {
    let root = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let error = datasetError {
      _ = try FashionMNIST.dataset.load(search: search(directory: root, cache: nil))
    }
    guard case .notFound(let searched, _, let source, _)? = error?.reason else {
      Issue.record("expected notFound, got \(String(describing: error))")
      return
    }
    #expect(searched == [root.appendingPathComponent("fashion-mnist").path])
    #expect(source.contains("zalandoresearch/fashion-mnist"))
    #expect(error?.description.hasPrefix("Fashion-MNIST: no complete copy found") == true)
  }
}

/// The URLs a stand-in network was asked for, in order.
final class RequestLog: @unchecked Sendable {
  private let lock = NSLock()
  private var log: [String] = []

  var urls: [String] { lock.withLock { log } }

  func append(_ url: String) { lock.withLock { log.append(url) } }
}
