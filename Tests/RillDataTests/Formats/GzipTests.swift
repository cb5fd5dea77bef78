import Foundation
import Testing

@testable import RillData

@Suite struct GzipTests {
  @Test func testDecompressesAPublishedFile() throws {
    let data = try TestData.mnistFile("t10k-labels-idx1-ubyte.gz")
    let contents = try Gzip.decompress(data)
    #expect(contents.count == 10008)
    // From `gunzip -c t10k-labels-idx1-ubyte.gz | sha256sum`.
    #expect(
      SHA256.hexDigest(of: contents)
        == "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2")
    // The inflater stops where its buffer ends, and goes on from there.
    let inflater = try Inflater(data, format: .gzip)
    var header = [UInt8](repeating: 0xAA, count: 8)
    #expect(try header.withUnsafeMutableBytes { try inflater.read(into: $0) } == 8)
    #expect(header == [0, 0, 8, 1, 0, 0, 0x27, 0x10])
    var rest = [UInt8](repeating: 0, count: 10_008)
    #expect(try rest.withUnsafeMutableBytes { try inflater.read(into: $0) } == 10_000)
    #expect(inflater.isFinished)
    #expect(Data(header + rest[0..<10_000]) == contents)
  }

  @Test func testRoundTripsAndJoinsMembers() throws {
    let first = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 31 / 7) })
    let second = Data("the second member".utf8)
    #expect(try Gzip.decompress(GzipCompressor.compress(first)) == first)
    #expect(
      try Gzip.decompress(GzipCompressor.compress(first) + GzipCompressor.compress(second)) == first
        + second)
    #expect(try Gzip.decompress(GzipCompressor.compress(Data())) == Data())
  }

  @Test func testRejectsDamagedStreams() throws {
    let data = try TestData.mnistFile("t10k-labels-idx1-ubyte.gz")
    #expect(throws: GzipError(.notGzip)) { try Gzip.decompress(Data([1, 2, 3])) }
    #expect(throws: GzipError(.truncated)) { try Gzip.decompress(data.prefix(data.count - 1)) }
    #expect(throws: GzipError(.tooLarge(maximumSize: 10007))) {
      try Gzip.decompress(data, maximumSize: 10007)
    }
    var flipped = data
    flipped[data.count - 6] ^= 0x01  // inside the CRC-32 of the contents
    #expect(throws: GzipError.self) { try Gzip.decompress(flipped) }
    #expect(throws: GzipError.self) { try Gzip.decompress(data + Data([0x42, 0x42])) }
  }
}
