import Foundation
import RillCore
import RillTestSupport
import Testing

@testable import RillData

@Suite struct NPYTests {
  @Test func testDecodesEveryRillDTypeWrittenByNumPy() throws {
    let float32 = try NPY.decode(NPYFixtures.float32)
    #expect(float32.dtype == .float32 && float32.shape == [2, 3])
    #expect(float32.scalars(as: Float.self) == [-1, -0.5, 0, 0.5, 1, 1.5])
    let float64 = try NPY.decode(NPYFixtures.float64)
    #expect(float64.dtype == .float64 && float64.shape == [3])
    #expect(float64.scalars(as: Double.self) == [1.5, -2.25, 1e300])
    let int32 = try NPY.decode(NPYFixtures.int32)
    #expect(int32.dtype == .int32 && int32.shape == [2, 2])
    #expect(int32.scalars(as: Int32.self) == [-1, .max, .min, 0])
    let int64 = try NPY.decode(NPYFixtures.int64)
    #expect(int64.dtype == .int64 && int64.shape == [2])
    #expect(int64.scalars(as: Int64.self) == [-9_000_000_000_000_000_000, 1])
    let uint8 = try NPY.decode(NPYFixtures.uint8)
    #expect(uint8.dtype == .uint8 && uint8.scalars(as: UInt8.self) == [0, 1, 254, 255])
    let bool = try NPY.decode(NPYFixtures.bool)
    #expect(bool.dtype == .bool && bool.scalars(as: Bool.self) == [true, false, true])
  }

  @Test func testDecodesScalarsEmptyArraysAndLaterVersions() throws {
    let scalar = try NPY.decode(NPYFixtures.scalar)
    #expect(scalar.shape == [] && scalar.scalars(as: Float.self) == [3.5])
    let empty = try NPY.decode(NPYFixtures.empty)
    #expect(empty.shape == [0, 3] && empty.dtype == .float32)
    for data in [NPYFixtures.version2, NPYFixtures.version3] {
      let tensor = try NPY.decode(data)
      #expect(tensor.shape == [2, 3])
      #expect(tensor.scalars(as: Float.self) == [-1, -0.5, 0, 0.5, 1, 1.5])
    }
  }

  @Test func testEncodeWritesTheBytesNumPyWrites() throws {
    let cases: [(Tensor, Data)] = [
      (
        Tensor(shape: [2, 3], scalars: [-1, -0.5, 0, 0.5, 1, 1.5] as [Float]), NPYFixtures.float32
      ),
      (Tensor([1.5, -2.25, 1e300] as [Double]), NPYFixtures.float64),
      (Tensor(shape: [2, 2], scalars: [-1, .max, .min, 0] as [Int32]), NPYFixtures.int32),
      (Tensor([-9_000_000_000_000_000_000, 1] as [Int64]), NPYFixtures.int64),
      (Tensor([0, 1, 254, 255] as [UInt8]), NPYFixtures.uint8),
      (Tensor([true, false, true]), NPYFixtures.bool),
      (Tensor(Float(3.5)), NPYFixtures.scalar),
      (Tensor(shape: [0, 3], scalars: [] as [Float]), NPYFixtures.empty),
    ]
    for (tensor, expected) in cases {
      #expect(NPY.encode(tensor) == expected, "\(tensor.spec)")
    }
  }

  @Test func testWriteAndReadAFile() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("weights.npy")
    let tensor = Tensor(shape: [2, 2, 2], scalars: (0..<8).map { Double($0) / 8 })
    try NPY.write(tensor, to: url)
    assertIdentical(try NPY.read(contentsOf: url), tensor)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["weights.npy"])
  }

  @Test func testRejectsUnsupportedDTypes() {
    #expect(throws: NPYError(.unsupportedDType(">f4"))) { try NPY.decode(NPYFixtures.bigEndian) }
    #expect(throws: NPYError(.unsupportedDType("<f2"))) { try NPY.decode(NPYFixtures.float16) }
  }

  @Test func testRejectsDamagedFilesWithTypedErrors() {
    let good = NPYFixtures.float32
    #expect(throws: NPYError(.notNPY)) { try NPY.decode(Data("not a numpy file".utf8)) }
    #expect(throws: NPYError(.tooShort(byteCount: 7))) { try NPY.decode(good.prefix(7)) }
    #expect(throws: NPYError(.tooShort(byteCount: 60))) { try NPY.decode(good.prefix(60)) }
    #expect(throws: NPYError(.lengthMismatch(expectedBytes: 24, actualBytes: 20))) {
      try NPY.decode(good.prefix(148))
    }
    #expect(throws: NPYError(.lengthMismatch(expectedBytes: 24, actualBytes: 25))) {
      try NPY.decode(good + Data([0]))
    }
    var version = good
    version[6] = 4
    #expect(throws: NPYError(.unsupportedVersion(major: 4, minor: 0))) { try NPY.decode(version) }
  }

  @Test(arguments: [
    "{'descr': '<f4', 'fortran_order': False}",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'extra': 1}",
    "{'descr': '<f4', 'fortran_order': 0, 'shape': (2, 3)}",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3)}",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 'a')}",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)",
    "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)}",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3)} trailing",
    "['descr', '<f4']",
  ])
  func testRejectsMalformedHeaders(header: String) {
    #expect(throws: NPYError.self) { try NPY.decode(npy(header: header, body: Data(count: 24))) }
  }

  @Test func testAcceptsHeaderVariantsNumPyCanWrite() throws {
    // Python 2 long integers, double quotes, no trailing comma, and Fortran order in one
    // dimension (the same layout as C order).
    let headers = [
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2L, 3L), }",
      "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2, 3)}",
      "{'shape': (6,), 'fortran_order': True, 'descr': '<f4'}",
    ]
    for header in headers {
      let tensor = try NPY.decode(npy(header: header, body: Data(count: 24)))
      #expect(tensor.scalarCount == 6)
    }
  }

  @Test func testRejectsShapesWhoseSizeOverflows() {
    let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }"
    #expect(throws: NPYError(.sizeOverflow(shape: [4_294_967_296, 4_294_967_296]))) {
      try NPY.decode(npy(header: header, body: Data()))
    }
    let huge = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"
    #expect(throws: NPYError(.lengthMismatch(expectedBytes: 8_000_000_000_000, actualBytes: 0))) {
      try NPY.decode(npy(header: huge, body: Data()))
    }
  }

  @Test func testReadErrorsNameTheFile() {
    let url = URL(fileURLWithPath: "/nonexistent/rill/weights.npy")
    do {
      _ = try NPY.read(contentsOf: url)
      Issue.record("reading a missing file succeeded")
    } catch let error as NPYError {
      #expect(error.path == url.path)
      #expect(error.description.contains("/nonexistent/rill/weights.npy"))
    } catch {
      Issue.record("untyped error \(error)")
    }
  }

  /// A version 1.0 file with the given header text (padded as NumPy pads it) and body.
  private func npy(header: String, body: Data) -> Data {
    var text = header
    while (10 + text.utf8.count + 1) % 64 != 0 { text += " " }
    text += "\n"
    let length = text.utf8.count
    return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)])
      + Data(text.utf8) + body
  }
}
