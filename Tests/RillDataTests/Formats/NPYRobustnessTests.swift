import Foundation
import RillCore
import Testing

@testable import RillData

/// Thousands of truncated and randomly damaged `.npy` files built from files NumPy wrote: each
/// must decode to exactly what its bytes say, or be rejected with an `NPYError`.
@Suite struct NPYRobustnessTests {
  private let files = [
    NPYFixtures.float32, NPYFixtures.float64, NPYFixtures.int32, NPYFixtures.int64,
    NPYFixtures.uint8, NPYFixtures.bool, NPYFixtures.version2, NPYFixtures.version3,
  ]

  @Test func testEveryTruncationIsRejected() {
    for (index, file) in files.enumerated() {
      for length in 0..<file.count {
        do {
          _ = try NPY.decode(file.prefix(length))
          Issue.record("file \(index): a prefix of \(length) bytes was accepted")
        } catch {
          #expect(error is NPYError, "file \(index), prefix \(length): \(error)")
        }
      }
    }
  }

  @Test func testRandomlyDamagedFilesDecodeAsTheirBytesSayOrAreRejected() throws {
    var random = TestRandom(seed: 4242)
    var accepted = 0
    var trials = 0
    for (index, file) in files.enumerated() {
      let original = [UInt8](file)
      let intact = try NPY.decode(file)
      let dataStart = original.count - intact.scalarCount * intact.dtype.byteCount
      for trial in 0..<600 {
        trials += 1
        let bytes = mutate(original, &random)
        do {
          let tensor = try NPY.decode(Data(bytes))
          accepted += 1
          #expect(
            consistent(tensor, with: bytes), "file \(index) trial \(trial): \(tensor.spec)")
        } catch {
          #expect(error is NPYError, "file \(index) trial \(trial): \(error)")
          // Damage confined to the data, with the length unchanged, leaves a valid file.
          let touched = original.indices.filter { $0 >= bytes.count || bytes[$0] != original[$0] }
          if bytes.count == original.count && touched.allSatisfy({ $0 >= dataStart }) {
            Issue.record("file \(index) trial \(trial): damage to the data only was rejected")
          }
        }
      }
    }
    // Most damage lands in the preamble or header (the data of these files is small) and is
    // rejected; some (spaces, digits, the dtype letter, the data) still makes a valid file.
    #expect(accepted > 20 && accepted < trials / 2, "accepted \(accepted) of \(trials)")
  }

  @Test func testDamageToTheDataIsReadAsIs() throws {
    var random = TestRandom(seed: 77)
    for (index, file) in files.enumerated() {
      var bytes = [UInt8](file)
      let intact = try NPY.decode(file)
      let dataStart = bytes.count - intact.scalarCount * intact.dtype.byteCount
      for trial in 0..<200 {
        let position = Int.random(in: dataStart..<bytes.count, using: &random)
        bytes[position] = UInt8.random(in: 0...255, using: &random)
        let tensor = try NPY.decode(Data(bytes))
        #expect(
          tensor.spec == intact.spec && consistent(tensor, with: bytes),
          "file \(index) trial \(trial)")
      }
    }
  }

  /// Whether a decoded tensor matches the bytes: the data after the header declared in the
  /// preamble has exactly the tensor's size, and reading it little-endian in the tensor's dtype
  /// gives the tensor's values.
  private func consistent(_ tensor: Tensor, with bytes: [UInt8]) -> Bool {
    let major = bytes[6]
    let lengthBytes = major == 1 ? 2 : 4
    let headerLength = (0..<lengthBytes).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
    let body = Array(bytes[(8 + lengthBytes + headerLength)...])
    let size = tensor.dtype.byteCount
    guard body.count == tensor.scalarCount * size else { return false }
    let expected: [Double] = stride(from: 0, to: body.count, by: size).map { start in
      let word = body[start..<(start + size)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
      switch tensor.dtype {
      case .float32: return Double(Float(bitPattern: UInt32(word)))
      case .float64: return Double(bitPattern: word)
      case .int32: return Double(Int32(truncatingIfNeeded: word))
      case .int64: return Double(Int64(bitPattern: word))
      case .uint8: return Double(word)
      case .bool: return word == 0 ? 0 : 1
      }
    }
    return sameValues(tensor, expected)
  }
}
