import Foundation
import RillFuzzing
import Testing

/// Every input that ever crashed or hung a reader is read again.
///
/// `rill-fuzz` saves them under `Regressions/`, one folder per format. Each must now be
/// accepted or rejected with the reader's typed error; a reader that traps kills this test
/// process.
@Suite struct FuzzRegressionTests {
  private static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().appendingPathComponent("Regressions")

  /// The saved inputs, as (format folder, file) pairs, in name order.
  private static func savedInputs() throws -> [(format: String, file: URL)] {
    let manager = FileManager.default
    var inputs: [(format: String, file: URL)] = []
    for format in try manager.contentsOfDirectory(atPath: folder.path).sorted() {
      let directory = folder.appendingPathComponent(format)
      for name in try manager.contentsOfDirectory(atPath: directory.path).sorted() {
        inputs.append((format, directory.appendingPathComponent(name)))
      }
    }
    return inputs
  }

  @Test func testEverySavedInputIsReadOrRejectedWithATypedError() throws {
    let inputs = try Self.savedInputs()
    // The IDX header and the crash the fuzzer found with the old Shape check.
    #expect(inputs.count >= 3)
    for (formatName, file) in inputs {
      let format = try #require(FuzzFormat.named(formatName), "no format \(formatName)")
      do {
        try format.read(try Data(contentsOf: file))
      } catch {
        #expect(format.isTypedError(error), "\(file.lastPathComponent): \(error)")
      }
    }
  }

  @Test func testEveryFormatHasSeedsItsReaderAccepts() throws {
    #expect(
      Set(FuzzFormat.all.map(\.name)) == [
        "idx", "idx-gzip", "npy", "npz", "safetensors", "csv", "events",
      ])
    for format in FuzzFormat.all {
      let seeds = try format.seeds()
      #expect(!seeds.isEmpty, "\(format.name)")
      for (index, seed) in seeds.enumerated() {
        #expect(throws: Never.self, "\(format.name) seed \(index)") { try format.read(seed) }
      }
    }
  }

  @Test func testInputsAreReproducibleFromTheSeedAndIndex() {
    let fuzzer = Fuzzer(executable: "/bin/false", saveDirectory: Self.folder)
    let seeds: [[UInt8]] = [Array("seed one".utf8), Array("another seed".utf8)]
    let first = (0..<50).map { fuzzer.input($0, format: "npy", seeds: seeds) }
    let again = (0..<50).map { fuzzer.input($0, format: "npy", seeds: seeds) }
    #expect(first == again)
    // Different indices and formats give different inputs.
    #expect(Set(first).count > 40)
    #expect(fuzzer.input(7, format: "csv", seeds: seeds) != first[7])
  }
}
