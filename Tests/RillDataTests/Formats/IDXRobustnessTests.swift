import Foundation
import RillCore
import Testing

@testable import RillData

/// Thousands of truncated and randomly damaged IDX files built from MNIST: each must be read
/// exactly as a plain reference reading of its bytes says, or rejected with an `IDXError`.
@Suite struct IDXRobustnessTests {
  /// The first 5 MNIST test images as a raw IDX file (3,936 bytes), cut from the published
  /// file; its digest is from Python's hashlib on the same cut.
  private func smallImageFile() throws -> [UInt8] {
    let all = [UInt8](try Gzip.decompress(try TestData.mnistFile("t10k-images-idx3-ubyte.gz")))
    let small = all[0..<4] + [0, 0, 0, 5] + all[8..<16] + all[16..<(16 + 5 * 784)]
    #expect(
      SHA256.hexDigest(of: Data(small))
        == "755b9053264d8377389ec1c843e509052fe23e04d970f8f723777e115af51d09")
    return Array(small)
  }

  @Test func testEveryTruncationOfARawFileIsRejected() throws {
    let file = try smallImageFile()
    #expect(try IDX.decode(Data(file)).shape == [5, 28, 28])
    for length in 0..<file.count {
      expectRejected(Data(file[0..<length]), "prefix of \(length) bytes")
    }
  }

  @Test func testEveryTruncationOfACompressedFileIsRejected() throws {
    let file = try TestData.mnistFile("t10k-labels-idx1-ubyte.gz")
    for length in 0..<file.count {
      expectRejected(file.prefix(length), "prefix of \(length) bytes")
    }
  }

  @Test func testRandomlyDamagedRawFilesAreReadAsTheyAreOrRejected() throws {
    let original = try smallImageFile()
    var random = TestRandom(seed: 20_251_123)
    var accepted = 0
    for trial in 0..<3000 {
      let bytes = mutate(original, &random)
      let result = Result { try IDX.decode(Data(bytes)) }
      switch (result, ReferenceIDX(bytes)) {
      case (.success(let tensor), let reference?):
        #expect(tensor.shape.dimensions == reference.dimensions, "trial \(trial)")
        #expect(tensor.dtype == reference.dtype, "trial \(trial)")
        #expect(sameValues(tensor, reference.values(bytes)), "trial \(trial)")
        accepted += 1
      case (.success, nil):
        Issue.record("trial \(trial): an invalid file was accepted")
      case (.failure(let error), let reference):
        #expect(error is IDXError, "trial \(trial): \(error)")
        #expect(reference == nil, "trial \(trial): a valid file was rejected: \(error)")
      }
    }
    // Damage to pixels leaves a valid file; damage to the header or the length does not. Both
    // outcomes must be common for the test to mean something.
    #expect(accepted > 300 && accepted < 2700, "accepted \(accepted) of 3000")
  }

  @Test func testRandomlyDamagedHandMadeFilesOfEveryType() {
    var random = TestRandom(seed: 7)
    for type: UInt8 in [0x08, 0x09, 0x0B, 0x0C, 0x0D, 0x0E] {
      let size = ReferenceIDX.elementSizes[type] ?? 1
      let original: [UInt8] =
        [0, 0, type, 2, 0, 0, 0, 3, 0, 0, 0, 2]
        + (0..<(6 * size)).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      for trial in 0..<300 {
        let bytes = mutate(original, &random)
        let result = Result { try IDX.decode(Data(bytes)) }
        switch (result, ReferenceIDX(bytes)) {
        case (.success(let tensor), let reference?):
          #expect(tensor.shape.dimensions == reference.dimensions)
          #expect(sameValues(tensor, reference.values(bytes)), "type \(type) trial \(trial)")
        case (.success, nil):
          Issue.record("type \(type) trial \(trial): an invalid file was accepted")
        case (.failure(let error), let reference):
          #expect(error is IDXError && reference == nil, "type \(type) trial \(trial): \(error)")
        }
      }
    }
  }

  @Test func testRandomlyDamagedCompressedFilesAreIntactOrRejected() throws {
    let file = [UInt8](try TestData.mnistFile("t10k-labels-idx1-ubyte.gz"))
    let original = try IDX.decode(Data(file)).scalars(as: UInt8.self)
    var random = TestRandom(seed: 99)
    var accepted = 0
    for trial in 0..<2000 {
      let result = Result { try IDX.decode(Data(mutate(file, &random))) }
      switch result {
      case .success(let tensor):
        // CRC-32 and length guard the contents: what decodes must be the original (damage to
        // the gzip header's time stamp or OS byte changes nothing).
        #expect(
          tensor.shape == [10000] && tensor.scalars(as: UInt8.self) == original, "trial \(trial)")
        accepted += 1
      case .failure(let error):
        #expect(error is IDXError, "trial \(trial): \(error)")
      }
    }
    #expect(accepted > 20 && accepted < 1000, "accepted \(accepted) of 2000")
  }

  private func expectRejected(_ data: Data, _ comment: String) {
    do {
      _ = try IDX.decode(data)
      Issue.record("\(comment): accepted")
    } catch {
      #expect(error is IDXError, "\(comment): \(error)")
    }
  }
}

/// Damages `bytes`: changes one to four bytes (half the time within the first 16, where the
/// header is), and sometimes inserts or deletes a byte.
func mutate(_ bytes: [UInt8], _ random: inout TestRandom) -> [UInt8] {
  var result = bytes
  for _ in 0..<Int.random(in: 1...4, using: &random) {
    let inHeader = Bool.random(using: &random)
    let limit = inHeader ? min(16, result.count) : result.count
    guard limit > 0 else { break }
    let position = Int.random(in: 0..<limit, using: &random)
    switch Int.random(in: 0..<10, using: &random) {
    case 0: result.insert(UInt8.random(in: 0...255, using: &random), at: position)
    case 1: result.remove(at: position)
    case 2: result[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
    default: result[position] = UInt8.random(in: 0...255, using: &random)
    }
  }
  return result
}

/// Whether two tensors hold the same values (NaN matching NaN).
func sameValues(_ tensor: Tensor, _ expected: [Double]) -> Bool {
  let got = tensor.scalars(as: Double.self)
  return got.count == expected.count
    && zip(got, expected).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
}

/// A plain reading of the IDX format, written from its description for these tests.
struct ReferenceIDX: Equatable {
  static let elementSizes: [UInt8: Int] = [0x08: 1, 0x09: 1, 0x0B: 2, 0x0C: 4, 0x0D: 4, 0x0E: 8]

  let type: UInt8
  let dimensions: [Int]

  /// The header, if the bytes are a valid IDX file.
  init?(_ bytes: [UInt8]) {
    guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0,
      let size = ReferenceIDX.elementSizes[bytes[2]]
    else { return nil }
    let rank = Int(bytes[3])
    guard rank >= 1, rank <= 16, bytes.count >= 4 + 4 * rank else { return nil }
    var dimensions: [Int] = []
    var total = Double(size)
    for axis in 0..<rank {
      let value = (0..<4).reduce(0) { $0 * 256 + Int(bytes[4 + 4 * axis + $1]) }
      guard value < 1 << 31 else { return nil }
      dimensions.append(value)
      total *= Double(value)
    }
    guard Double(bytes.count) == Double(4 + 4 * rank) + total else { return nil }
    self.type = bytes[2]
    self.dimensions = dimensions
  }

  var dtype: DType {
    switch type {
    case 0x08: return .uint8
    case 0x0D: return .float32
    case 0x0E: return .float64
    default: return .int32
    }
  }

  /// The elements, decoded big-endian.
  func values(_ bytes: [UInt8]) -> [Double] {
    let size = ReferenceIDX.elementSizes[type] ?? 1
    let body = Array(bytes[(4 + 4 * dimensions.count)...])
    return stride(from: 0, to: body.count, by: size).map { start in
      let word = body[start..<(start + size)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      switch type {
      case 0x08: return Double(word)
      case 0x09: return Double(Int8(truncatingIfNeeded: word))
      case 0x0B: return Double(Int16(truncatingIfNeeded: word))
      case 0x0C: return Double(Int32(truncatingIfNeeded: word))
      case 0x0D: return Double(Float(bitPattern: UInt32(word)))
      default: return Double(bitPattern: word)
      }
    }
  }
}
