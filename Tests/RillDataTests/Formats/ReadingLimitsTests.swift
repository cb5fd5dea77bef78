import Foundation
import RillCore
import RillTestSupport
import Testing

@testable import RillData

/// The findings of issue 13 about hostile files: overflowing shapes throw rather than trap,
/// decompression is bounded by what the file declares and by ``ReadingLimits``, and
/// safetensors headers are bounded in rank, entry count and parsing work.
@Suite struct ReadingLimitsTests {
  /// The bytes that the decoders `body` releases decompressed in all.
  private func decompressedBytes(_ body: () throws -> Void) rethrows -> Int {
    let tally = DecompressionTally()
    try Inflater.$tally.withValue(tally) { try body() }
    return tally.byteCount
  }

  @Test func testIDXHeaderWithAZeroThenOverflowingDimensionsThrows() {
    // 20 bytes declaring [0, 2147483647, 1073741824, 2147483647]: no elements, but the
    // strides overflow. This trapped in Shape's stride computation.
    let dimensions = [0, 2_147_483_647, 1_073_741_824, 2_147_483_647]
    let header: [UInt8] =
      [0, 0, 0x08, 4]
      + dimensions.flatMap { size in
        (0..<4).reversed().map { UInt8(truncatingIfNeeded: size >> (8 * $0)) }
      }
    #expect(header.count == 20)
    #expect(throws: IDXError(.sizeOverflow(dimensions: dimensions))) {
      try IDX.decode(Data(header))
    }
    #expect(throws: IDXError(.sizeOverflow(dimensions: dimensions))) {
      try IDX.decode(GzipCompressor.compress(Data(header)))
    }
  }

  @Test func testNPYAndSafetensorsShapesThatOverflowBesideAZeroThrow() throws {
    let npy = NPYFixtures.handBuilt(
      header: "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 4294967296, 4294967296), }",
      body: [])
    #expect(throws: NPYError(.sizeOverflow(shape: [0, 4_294_967_296, 4_294_967_296]))) {
      try NPY.decode(npy)
    }
    let json = #"{"x":{"dtype":"F32","shape":[0,4294967296,4294967296],"data_offsets":[0,0]}}"#
    var file = Data()
    file.appendLittleEndian(UInt64(json.utf8.count))
    file.append(contentsOf: Array(json.utf8))
    let error = #expect(throws: SafetensorsError.self) { try Safetensors.decode(file) }
    #expect(error?.reason == .sizeOverflow(shape: [0, 4_294_967_296, 4_294_967_296]))
  }

  @Test func testGzipBombIsStoppedAtTheSizeItsHeaderDeclares() throws {
    // A 60,000-label IDX file followed by 1.2 GB of zeros in 1.2 MB of gzip members.
    let labels = Data([0, 0, 8, 1, 0, 0, 0xEA, 0x60] + [UInt8](repeating: 3, count: 60_000))
    let bomb = GzipCompressor.compress(labels) + Bombs.gzipZeros(mebibytes: 1200)
    #expect(bomb.count < 1_400_000)
    var thrown: Error?
    let inflated = decompressedBytes {
      thrown = #expect(throws: IDXError.self) { try IDX.decode(bomb) }
    }
    #expect(
      (thrown as? IDXError)?.reason == .lengthMismatch(expectedBytes: 60_008, actualBytes: nil))
    // Decoding stops one byte past the declared 60,008, in each of the two passes (the whole
    // decode, then the streamed one that says why), instead of inflating the 1.2 GB.
    #expect(inflated > 60_008 && inflated <= 3 * 60_008, "\(inflated) bytes inflated")
  }

  @Test func testGzipFileDeclaringMoreThanTheLimitIsRefusedBeforeInflating() throws {
    // The header declares 1200 × 1024 × 1024 bytes, which the stream does hold.
    let header = Data([0, 0, 8, 3, 0, 0, 0x04, 0xB0, 0, 0, 4, 0, 0, 0, 4, 0])
    let bomb = GzipCompressor.compress(header) + Bombs.gzipZeros(mebibytes: 1200)
    var thrown: Error?
    let inflated = decompressedBytes {
      thrown = #expect(throws: IDXError.self) { try IDX.decode(bomb) }
    }
    #expect(
      (thrown as? IDXError)?.reason
        == .tooLargeToDecompress(declaredBytes: 1_258_291_216, maximumBytes: 1 << 30))
    // Only the 16-byte header is inflated, once per pass, before the file is refused.
    #expect(inflated > 0 && inflated <= 2 * 16, "\(inflated) bytes inflated")
    // A lower limit applies as well.
    let small = GzipCompressor.compress(
      Data([0, 0, 8, 1, 0, 0, 0, 100] + Array(repeating: 1, count: 100)))
    #expect(try IDX.decode(small).shape == [100])
    #expect(
      throws: IDXError(.tooLargeToDecompress(declaredBytes: 108, maximumBytes: 50))
    ) {
      try IDX.decode(small, limits: ReadingLimits(maximumDecompressedByteCount: 50))
    }
  }

  @Test func testDeflateBombInAnNPZEntryIsStopped() throws {
    let zeros = Bombs.rawDeflateZeros(mebibytes: 1200)
    #expect(zeros.count < 1_400_000)
    // The bomb itself is valid deflate: its first mebibyte decodes to zeros.
    let inflater = try Inflater(zeros, format: .raw)
    var first = [UInt8](repeating: 1, count: 1 << 20)
    #expect(try first.withUnsafeMutableBytes { try inflater.read(into: $0) } == 1 << 20)
    #expect(first.allSatisfy { $0 == 0 })
    // Declaring 1000 bytes: decoding stops after 1001.
    let lying = Bombs.zip(name: "x.npy", deflated: zeros, size: 1000, crc: 0)
    var thrown: Error?
    let inflated = decompressedBytes {
      thrown = #expect(throws: NPZError.self) { try NPZ.decode(lying) }
    }
    #expect(
      (thrown as? NPZError)?.reason
        == .damagedData("the data decompresses to more than 1000 bytes, not 1000"))
    // Decoding stops one byte past the declared 1000 (the first pass, straight into a tensor,
    // gives up after the 12 bytes of a preamble that is not NPY's).
    #expect((1001...2 * 1001).contains(inflated), "\(inflated) bytes inflated")
    // Declaring the whole 1.2 GB: above the 1 GiB limit, refused before decoding.
    let honest = Bombs.zip(name: "x.npy", deflated: zeros, size: 1200 << 20, crc: 0)
    let refused = #expect(throws: NPZError.self) { try NPZ.decode(honest) }
    #expect(
      refused?.reason == .tooLargeToDecompress(declaredBytes: 1200 << 20, maximumBytes: 1 << 30))
    #expect(refused?.array == "x")
    // Declaring more than 1032 times the compressed size is impossible for deflate.
    let tiny = Bombs.zip(name: "y.npy", deflated: Data([0x03, 0x00]), size: 1_000_000, crc: 0)
    let impossible = #expect(throws: NPZError.self) { try NPZ.decode(tiny) }
    #expect(
      impossible?.reason == .tooLargeToDecompress(declaredBytes: 1_000_000, maximumBytes: 2064))
  }

  @Test func testDeflatedEntriesDecodeStraightIntoTheirTensorsAndKeepTheirChecks() throws {
    let arrays: [String: Tensor] = [
      "w": Tensor(shape: [300, 200], scalars: (0..<60_000).map { Float($0 % 97) }),
      "flags": Tensor(shape: [5], scalars: [true, false, true, true, false]),
      "fortran": try NPY.decode(NPYFixtures.fortran),
    ]
    let archive = try NPZ.encode(arrays, compressed: true)
    let decoded = try NPZ.decode(archive)
    for (name, tensor) in arrays {
      #expect(decoded[name]?.bytes == tensor.bytes && decoded[name]?.shape == tensor.shape)
    }
    // A wrong CRC-32 in the central directory is caught on the streamed path too.
    let central = try #require(archive.range(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
    var forged = archive
    forged[central + 16] ^= 0xFF
    let error = #expect(throws: NPZError.self) { try NPZ.decode(forged) }
    guard case .checksumMismatch? = error?.reason else {
      Issue.record("\(String(describing: error))")
      return
    }
    #expect(error?.array == "flags")
  }

  @Test func testNPZEntryCountAndNPYRankAreLimited() throws {
    let arrays = (0..<5).reduce(into: [String: Tensor]()) { $0["a\($1)"] = Tensor([Int32($1)]) }
    let archive = try NPZ.encode(arrays)
    #expect(try NPZ.decode(archive).count == 5)
    #expect(throws: NPZError(.tooManyEntries(count: 5, maximumCount: 4))) {
      try NPZ.decode(archive, limits: ReadingLimits(maximumEntryCount: 4))
    }
    let deep = NPY.encode(Tensor(shape: Shape(Array(repeating: 1, count: 65)), scalars: [Float(1)]))
    #expect(throws: NPYError(.rankTooLarge(rank: 65, maximumRank: 64))) { try NPY.decode(deep) }
    #expect(try NPY.decode(deep, limits: ReadingLimits(maximumRank: 65)).rank == 65)
  }

  @Test func testSafetensorsRankAndEntryCountAreLimited() throws {
    // A rank of a million, as a forged header may declare: refused before it is a Shape.
    let zeros = Array(repeating: "0", count: 1_000_000).joined(separator: ",")
    let json = #"{"x":{"dtype":"F32","shape":["# + zeros + #"],"data_offsets":[0,0]}}"#
    var file = Data()
    file.appendLittleEndian(UInt64(json.utf8.count))
    file.append(contentsOf: Array(json.utf8))
    let error = #expect(throws: SafetensorsError.self) { try Safetensors.decode(file) }
    #expect(error?.reason == .rankTooLarge(rank: 1_000_000, maximumRank: 64))
    #expect(error?.tensor == "x")
    let tensors = (0..<3).reduce(into: [String: Tensor]()) { $0["t\($1)"] = Tensor([Float($1)]) }
    let encoded = try Safetensors.encode(tensors, metadata: ["k": "v"])
    #expect(
      try Safetensors.decode(encoded, limits: ReadingLimits(maximumEntryCount: 3)).tensors.count
        == 3)
    #expect(throws: SafetensorsError(.tooManyEntries(count: 3, maximumCount: 2))) {
      try Safetensors.decode(encoded, limits: ReadingLimits(maximumEntryCount: 2))
    }
  }

  /// A safetensors file whose header of about `kibibytes` KiB lists empty tensors.
  private func emptyTensorsFile(kibibytes: Int) -> (file: Data, entries: Int) {
    var json = "{"
    var count = 0
    while json.utf8.count < kibibytes << 10 {
      json += "\"t\(count)\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[0,0]},"
      count += 1
    }
    json.removeLast()
    json += "}"
    var file = Data()
    file.appendLittleEndian(UInt64(json.utf8.count))
    file.append(contentsOf: Array(json.utf8))
    return (file, count)
  }

  @Test func testSafetensorsHeaderParseWorkIsLinearInItsSize() throws {
    // Headers of empty tensors, 256 KiB and 1 MiB: four times the text must cost the JSON parser
    // four times the steps (bytes scanned, values, keys compared or hashed while looking for a
    // repeated key), not sixteen times, as comparing each key with all before it would.
    // Parsing 100 MB took 12 s when it was not linear.
    let limits = ReadingLimits(maximumEntryCount: 1 << 24)
    var stepsPerByte: [Double] = []
    for kibibytes in [256, 1024] {
      let (file, entries) = emptyTensorsFile(kibibytes: kibibytes)
      #expect(try Safetensors.decode(file, limits: limits).tensors.count == entries)
      let header = file.dropFirst(8)
      let (root, steps) = try JSONValue.parsed(header)
      guard case .object(let members) = root else {
        Issue.record("the header is not an object")
        return
      }
      #expect(members.count == entries)
      stepsPerByte.append(Double(steps) / Double(header.count))
    }
    #expect(
      stepsPerByte[1] < stepsPerByte[0] * 1.05,
      "steps per byte: \(stepsPerByte[0]) for 256 KiB, \(stepsPerByte[1]) for 1 MiB")
  }
}
