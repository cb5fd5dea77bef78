import Foundation
import RillCore
import RillTestSupport
import Testing

@testable import RillData

@Suite struct IDXTests {
  @Test func testReadsTheMNISTTestLabelsAsPublished() throws {
    let url = TestData.mnist.appendingPathComponent("t10k-labels-idx1-ubyte.gz")
    _ = try TestData.mnistFile("t10k-labels-idx1-ubyte.gz")
    let labels = try IDX.read(contentsOf: url)
    #expect(labels.dtype == .uint8)
    #expect(labels.shape == [10000])
    #expect(Array(labels.scalars(as: UInt8.self).prefix(10)) == [7, 2, 1, 0, 4, 1, 4, 9, 5, 9])
  }

  @Test func testCompressedAndRawFilesGiveTheSameTensor() throws {
    let compressed = try TestData.mnistFile("train-labels-idx1-ubyte.gz")
    let raw = try Gzip.decompress(compressed)
    // The digest of the decompressed file, from `gunzip -c | sha256sum`.
    #expect(
      SHA256.hexDigest(of: raw)
        == "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5")
    let fromRaw = try IDX.decode(raw)
    assertIdentical(try IDX.decode(compressed), fromRaw)
    #expect(Array(fromRaw.scalars(as: UInt8.self).prefix(10)) == [5, 0, 4, 1, 9, 2, 1, 3, 1, 4])
  }

  @Test func testDecodesEveryIDXTypeBigEndian() throws {
    // Hand-encoded files: magic 0 0 type rank, sizes, then big-endian elements.
    let unsignedBytes = try IDX.decode(
      Data([0, 0, 0x08, 2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 254, 255]))
    #expect(unsignedBytes.dtype == .uint8 && unsignedBytes.shape == [2, 2])
    #expect(unsignedBytes.scalars(as: UInt8.self) == [1, 2, 254, 255])
    let signedBytes = try IDX.decode(Data([0, 0, 0x09, 1, 0, 0, 0, 3, 0x80, 0xFF, 0x7F]))
    #expect(signedBytes.dtype == .int32 && signedBytes.scalars(as: Int32.self) == [-128, -1, 127])
    let shorts = try IDX.decode(Data([0, 0, 0x0B, 1, 0, 0, 0, 2, 0x80, 0x00, 0x01, 0x02]))
    #expect(shorts.dtype == .int32 && shorts.scalars(as: Int32.self) == [-32768, 258])
    let ints = try IDX.decode(
      Data([0, 0, 0x0C, 1, 0, 0, 0, 2, 0xFF, 0xFF, 0xFF, 0xFE, 0, 1, 0, 0]))
    #expect(ints.dtype == .int32 && ints.scalars(as: Int32.self) == [-2, 65536])
    // 1.5 is 0x3FC00000 in float32 and 0x3FF8000000000000 in float64.
    let floats = try IDX.decode(Data([0, 0, 0x0D, 1, 0, 0, 0, 1, 0x3F, 0xC0, 0, 0]))
    #expect(floats.dtype == .float32 && floats.scalars(as: Float.self) == [1.5])
    let doubles = try IDX.decode(Data([0, 0, 0x0E, 1, 0, 0, 0, 1, 0xBF, 0xF8, 0, 0, 0, 0, 0, 0]))
    #expect(doubles.dtype == .float64 && doubles.scalars(as: Double.self) == [-1.5])
    let empty = try IDX.decode(Data([0, 0, 0x08, 2, 0, 0, 0, 0, 0, 0, 0, 5]))
    #expect(empty.shape == [0, 5])
  }

  @Test func testRejectsBadHeadersWithTypedErrors() {
    func reason(_ bytes: [UInt8]) -> IDXError.Reason? {
      do {
        _ = try IDX.decode(Data(bytes))
        return nil
      } catch let error as IDXError {
        return error.reason
      } catch {
        return nil
      }
    }
    #expect(reason([0, 0, 8]) == .tooShort(byteCount: 3))
    #expect(reason([0, 1, 8, 1, 0, 0, 0, 0]) == .badMagic(0x0001_0801))
    #expect(reason([0, 0, 7, 1, 0, 0, 0, 0]) == .unsupportedType(7))
    #expect(reason([0, 0, 8, 0]) == .badRank(0))
    #expect(reason([0, 0, 8, 17] + Array(repeating: 0, count: 68)) == .badRank(17))
    #expect(reason([0, 0, 8, 2, 0, 0, 0, 1]) == .tooShort(byteCount: 8))
    #expect(reason([0, 0, 8, 1, 0x80, 0, 0, 0]) == .badDimension(axis: 0, value: 0x8000_0000))
    #expect(
      reason([0, 0, 8, 1, 0, 0, 0, 3, 1, 2]) == .lengthMismatch(expectedBytes: 11, actualBytes: 10))
    #expect(
      reason([0, 0, 8, 1, 0, 0, 0, 1, 1, 2]) == .lengthMismatch(expectedBytes: 9, actualBytes: 10))
  }

  @Test func testForgedHugeSizesAreRejectedWithoutAllocating() {
    // 2³¹−1 × 2³¹−1 × 2³¹−1 doubles overflow Int; 60000 × 60000 × 28 bytes do not, but the
    // file is 24 bytes long.
    let overflow: [UInt8] =
      [0, 0, 0x0E, 3] + Array(repeating: [0x7F, 0xFF, 0xFF, 0xFF], count: 3).flatMap { $0 }
    #expect(
      throws: IDXError(.sizeOverflow(dimensions: [2_147_483_647, 2_147_483_647, 2_147_483_647]))
    ) {
      try IDX.decode(Data(overflow))
    }
    let forged: [UInt8] = [
      0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 1, 2, 3, 4, 5, 6, 7, 8,
    ]
    #expect(throws: IDXError(.lengthMismatch(expectedBytes: 100_800_000_016, actualBytes: 24))) {
      try IDX.decode(Data(forged))
    }
    // The same header compressed: refused before anything is inflated or allocated, since
    // the 100.8 GB it declares are above the 1 GiB limit and what ~50 bytes can expand to.
    let compressed = GzipCompressor.compress(Data(forged))
    #expect(
      throws: IDXError(
        .tooLargeToDecompress(
          declaredBytes: 100_800_000_016, maximumBytes: compressed.count * 1032))
    ) {
      try IDX.decode(compressed)
    }
    // Within what the stream could hold, the decoder stops at the real end of the stream.
    let small: [UInt8] = [0, 0, 8, 1, 0, 0, 0x10, 0, 1, 2, 3]
    #expect(throws: IDXError(.lengthMismatch(expectedBytes: 4104, actualBytes: 11))) {
      try IDX.decode(GzipCompressor.compress(Data(small)))
    }
  }

  @Test func testCompressedFileLongerThanItsHeaderIsRejected() {
    let bytes: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 2, 1, 2, 3]
    #expect(throws: IDXError(.lengthMismatch(expectedBytes: 10, actualBytes: nil))) {
      try IDX.decode(GzipCompressor.compress(Data(bytes)))
    }
  }

  @Test func testReadErrorsNameTheFile() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("labels-idx1-ubyte")
    try Data([0, 0, 8, 1, 0, 0, 0, 5, 1]).write(to: url)
    do {
      _ = try IDX.read(contentsOf: url)
      Issue.record("a short file was read")
    } catch let error as IDXError {
      #expect(error.reason == .lengthMismatch(expectedBytes: 13, actualBytes: 9))
      #expect(error.description == "IDX file \(url.path): 9 bytes, but its header declares 13")
    }
    #expect(throws: IDXError.self) {
      try IDX.read(contentsOf: directory.appendingPathComponent("none"))
    }
  }
}
