import Foundation
import RillCore
import RillTestSupport
import Testing

@testable import RillData

/// Thousands of truncated and randomly damaged safetensors files: each must decode to exactly
/// what its bytes say (checked against Foundation's JSON parser, independently of Rill's), or be
/// rejected with a `SafetensorsError`.
@Suite struct SafetensorsRobustnessTests {
  /// Files to damage: every dtype, weights with metadata, and a small file with an empty tensor.
  private static func files() throws -> [Data] {
    let weights: [String: Tensor] = [
      "dense.kernel": Tensor(shape: [3, 4], scalars: (0..<12).map { Float($0) / 4 }),
      "dense.bias": Tensor([0.5, -0.5, 1, 2] as [Float]),
    ]
    let small: [String: Tensor] = [
      "step": Tensor(Int64(7)), "empty": Tensor(shape: [0], scalars: [] as [Int32]),
    ]
    return [
      try Safetensors.encode(SafetensorsTests.everyDType),
      try Safetensors.encode(weights, metadata: ["format": "np", "epoch": "12"]),
      try Safetensors.encode(small),
    ]
  }

  @Test func testEveryTruncationIsRejected() throws {
    for (index, file) in try Self.files().enumerated() {
      for length in 0..<file.count {
        do {
          _ = try Safetensors.decode(file.prefix(length))
          Issue.record("file \(index): a prefix of \(length) bytes was accepted")
        } catch {
          #expect(error is SafetensorsError, "file \(index), prefix \(length): \(error)")
        }
      }
    }
  }

  @Test func testRandomlyDamagedFilesDecodeAsTheirBytesSayOrAreRejected() throws {
    var random = TestRandom(seed: 2024)
    var accepted = 0
    var trials = 0
    for (index, file) in try Self.files().enumerated() {
      let original = [UInt8](file)
      for trial in 0..<1500 {
        trials += 1
        let bytes = mutateSafetensors(original, &random)
        do {
          let (tensors, metadata) = try Safetensors.decode(Data(bytes))
          accepted += 1
          if let problem = ReferenceSafetensors.mismatch(tensors, metadata, bytes) {
            Issue.record("file \(index) trial \(trial): accepted, but \(problem)")
          }
        } catch {
          #expect(error is SafetensorsError, "file \(index) trial \(trial): \(error)")
        }
      }
    }
    // Damage to the data, to digits that stay consistent, or to names is accepted; most
    // damage to the header is not.
    #expect(accepted > 100 && accepted < trials * 3 / 4, "accepted \(accepted) of \(trials)")
  }

  @Test func testDamageToTheDataIsReadAsIs() throws {
    var random = TestRandom(seed: 99)
    for (index, file) in try Self.files().enumerated() {
      var bytes = [UInt8](file)
      let headerEnd = 8 + Int(file.littleEndian(UInt64.self, at: 0))
      guard headerEnd < bytes.count else { continue }
      for trial in 0..<300 {
        let position = Int.random(in: headerEnd..<bytes.count, using: &random)
        bytes[position] = UInt8.random(in: 0...255, using: &random)
        let (tensors, metadata) = try Safetensors.decode(Data(bytes))
        if let problem = ReferenceSafetensors.mismatch(tensors, metadata, bytes) {
          Issue.record("file \(index) trial \(trial): \(problem)")
        }
      }
    }
  }

  @Test func testGiantDeclaredSizesAreRejectedWithoutAllocating() throws {
    // Shapes and offsets that would need exabytes, in a file of a few dozen bytes.
    let shapes = [
      "[1152921504606846976]", "[4294967296,4294967296]", "[9223372036854775807]",
      "[2,4611686018427387904]", "[0,9223372036854775807,9223372036854775807]",
    ]
    for shape in shapes {
      for offsets in ["[0,4]", "[0,9223372036854775807]", "[0,4611686018427387904]"] {
        let json = #"{"w":{"dtype":"F32","shape":\#(shape),"data_offsets":\#(offsets)}}"#
        var data = Data()
        data.appendLittleEndian(UInt64(json.utf8.count))
        data.append(contentsOf: Array(json.utf8) + [1, 2, 3, 4])
        #expect(throws: SafetensorsError.self, "\(shape) \(offsets)") {
          try Safetensors.decode(data)
        }
      }
    }
    // A header length that claims the maximum, in a short file.
    var data = Data()
    data.appendLittleEndian(UInt64(Safetensors.maximumHeaderSize))
    data.append(Data("{}".utf8))
    #expect(
      throws: SafetensorsError(
        .headerOutOfBounds(headerSize: Safetensors.maximumHeaderSize, byteCount: 10))
    ) { try Safetensors.decode(data) }
  }
}

/// Damages a safetensors file: one of several kinds of change, aimed mostly at the header (where
/// a reader has something to check) and sometimes at its length or the data.
func mutateSafetensors(_ bytes: [UInt8], _ random: inout TestRandom) -> [UInt8] {
  var result = bytes
  let headerEnd = Swift.min(bytes.count, 8 + Int(Data(bytes).littleEndian(UInt32.self, at: 0)))
  for _ in 0..<Int.random(in: 1...3, using: &random) {
    guard result.count > 8 else { break }
    let inHeader = Int.random(
      in: 8..<Swift.max(9, Swift.min(headerEnd, result.count)), using: &random)
    let anywhere = Int.random(in: 0..<result.count, using: &random)
    switch Int.random(in: 0..<10, using: &random) {
    case 0: result[anywhere] = UInt8.random(in: 0...255, using: &random)
    case 1: result[anywhere] ^= 1 << UInt8.random(in: 0..<8, using: &random)
    case 2: result[inHeader] = UInt8.random(in: 0...255, using: &random)
    case 3:
      // A digit becomes another digit, or grows into a large number.
      let digits = result.indices.filter { $0 < headerEnd && (0x30...0x39).contains(result[$0]) }
      guard let position = digits.randomElement(using: &random) else { continue }
      if Bool.random(using: &random) {
        result[position] = UInt8.random(in: 0x30...0x39, using: &random)
      } else {
        let extra = (0..<Int.random(in: 1...20, using: &random)).map { _ in
          UInt8.random(in: 0x30...0x39, using: &random)
        }
        result.insert(contentsOf: extra, at: position)
      }
    case 4: result.insert(UInt8.random(in: 0...255, using: &random), at: inHeader)
    case 5: result.remove(at: inHeader)
    case 6:
      // The header length changes a little, or to anything.
      let length =
        Bool.random(using: &random)
        ? UInt64(Swift.max(0, headerEnd - 8 + Int.random(in: -9...9, using: &random)))
        : UInt64.random(in: 0...UInt64.max, using: &random)
      withUnsafeBytes(of: length.littleEndian) { result.replaceSubrange(0..<8, with: $0) }
    case 7: result.removeLast(Int.random(in: 1...Swift.min(16, result.count), using: &random))
    case 8: result += (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8(0x20) }
    default:
      // Structural characters swap places with others in the header.
      let other = Int.random(
        in: 8..<Swift.max(9, Swift.min(headerEnd, result.count)), using: &random)
      result.swapAt(inHeader, other)
    }
  }
  return result
}

/// A plain reading of safetensors for the robustness tests, on Foundation's JSON parser: it says
/// how a decoded result disagrees with the bytes, if it does.
enum ReferenceSafetensors {
  static let codes: [String: DType] = [
    "F32": .float32, "F64": .float64, "I32": .int32, "I64": .int64, "U8": .uint8, "BOOL": .bool,
  ]

  static func mismatch(
    _ tensors: [String: Tensor], _ metadata: [String: String], _ bytes: [UInt8]
  ) -> String? {
    guard bytes.count >= 8 else { return "fewer than 8 bytes" }
    let length = Int(Data(bytes).littleEndian(UInt64.self, at: 0))
    guard length <= bytes.count - 8,
      let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + length)])),
      let header = object as? [String: Any]
    else { return "Foundation cannot parse the header" }
    let dataStart = 8 + length
    let names = Set(header.keys).subtracting(["__metadata__"])
    guard names == Set(tensors.keys) else { return "names \(names.sorted()) differ" }
    if let declared = header["__metadata__"] as? [String: String] {
      guard declared == metadata else { return "metadata \(declared) differs" }
    } else if !metadata.isEmpty {
      return "metadata that the header does not have"
    }
    for (name, tensor) in tensors {
      guard let entry = header[name] as? [String: Any],
        let code = entry["dtype"] as? String, codes[code] == tensor.dtype,
        let shape = (entry["shape"] as? [NSNumber])?.map(\.intValue),
        shape == tensor.shape.dimensions,
        let offsets = (entry["data_offsets"] as? [NSNumber])?.map(\.intValue), offsets.count == 2,
        offsets[0] <= offsets[1], dataStart + offsets[1] <= bytes.count
      else { return "the entry of \(name) does not match \(tensor.spec)" }
      let stored = Array(bytes[(dataStart + offsets[0])..<(dataStart + offsets[1])])
      let expected = tensor.dtype == .bool ? stored.map { $0 == 0 ? 0 : 1 } : stored
      guard expected == tensor.bytes else { return "the values of \(name) differ from its bytes" }
    }
    return nil
  }
}
