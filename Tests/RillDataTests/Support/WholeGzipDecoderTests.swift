import Foundation
import RillCore
import Testing

@testable import RillData

/// The fast whole-stream gzip path (libdeflate) against zlib's streaming inflate, and the IDX
/// reader's choice between them.
@Suite struct WholeGzipDecoderTests {
  /// The decoded bytes when `input` decodes to exactly `count` bytes, else `nil`.
  private func decoded(_ input: Data, count: Int) -> [UInt8]? {
    var output = [UInt8](repeating: 0xAA, count: count)
    let done = output.withUnsafeMutableBytes { WholeGzipDecoder.decompress(input, into: $0) }
    return done ? output : nil
  }

  @Test func testDecodesWhatZlibDecodesIncludingJoinedMembers() throws {
    let published = try TestData.mnistFile("t10k-labels-idx1-ubyte.gz")
    #expect(decoded(published, count: 10_008).map { Data($0) } == (try Gzip.decompress(published)))
    let first = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 31 / 7) })
    let second = Data("the second member".utf8)
    let joined = GzipCompressor.compress(first) + GzipCompressor.compress(second)
    #expect(decoded(joined, count: first.count + second.count) == Array(first + second))
    #expect(decoded(GzipCompressor.compress(Data()), count: 0) == [])
  }

  @Test func testFailsUnlessTheStreamFillsTheBufferExactly() throws {
    let data = try TestData.mnistFile("t10k-labels-idx1-ubyte.gz")
    #expect(decoded(data, count: 10_007) == nil)  // too long for the buffer
    #expect(decoded(data, count: 10_009) == nil)  // too short to fill it
    #expect(decoded(data.prefix(data.count - 1), count: 10_008) == nil)  // truncated
    var damaged = data
    damaged[damaged.count / 2] ^= 0xFF
    #expect(decoded(damaged, count: 10_008) == nil)
    #expect(decoded(data + Data([1, 2, 3]), count: 10_008) == nil)  // trailing garbage
    #expect(decoded(Data(), count: 0) == nil)
  }

  @Test func testIDXDecodesTheWholeStreamOnceAndLetsTheCallerInspectIt() throws {
    let data = try TestData.mnistFile("t10k-labels-idx1-ubyte.gz")
    var inspected = 0
    let labels = try #require(try IDX.decodeWhole(data) { inspected = $0.count })
    #expect(inspected == 10_008)
    assertIdenticalLabels(labels, try IDX.decode(Gzip.decompress(data)))
    struct Refused: Error {}
    #expect(throws: Refused.self) { _ = try IDX.decodeWhole(data) { _ in throw Refused() } }
    // A stream that does not decode whole is left to the streaming decoder, which says why.
    #expect(try IDX.decodeWhole(data.prefix(data.count - 1)) == nil)
    #expect(throws: IDXError(.compression(GzipError(.truncated)))) {
      try IDX.decode(data.prefix(data.count - 1))
    }
    #expect(
      try IDX.decodeWhole(data, limits: ReadingLimits(maximumDecompressedByteCount: 10_007)) == nil)
  }

  private func assertIdenticalLabels(_ a: Tensor, _ b: Tensor) {
    #expect(a.dtype == .uint8 && a.shape == [10_000] && b.shape == [10_000])
    #expect(a.scalars(as: UInt8.self) == b.scalars(as: UInt8.self))
  }
}
