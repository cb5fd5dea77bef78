import Foundation
import RillCore
import RillTestSupport
import Testing

@testable import RillData

/// Thousands of truncated and randomly damaged `.npz` archives, from NumPy and from Rill: each
/// must decode to exactly the original arrays (damage the format ignores, such as timestamps),
/// or be rejected with an `NPZError`.
@Suite struct NPZRobustnessTests {
  /// Archives to damage, with the arrays each holds.
  private static func archives() throws -> [(data: Data, arrays: [String: Tensor])] {
    let small: [String: Tensor] = [
      "w": Tensor(shape: [2, 2], scalars: [1, 2, 3, 4] as [Float]), "step": Tensor(Int64(3)),
    ]
    return [
      (NPZFixtures.stored, NPZFixtures.arrays),
      (NPZFixtures.compressed, NPZFixtures.arrays),
      (try NPZ.encode(small), small),
      (try NPZ.encode(small, compressed: true), small),
      (try NPZ.encode(small, compressed: false, forceZip64: true), small),
    ]
  }

  @Test func testEveryTruncationIsRejected() throws {
    for (index, archive) in try Self.archives().enumerated() {
      for length in 0..<archive.data.count {
        do {
          _ = try NPZ.decode(archive.data.prefix(length))
          Issue.record("archive \(index): a prefix of \(length) bytes was accepted")
        } catch {
          #expect(error is NPZError, "archive \(index), prefix \(length): \(error)")
        }
      }
    }
  }

  @Test func testRandomlyDamagedArchivesDecodeToTheOriginalOrAreRejected() throws {
    var random = TestRandom(seed: 808)
    var accepted = 0
    var trials = 0
    for (index, archive) in try Self.archives().enumerated() {
      let original = [UInt8](archive.data)
      for trial in 0..<1200 {
        trials += 1
        let bytes = mutateZip(original, &random)
        do {
          let arrays = try NPZ.decode(Data(bytes))
          accepted += 1
          let same =
            Set(arrays.keys) == Set(archive.arrays.keys)
            && archive.arrays.allSatisfy { name, tensor in
              arrays[name].map { $0.spec == tensor.spec && $0.bytes == tensor.bytes } ?? false
            }
          if !same { Issue.record("archive \(index) trial \(trial): accepted with other arrays") }
        } catch {
          #expect(error is NPZError, "archive \(index) trial \(trial): \(error)")
        }
      }
    }
    // Damage to timestamps, versions, attributes and the like is harmless; the CRC-32 and the
    // structure checks catch the rest.
    #expect(accepted > 100 && accepted < trials / 2, "accepted \(accepted) of \(trials)")
  }

  @Test func testForgedSizesAndOffsetsInTheDirectoryAreRejected() throws {
    // Every 4-byte size or offset field of every central entry and of the end records, set to
    // values at and beyond the edges.
    let values: [UInt32] = [0, 1, 0x7FFF_FFFF, 0xFFFF_FFFE, 0xFFFF_FFFF]
    for (index, archive) in try Self.archives().enumerated() {
      let original = [UInt8](archive.data)
      var fields: [Int] = []
      for position in 0..<(original.count - 3)
      where original[position..<(position + 4)].elementsEqual([0x50, 0x4B, 0x01, 0x02]) {
        fields += [position + 20, position + 24, position + 42]
      }
      let end = original.count - 22
      fields += [end + 12, end + 16]
      for field in fields {
        for value in values {
          var bytes = original
          withUnsafeBytes(of: value.littleEndian) {
            bytes.replaceSubrange(field..<(field + 4), with: $0)
          }
          do {
            let arrays = try NPZ.decode(Data(bytes))
            #expect(Set(arrays.keys) == Set(archive.arrays.keys), "archive \(index) field \(field)")
          } catch {
            #expect(error is NPZError, "archive \(index) field \(field) = \(value): \(error)")
          }
        }
      }
    }
  }
}

/// Damages a zip archive: changes, flips, inserts or deletes one to four bytes anywhere (a third
/// of the time within the last 200 bytes, where the central directory is), or cuts or extends
/// the end.
func mutateZip(_ bytes: [UInt8], _ random: inout TestRandom) -> [UInt8] {
  var result = bytes
  for _ in 0..<Int.random(in: 1...4, using: &random) {
    guard !result.isEmpty else { break }
    let nearEnd = Int.random(in: 0..<3, using: &random) == 0
    let lower = nearEnd ? Swift.max(0, result.count - 200) : 0
    let position = Int.random(in: lower..<result.count, using: &random)
    switch Int.random(in: 0..<10, using: &random) {
    case 0: result.insert(UInt8.random(in: 0...255, using: &random), at: position)
    case 1: result.remove(at: position)
    case 2, 3: result[position] ^= 1 << UInt8.random(in: 0..<8, using: &random)
    case 4: result.removeLast(Int.random(in: 1...Swift.min(8, result.count), using: &random))
    case 5:
      result += (0..<Int.random(in: 1...8, using: &random)).map { _ in
        UInt8.random(in: 0...255, using: &random)
      }
    case 6: result[position] = [0x00, 0xFF, 0x7F, 0x80].randomElement(using: &random) ?? 0
    default: result[position] = UInt8.random(in: 0...255, using: &random)
    }
  }
  return result
}
