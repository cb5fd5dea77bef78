import Foundation
import RillCore
import RillTestSupport
import Testing

@testable import RillData

@Suite struct SafetensorsTests {
  /// One tensor of every dtype, with extreme and special values, plus empty and rank-0 ones.
  static let everyDType: [String: Tensor] = [
    "float32": Tensor(
      shape: [2, 3], scalars: [-1, .nan, .infinity, -0.0, .leastNonzeroMagnitude, 3.5] as [Float]),
    "float64": Tensor([1.5, -2.25, 1e300, -.infinity] as [Double]),
    "int32": Tensor(shape: [2, 2], scalars: [-1, .max, .min, 0] as [Int32]),
    "int64": Tensor([.min, .max, 1] as [Int64]),
    "uint8": Tensor(shape: [1, 4], scalars: [0, 1, 254, 255] as [UInt8]),
    "bool": Tensor([true, false, true]),
    "scalar": Tensor(Float(3.5)),
    "step": Tensor(Int64(1000)),
    "flag": Tensor(false),
    "empty": Tensor(shape: [0, 3], scalars: [] as [Float]),
    "empty.int64": Tensor(shape: [4, 0], scalars: [] as [Int64]),
    "vector.empty": Tensor(shape: [0], scalars: [] as [UInt8]),
  ]

  @Test func testEveryDTypeRoundTripsThroughTheBytes() throws {
    let metadata = ["format": "np", "note": "ünïcode \"quoted\"\n\u{1}"]
    let (tensors, readMetadata) = try Safetensors.decode(
      Safetensors.encode(Self.everyDType, metadata: metadata))
    #expect(readMetadata == metadata)
    #expect(Set(tensors.keys) == Set(Self.everyDType.keys))
    for (name, tensor) in Self.everyDType {
      assertIdentical(try #require(tensors[name]), tensor, name)
    }
  }

  @Test func testWritesTheLayoutOfTheSpecification() throws {
    // Hand-worked: "b" (uint8, 3 bytes) and "a" (float32, 2 elements) are laid out widest dtype
    // first, so a's 8 bytes come at offset 0 and b's at 8; the header is padded with spaces so
    // that 8 + its length is a multiple of 8.
    let data = try Safetensors.encode([
      "b": Tensor([1, 2, 3] as [UInt8]), "a": Tensor([1, -2] as [Float]),
    ])
    let json =
      #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"#
      + #""b":{"dtype":"U8","shape":[3],"data_offsets":[8,11]}}"#
    let padded = json + String(repeating: " ", count: (8 - json.utf8.count % 8) % 8)
    var expected = Data()
    expected.append(
      contentsOf: withUnsafeBytes(of: UInt64(padded.utf8.count).littleEndian, Array.init))
    expected.append(contentsOf: Array(padded.utf8))
    expected.append(contentsOf: [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0, 1, 2, 3])
    #expect(data == expected)
    #expect((8 + padded.utf8.count) % 8 == 0)
  }

  @Test func testWriteAndReadAFileLeaveNoTemporaryFiles() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("model.safetensors")
    try Safetensors.write(Self.everyDType, metadata: ["epoch": "3"], to: url)
    let (tensors, metadata) = try Safetensors.read(contentsOf: url)
    #expect(metadata == ["epoch": "3"])
    for (name, tensor) in Self.everyDType {
      assertIdentical(try #require(tensors[name]), tensor, name)
    }
    // Writing again replaces the file.
    try Safetensors.write(["w": Tensor([1] as [Float])], to: url)
    #expect(try Safetensors.read(contentsOf: url).tensors.keys.sorted() == ["w"])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path) == [url.lastPathComponent]
    )
  }

  @Test func testAFailedWriteLeavesThePreviousFileIntact() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("model.safetensors")
    try Safetensors.write(Self.everyDType, to: url)
    let good = try Data(contentsOf: url)

    // A name the format reserves fails before the file is touched.
    #expect(throws: SafetensorsError(.reservedName, path: url.path, tensor: "__metadata__")) {
      try Safetensors.write(["__metadata__": Tensor([1] as [Float])], to: url)
    }
    // A write that stops half-way (a crash, a full disk) leaves only the old file.
    let interrupted = DurableFileError(.write, path: url.path, code: 0, reason: "interrupted")
    #expect(throws: interrupted) {
      try DurableFile.write(to: url) { (output) throws(DurableFileError) in
        try output.write(Data(repeating: 0xAB, count: 1000))
        throw interrupted
      }
    }
    // Renaming over a directory fails after the temporary file is complete.
    let blocked = directory.appendingPathComponent("blocked.safetensors")
    try FileManager.default.createDirectory(
      at: blocked.appendingPathComponent("inside"), withIntermediateDirectories: true)
    #expect(throws: SafetensorsError.self) { try Safetensors.write(Self.everyDType, to: blocked) }
    #expect(try Data(contentsOf: url) == good)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        == ["blocked.safetensors", "model.safetensors"])
  }

  @Test func testWritingIntoAMissingDirectoryThrowsNamingTheFile() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("missing/model.safetensors")
    do {
      try Safetensors.write(Self.everyDType, to: url)
      Issue.record("writing into a missing directory succeeded")
    } catch let error as SafetensorsError {
      guard case .unwritable = error.reason else {
        Issue.record("unexpected reason \(error)")
        return
      }
      #expect(error.path == url.path)
      #expect(error.description.contains("No such file or directory"), "\(error)")
    }
    #expect(throws: SafetensorsError.self) { try Safetensors.read(contentsOf: url) }
  }

  @Test func testRejectsMalformedHeadersWithTypedErrors() throws {
    func header(_ json: String, data: [UInt8] = []) -> Data {
      var bytes = Data()
      bytes.append(
        contentsOf: withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian, Array.init))
      bytes.append(contentsOf: Array(json.utf8))
      bytes.append(contentsOf: data)
      return bytes
    }
    func entry(_ dtype: String, _ shape: String, _ offsets: String) -> String {
      #"{"dtype":"\#(dtype)","shape":\#(shape),"data_offsets":\#(offsets)}"#
    }
    let four = [UInt8](repeating: 7, count: 4)
    let cases: [(Data, SafetensorsError)] = [
      (Data([1, 0, 0]), SafetensorsError(.tooShort(byteCount: 3))),
      (
        Data([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
        SafetensorsError(.headerTooLarge(Int.max))
      ),
      (
        Data([100, 0, 0, 0, 0, 0, 0, 0, 0x7B]),
        SafetensorsError(.headerOutOfBounds(headerSize: 100, byteCount: 9))
      ),
      (
        header(#"{"w":\#(entry("F16", "[2]", "[0,4]"))}"#, data: four),
        SafetensorsError(.unsupportedDType("F16"), tensor: "w")
      ),
      (
        header(#"{"w":\#(entry("F32", "[-1]", "[0,4]"))}"#, data: four),
        SafetensorsError(.negativeDimension(shape: [-1]), tensor: "w")
      ),
      (
        header(#"{"w":\#(entry("F32", "[4611686018427387904,4]", "[0,4]"))}"#, data: four),
        SafetensorsError(.sizeOverflow(shape: [4_611_686_018_427_387_904, 4]), tensor: "w")
      ),
      (
        header(#"{"w":\#(entry("F32", "[0,4611686018427387904,4]", "[0,0]"))}"#, data: []),
        SafetensorsError(.sizeOverflow(shape: [0, 4_611_686_018_427_387_904, 4]), tensor: "w")
      ),
      (
        header(#"{"w":\#(entry("F32", "[2]", "[0,4]"))}"#, data: four),
        SafetensorsError(.sizeMismatch(shape: [2], expectedBytes: 8, actualBytes: 4), tensor: "w")
      ),
      (
        header(#"{"w":\#(entry("F32", "[1]", "[4,0]"))}"#, data: four),
        SafetensorsError(.offsetsOutOfRange(begin: 4, end: 0, dataSize: 4), tensor: "w")
      ),
      (
        header(#"{"w":\#(entry("F32", "[1]", "[4,8]"))}"#, data: four),
        SafetensorsError(.offsetsOutOfRange(begin: 4, end: 8, dataSize: 4), tensor: "w")
      ),
      (
        header(
          #"{"a":\#(entry("U8", "[4]", "[0,4]")),"b":\#(entry("U8", "[2]", "[2,4]"))}"#,
          data: four),
        SafetensorsError(.misplacedData(begin: 2, expectedBegin: 4), tensor: "b")
      ),
      (
        header(
          #"{"a":\#(entry("U8", "[2]", "[0,2]")),"b":\#(entry("U8", "[1]", "[3,4]"))}"#,
          data: four),
        SafetensorsError(.misplacedData(begin: 3, expectedBegin: 2), tensor: "b")
      ),
      (
        header(#"{"a":\#(entry("U8", "[2]", "[0,2]"))}"#, data: four),
        SafetensorsError(.unusedData(byteCount: 2))
      ),
      (
        header(
          #"{"w":\#(entry("U8", "[4]", "[0,4]")),"w":\#(entry("U8", "[4]", "[0,4]"))}"#,
          data: four),
        SafetensorsError(.badHeader(#"duplicate key "w" at byte 53"#))
      ),
      (header(#" {}"#), SafetensorsError(.badHeader("it does not start with '{'"))),
      (
        header(#"{"w":{"dtype":"U8","shape":[4]}}"#, data: four),
        SafetensorsError(
          .badHeader("the entry is not an object with exactly dtype, shape and data_offsets"),
          tensor: "w")
      ),
      (
        header(#"{"w":\#(entry("U8", "[4.0]", "[0,4]"))}"#, data: four),
        SafetensorsError(
          .badHeader("shape holds something other than a 64-bit integer"), tensor: "w")
      ),
      (
        header(#"{"w":\#(entry("U8", "[4]", "[0,99999999999999999999]"))}"#, data: four),
        SafetensorsError(
          .badHeader("data_offsets holds something other than a 64-bit integer"), tensor: "w")
      ),
      (
        header(#"{"__metadata__":{"n":1}}"#),
        SafetensorsError(.badHeader("__metadata__ holds a value that is not a string"))
      ),
      (
        header(#"{"w":1} x"#),
        SafetensorsError(.badHeader("unexpected 'x' after the value at byte 8"))
      ),
    ]
    for (data, expected) in cases {
      #expect(throws: expected, "\(expected)") { try Safetensors.decode(data) }
    }
  }

  @Test func testHeaderJSONIsParsedStrictly() {
    let entry = #"{"dtype":"U8","shape":[0],"data_offsets":[0,0]}"#
    let headers: [(String, [UInt8])] = [
      (
        "invalid UTF-8 in a name", Array(#"{""#.utf8) + [0xC3, 0x28] + Array(#"":1}"#.utf8)
      ),
      ("a lone surrogate", Array(#"{"\ud800":\#(entry)}"#.utf8)),
      ("a leading zero", Array(#"{"w":{"dtype":"U8","shape":[00],"data_offsets":[0,0]}}"#.utf8)),
      ("a raw control character", Array("{\"a\u{9}\":\(entry)}".utf8)),
      ("an unknown escape", Array(#"{"\q":\#(entry)}"#.utf8)),
      ("a trailing comma", Array(#"{"w":\#(entry),}"#.utf8)),
      ("deep nesting", Array(#"{"__metadata__":"#.utf8) + Array(repeating: 0x5B, count: 100_000)),
      ("an unterminated string", Array(#"{"w"#.utf8)),
      ("single quotes", Array("{'w':1}".utf8)),
    ]
    for (label, json) in headers {
      var data = Data()
      data.appendLittleEndian(UInt64(json.count))
      data.append(contentsOf: json)
      do {
        _ = try Safetensors.decode(data)
        Issue.record("\(label): accepted")
      } catch let error as SafetensorsError {
        guard case .badHeader = error.reason else {
          Issue.record("\(label): \(error)")
          continue
        }
      } catch {
        Issue.record("\(label): \(error)")
      }
    }
  }

  @Test func testAcceptsWhatTheFormatAllows() throws {
    // Whitespace in the JSON, escapes in names, a header without padding, and nothing at all.
    let json =
      "{ \"a\\u00e9\\ud83d\\ude00\" : {\"shape\": [ ], \"dtype\": \"I32\",\n"
      + "\"data_offsets\": [0, 4]} }"
    var data = Data()
    data.append(contentsOf: withUnsafeBytes(of: UInt64(json.utf8.count).littleEndian, Array.init))
    data.append(contentsOf: Array(json.utf8) + [0x2A, 0, 0, 0])
    let (tensors, metadata) = try Safetensors.decode(data)
    #expect(metadata.isEmpty)
    assertIdentical(try #require(tensors["aé😀"]), Tensor(Int32(42)))
    let empty = try Safetensors.decode(Data([2, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D]))
    #expect(empty.tensors.isEmpty && empty.metadata.isEmpty)
    let nullMetadata = #"{"__metadata__":null}"#
    var withNull = Data()
    withNull.appendLittleEndian(UInt64(nullMetadata.utf8.count))
    withNull.append(Data(nullMetadata.utf8))
    #expect(try Safetensors.decode(withNull).metadata.isEmpty)
    #expect(try Safetensors.encode([:]) == Data([8, 0, 0, 0, 0, 0, 0, 0]) + Data("{}      ".utf8))
  }

  @Test func testErrorsNameTheFileAndTheTensor() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("bad.safetensors")
    var data = try Safetensors.encode(["dense.kernel": Tensor([1, 2] as [Float])])
    let range = try #require(data.range(of: Data("F32".utf8)))
    data.replaceSubrange(range, with: Data("F16".utf8))
    try data.write(to: url)
    do {
      _ = try Safetensors.read(contentsOf: url)
      Issue.record("an unsupported dtype was accepted")
    } catch let error as SafetensorsError {
      #expect(
        error == SafetensorsError(.unsupportedDType("F16"), path: url.path, tensor: "dense.kernel"))
      #expect(
        error.description
          == "safetensors file \(url.path), tensor \"dense.kernel\": dtype \"F16\" is not "
          + "supported; Rill reads F32, F64, I32, I64, U8 and BOOL")
    }
  }
}
