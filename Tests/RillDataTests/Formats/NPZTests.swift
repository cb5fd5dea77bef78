import Foundation
import RillCore
import RillTestSupport
import Testing

@testable import RillData

@Suite struct NPZTests {
  @Test func testReadsArchivesNumPyWrote() throws {
    for (label, data) in [
      ("savez", NPZFixtures.stored), ("savez_compressed", NPZFixtures.compressed),
    ] {
      let arrays = try NPZ.decode(data)
      #expect(Set(arrays.keys) == Set(NPZFixtures.arrays.keys), "\(label)")
      for (name, expected) in NPZFixtures.arrays {
        assertIdentical(try #require(arrays[name]), expected, "\(label) \(name)")
      }
    }
  }

  @Test(arguments: [false, true])
  func testEveryDTypeRoundTrips(compressed: Bool) throws {
    let tensors = SafetensorsTests.everyDType
    for forceZip64 in [false, true] {
      let data = try NPZ.encode(tensors, compressed: compressed, forceZip64: forceZip64)
      let arrays = try NPZ.decode(data)
      #expect(Set(arrays.keys) == Set(tensors.keys))
      for (name, tensor) in tensors {
        assertIdentical(try #require(arrays[name]), tensor, "\(name), zip64 \(forceZip64)")
      }
    }
  }

  @Test func testWritesStoredEntriesWithHeadersAndChecksums() throws {
    // Hand-checked against APPNOTE.TXT: one stored entry "x.npy" holding NPY's bytes.
    let tensor = Tensor([1, 2] as [Int32])
    let npy = NPY.encode(tensor)
    let data = try NPZ.encode(["x": tensor])
    let bytes = [UInt8](data)
    func uint32(_ offset: Int) -> UInt32 { data.littleEndian(UInt32.self, at: offset) }
    func uint16(_ offset: Int) -> UInt16 { data.littleEndian(UInt16.self, at: offset) }
    #expect(uint32(0) == 0x0403_4B50)  // local header
    #expect(uint16(8) == 0)  // stored
    #expect(uint32(14) == crc32Reference(npy))
    #expect(uint32(18) == UInt32(npy.count) && uint32(22) == UInt32(npy.count))
    #expect(uint16(26) == 5 && Array(bytes[30..<35]) == Array("x.npy".utf8))
    #expect(Data(bytes[35..<(35 + npy.count)]) == npy)
    let central = 35 + npy.count
    #expect(uint32(central) == 0x0201_4B50 && uint32(central + 16) == crc32Reference(npy))
    #expect(uint32(central + 42) == 0)  // the local header's offset
    let end = central + 46 + 5
    #expect(uint32(end) == 0x0605_4B50 && uint16(end + 10) == 1)
    #expect(uint32(end + 12) == 51 && uint32(end + 16) == UInt32(central))
    #expect(bytes.count == end + 22)
  }

  @Test func testWriteAndReadAFileAtomically() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("arrays.npz")
    try NPZ.write(SafetensorsTests.everyDType, to: url, compressed: true)
    let good = try Data(contentsOf: url)
    let arrays = try NPZ.read(contentsOf: url)
    for (name, tensor) in SafetensorsTests.everyDType {
      assertIdentical(try #require(arrays[name]), tensor, name)
    }
    // A failed write (the target is a directory; then a missing directory) changes nothing.
    let blocked = directory.appendingPathComponent("blocked.npz")
    try FileManager.default.createDirectory(
      at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
    #expect(throws: NPZError.self) { try NPZ.write(["x": Tensor([1] as [Float])], to: blocked) }
    let missing = directory.appendingPathComponent("missing/arrays.npz")
    do {
      try NPZ.write(["x": Tensor([1] as [Float])], to: missing)
      Issue.record("writing into a missing directory succeeded")
    } catch let error as NPZError {
      #expect(error.path == missing.path && "\(error)".contains("No such file"), "\(error)")
    }
    #expect(try Data(contentsOf: url) == good)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        == ["arrays.npz", "blocked.npz"])
  }

  @Test func testNamesKeepUnicodeAndTheNPYSuffixIsOptional() throws {
    let arrays = try NPZ.decode(
      try NPZ.encode(["dense/kernel": Tensor([1] as [Float]), "poids·é": Tensor([2] as [Float])]))
    #expect(Set(arrays.keys) == ["dense/kernel", "poids·é"])
    // An entry without ".npy" keeps its whole name, as numpy.load does.
    let plain = ZipArchive.archive(
      [(name: "raw", contents: NPY.encode(Tensor([3] as [Int64])))], compressed: false)
    assertIdentical(try #require(try NPZ.decode(plain)["raw"]), Tensor([3] as [Int64]))
  }

  @Test func testRejectsDamagedArchivesWithTypedErrors() throws {
    let good = try NPZ.encode(["x": Tensor([1, 2] as [Int32])])
    let npyCount = NPY.encode(Tensor([1, 2] as [Int32])).count
    let central = 35 + npyCount
    func patched(_ offset: Int, _ bytes: [UInt8], in data: Data? = nil) -> Data {
      var copy = data ?? good
      copy.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
      return copy
    }
    let crc = crc32Reference(NPY.encode(Tensor([1, 2] as [Int32])))
    let damagedCRC = crc32Reference(patched(35, [0xFF])[35..<central])
    let cases: [(Data, NPZError)] = [
      (Data("not a zip".utf8), NPZError(.notZip)),
      (good.prefix(good.count - 1), NPZError(.notZip)),
      (
        patched(35, [0xFF]),
        NPZError(.checksumMismatch(expected: crc, actual: damagedCRC), array: "x")
      ),
      (patched(central + 10, [99, 0]), NPZError(.unsupportedCompression(method: 99), array: "x")),
      (patched(central + 8, [1, 0]), NPZError(.encrypted, array: "x")),
      (
        patched(central + 42, [1, 0, 0, 0]),
        NPZError(.damagedArchive("the local header of x.npy is missing"))
      ),
      (
        patched(central + 20, [150, 0, 0, 0]),
        NPZError(.damagedArchive("the data of x.npy runs into the central directory"))
      ),
      (
        patched(central + 24, [1, 0, 0, 0]),
        NPZError(
          .damagedData("the stored entry has \(npyCount) bytes, but declares 1"), array: "x")
      ),
      (
        patched(30, Array("y".utf8)),
        NPZError(.damagedArchive("the local header names y.npy, the central directory x.npy"))
      ),
      (
        patched(good.count - 22 + 10, [2, 0]),
        NPZError(.damagedArchive("2 entries cannot fit in a directory of 51 bytes"))
      ),
      (
        patched(good.count - 22 + 16, [0xFF, 0xFF, 0, 0]),
        NPZError(
          .damagedArchive("the central directory (51 bytes at 65535) lies outside the archive"))
      ),
      (
        patched(good.count - 22 + 4, [1, 0]),
        NPZError(.damagedArchive("the archive spans several disks"))
      ),
    ]
    for (data, expected) in cases {
      #expect(throws: expected, "\(expected)") { try NPZ.decode(data) }
    }
  }

  @Test func testRejectsDuplicateNamesOverlapsAndInvalidArrays() throws {
    let npy = NPY.encode(Tensor([1] as [Float]))
    let duplicate = ZipArchive.archive(
      [(name: "a.npy", contents: npy), (name: "a", contents: npy)], compressed: false)
    #expect(throws: NPZError(.duplicateName, array: "a")) { try NPZ.decode(duplicate) }
    let notNPY = ZipArchive.archive(
      [(name: "a.npy", contents: Data("hello".utf8))], compressed: true)
    #expect(throws: NPZError(.invalidArray(NPYError(.notNPY)), array: "a")) {
      try NPZ.decode(notNPY)
    }
    // Two central entries that point at the same local header share its data: rejected.
    var overlapping = ZipArchive.archive(
      [(name: "a.npy", contents: npy), (name: "a.npy", contents: npy)], compressed: false)
    let secondCentral = try #require(
      overlapping.range(of: Data([0x50, 0x4B, 0x01, 0x02]), options: .backwards))
    overlapping.replaceSubrange(
      (secondCentral.lowerBound + 42)..<(secondCentral.lowerBound + 46), with: [0, 0, 0, 0])
    #expect(throws: NPZError(.damagedArchive("entries a.npy and a.npy overlap"))) {
      try NPZ.decode(overlapping)
    }
  }

  @Test func testDeflatedEntriesThatLieAboutTheirSizeAreRejected() throws {
    // 1 MiB of zeros deflates to about 1 KiB; a central directory claiming less or more fails,
    // and decoding never grows past the claimed size.
    let zeros = Data(count: 1 << 20)
    let archive = ZipArchive.archive([(name: "z", contents: zeros)], compressed: true)
    let central = try #require(archive.range(of: Data([0x50, 0x4B, 0x01, 0x02]))).lowerBound
    for claimed: UInt32 in [1000, (1 << 20) - 1, (1 << 20) + 1, 0x7FFF_FFFF] {
      var forged = archive
      withUnsafeBytes(of: claimed.littleEndian) {
        forged.replaceSubrange((central + 24)..<(central + 28), with: $0)
      }
      #expect(throws: NPZError.self, "\(claimed)") {
        let forgedArchive = try ZipArchive(forged)
        try forgedArchive.withContents(of: forgedArchive.entries[0], limits: .default) { _ in }
      }
    }
    let entry = try ZipArchive(archive).entries[0]
    #expect(try ZipArchive(archive).withContents(of: entry, limits: .default) { Data($0) } == zeros)
  }
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), computed bit by bit from its
/// definition, independently of zlib.
func crc32Reference<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
  var crc: UInt32 = 0xFFFF_FFFF
  for byte in bytes {
    crc ^= UInt32(byte)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}
