import Foundation
import RillCore
import RillTestSupport
import Testing

@testable import RillData

/// Files move between Rill and Python's `numpy` and `safetensors` both ways with identical
/// values: Python reads what Rill writes, and Rill reads what Python writes (checked against
/// NumPy's own bytes, which Python prints).
@Suite(.serialized) struct SafetensorsNPZInteropTests {
  /// Tensors of every dtype with special values, empty and rank-0 ones, and a unicode name.
  private static let tensors: [String: Tensor] = SafetensorsTests.everyDType.merging([
    "dense/kernel·é": Tensor(shape: [4, 3], scalars: (0..<12).map { Float($0) * 0.1 - 0.5 }),
    "large": Tensor(shape: [50, 40], scalars: (0..<2000).map { Double($0).squareRoot() }),
  ]) { first, _ in first }

  private func expectSame(
    _ report: InteropPython.Report, _ tensors: [String: Tensor], _ context: String
  ) {
    #expect(Set(report.arrays.keys) == Set(tensors.keys), "\(context): names")
    for (name, tensor) in tensors {
      #expect(report.arrays[name] == InteropPython.PythonArray(tensor), "\(context): \(name)")
    }
  }

  @Test func testPythonReadsRillsSafetensorsFiles() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("rill.safetensors")
    let metadata = ["format": "np", "note": "ünïcode \"quoted\"\n", "step": "1000"]
    try Safetensors.write(Self.tensors, metadata: metadata, to: url)
    let report = try InteropPython.report(["read-safetensors", url.path])
    expectSame(report, Self.tensors, "safetensors.numpy.load_file")
    #expect(report.metadata == metadata)
  }

  @Test func testRillReadsSafetensorsFilesAndWritesTheSameBytes() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("python.safetensors")
    let report = try InteropPython.report(["write-safetensors", url.path])
    let (tensors, metadata) = try Safetensors.read(contentsOf: url)
    #expect(metadata == report.metadata)
    #expect(Set(tensors.keys) == Set(report.arrays.keys))
    for (name, tensor) in tensors {
      #expect(InteropPython.PythonArray(tensor) == report.arrays[name], "\(name)")
    }
    // Rill lays files out as the reference implementation does, byte for byte.
    #expect(try Safetensors.encode(tensors, metadata: metadata) == Data(contentsOf: url))
  }

  @Test(arguments: [false, true])
  func testNumPyReadsRillsNPZFiles(compressed: Bool) throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("rill.npz")
    try NPZ.write(Self.tensors, to: url, compressed: compressed)
    expectSame(try InteropPython.report(["read-npz", url.path]), Self.tensors, "numpy.load")
    // ZIP64 fields everywhere, as Rill writes for archives over 4 GiB.
    let zip64 = directory.appendingPathComponent("zip64.npz")
    try NPZ.encode(Self.tensors, compressed: compressed, forceZip64: true).write(to: zip64)
    expectSame(try InteropPython.report(["read-npz", zip64.path]), Self.tensors, "ZIP64")
  }

  @Test(arguments: ["write-npz", "write-npz-compressed"])
  func testRillReadsNPZFilesNumPyWrote(command: String) throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("python.npz")
    let report = try InteropPython.report([command, url.path])
    let arrays = try NPZ.read(contentsOf: url)
    #expect(Set(arrays.keys) == Set(report.arrays.keys))
    for (name, tensor) in arrays {
      #expect(InteropPython.PythonArray(tensor) == report.arrays[name], "\(command) \(name)")
    }
  }

  @Test func testRillReadsAnArchiveWithAZip64EndRecord() throws {
    // 65,536 entries: more than the classic end record can count, so Python's zipfile writes
    // the ZIP64 end record and locator.
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("many.npz")
    let report = try InteropPython.report(["write-npz-many", url.path, "65536"])
    let data = try Data(contentsOf: url)
    #expect(data.littleEndian(UInt32.self, at: data.count - 42) == 0x0706_4B50)
    let arrays = try NPZ.decode(data)
    #expect(arrays.count == 65536)
    for (name, described) in report.arrays {
      #expect(arrays[name].map(InteropPython.PythonArray.init) == described, "\(name)")
    }
  }
}
