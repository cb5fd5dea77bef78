import Foundation
import RillCore
import Testing

@Suite struct DurableFileTests {
  /// A fresh directory, removed by the caller.
  static func directory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-durable-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func testWriteCreatesThenReplacesTheWholeFile() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("file.bin")
    try DurableFile.write(Data([1, 2, 3]), to: url)
    #expect(try Data(contentsOf: url) == Data([1, 2, 3]))
    try DurableFile.write([9, 8], to: url)
    #expect(try Data(contentsOf: url) == Data([9, 8]))
    // Streamed in pieces, counted as written.
    var counted = 0
    try DurableFile.write(to: url) { (output) throws(DurableFileError) in
      try output.write(Data(repeating: 7, count: 100_000))
      try output.write([1])
      counted = output.byteCount
    }
    #expect(counted == 100_001)
    #expect(try Data(contentsOf: url).count == 100_001)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["file.bin"])
  }

  @Test func testAProducerThatThrowsLeavesTheOldFileAndNoTemporaryFile() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("file.bin")
    try DurableFile.write(Data("old".utf8), to: url)
    let stop = DurableFileError(.write, path: url.path, code: 0, reason: "stopped half-way")
    #expect(throws: stop) {
      try DurableFile.write(to: url) { (output) throws(DurableFileError) in
        try output.write(Data(repeating: 0xAB, count: 50_000))
        throw stop
      }
    }
    #expect(try Data(contentsOf: url) == Data("old".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["file.bin"])
  }

  @Test func testAMissingDirectoryThrowsACreateErrorNamingTheTemporaryFile() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("missing/file.bin")
    do {
      try DurableFile.write(Data([1]), to: url)
      Issue.record("writing into a missing directory succeeded")
    } catch {
      #expect(error.step == .create)
      #expect(error.code == ENOENT)
      #expect(error.path.hasPrefix(directory.path + "/missing/.file.bin."))
      #expect(error.path.hasSuffix(".tmp"))
      #expect(error.description.hasPrefix("cannot create \(directory.path)/missing/.file.bin."))
    }
  }

  @Test func testAFailedRenameRemovesTheTemporaryFile() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    // A non-empty directory where the file should go: the rename fails after the data is
    // written and flushed.
    let url = directory.appendingPathComponent("taken")
    try FileManager.default.createDirectory(
      at: url.appendingPathComponent("inside"), withIntermediateDirectories: true)
    #expect(throws: DurableFileError.self) { try DurableFile.write(Data([1, 2]), to: url) }
    do {
      try DurableFile.write(Data([1, 2]), to: url)
    } catch {
      #expect(error.step == .rename)
      #expect(error.path == url.path)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["taken"])
  }

  @Test func testCreateDirectoryMakesTheMissingParentsAndAcceptsAnExistingOne() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let nested = directory.appendingPathComponent("a/b/c")
    try DurableFile.createDirectory(at: nested)
    var isDirectory: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: nested.path, isDirectory: &isDirectory))
    #expect(isDirectory.boolValue)
    try DurableFile.createDirectory(at: nested)
    try DurableFile.createDirectory(at: directory)
  }

  @Test func testCreateDirectoryRefusesAFileInTheWay() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("file")
    try DurableFile.write(Data([1]), to: file)
    #expect(
      throws: DurableFileError(
        .createDirectory, path: file.path, code: ENOTDIR, reason: "a file is in the way")
    ) { try DurableFile.createDirectory(at: file.appendingPathComponent("inner")) }
  }

  @Test func testSynchronizingAMissingDirectoryThrows() throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(at: directory) }
    try DurableFile.synchronizeDirectory(atPath: directory.path)
    let missing = directory.appendingPathComponent("missing").path
    #expect(
      throws: DurableFileError(
        .flushDirectory, path: missing, code: ENOENT, reason: String(cString: strerror(ENOENT)))
    ) { try DurableFile.synchronizeDirectory(atPath: missing) }
  }
}
