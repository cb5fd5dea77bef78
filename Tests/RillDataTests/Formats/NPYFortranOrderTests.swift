import Foundation
import RillCore
import Testing

@testable import RillData

/// Arrays NumPy stores in Fortran (column-major) order load as the row-major tensors
/// `numpy.load` gives, from `.npy` files and from `.npz` entries.
@Suite struct NPYFortranOrderTests {
  private func npyFile(header: String, body: [UInt8]) -> Data {
    NPYFixtures.handBuilt(header: header, body: body)
  }

  @Test func testLoadsNumPysFortranOrderFixtureInRowMajorOrder() throws {
    // np.asfortranarray(np.arange(6, dtype='<f4').reshape(2, 3)) stores 0 3 1 4 2 5.
    let tensor = try NPY.decode(NPYFixtures.fortran)
    #expect(tensor.shape == [2, 3] && tensor.dtype == .float32)
    #expect(tensor.scalars(as: Float.self) == [0, 1, 2, 3, 4, 5])
  }

  @Test func testReordersAHandBuiltRank3File() throws {
    // Element (i, j, k) of shape (2, 3, 4) has the value 100i + 10j + k, and column-major
    // order stores it at offset i + 2j + 6k.
    var stored = [Int32](repeating: 0, count: 24)
    for i in 0..<2 {
      for j in 0..<3 {
        for k in 0..<4 { stored[i + 2 * j + 6 * k] = Int32(100 * i + 10 * j + k) }
      }
    }
    let body = stored.flatMap { value in
      withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
    let file = npyFile(
      header: "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3, 4), }", body: body)
    let tensor = try NPY.decode(file)
    #expect(tensor.shape == [2, 3, 4])
    var expected: [Int32] = []
    for i in 0..<2 {
      for j in 0..<3 {
        for k in 0..<4 { expected.append(Int32(100 * i + 10 * j + k)) }
      }
    }
    #expect(tensor.scalars(as: Int32.self) == expected)
  }

  /// The column-major bytes of an array of `shape` whose element at row-major position r is
  /// `value(r)`: the element with index (i₀, …, iₙ₋₁) goes to offset Σ iₖ·(d₀·…·dₖ₋₁).
  private func columnMajorBody<T: FixedWidthInteger>(
    shape: [Int], _ value: (Int) -> T
  ) -> [UInt8] {
    let count = shape.reduce(1, *)
    var stored = [T](repeating: 0, count: count)
    for position in 0..<count {
      var rest = position
      var offset = 0
      for axis in shape.indices.reversed() {
        offset += rest % shape[axis] * shape[..<axis].reduce(1, *)
        rest /= shape[axis]
      }
      stored[offset] = value(position)
    }
    return stored.flatMap { element in withUnsafeBytes(of: element.littleEndian) { Array($0) } }
  }

  /// The first position where the arrays differ, or `nil` when they are equal.
  private func firstDifference<T: Equatable>(_ found: [T], _ expected: [T]) -> Int? {
    guard found.count == expected.count else { return Swift.min(found.count, expected.count) }
    return found.indices.first { found[$0] != expected[$0] }
  }

  @Test func testReordersArraysSpanningSeveralTilesWithRaggedEdges() throws {
    for shape in [[70, 45], [37, 3, 70], [33, 2, 3, 65], [1, 100], [100, 1]] {
      let positions = 0..<shape.reduce(1, *)
      let dims = shape.map(String.init).joined(separator: ", ")
      func decoded<T: FixedWidthInteger & TensorScalar>(_ descr: String, _ value: (Int) -> T) throws
        -> [T]
      {
        let file = npyFile(
          header: "{'descr': '\(descr)', 'fortran_order': True, 'shape': (\(dims),), }",
          body: columnMajorBody(shape: shape, value))
        let tensor = try NPY.decode(file)
        #expect(tensor.shape == Shape(shape))
        return tensor.scalars(as: T.self)
      }
      let wide = try decoded("<i8") { Int64($0) }
      #expect(firstDifference(wide, positions.map { Int64($0) }) == nil, "int64 \(shape)")
      let single = try decoded("<i4") { Int32(-$0) }
      #expect(firstDifference(single, positions.map { Int32(-$0) }) == nil, "int32 \(shape)")
      let narrow = try decoded("|u1") { UInt8($0 % 251) }
      #expect(firstDifference(narrow, positions.map { UInt8($0 % 251) }) == nil, "uint8 \(shape)")
    }
  }

  @Test func testFortranOrderWithAZeroDimensionOrOneDimensionIsPlain() throws {
    let empty = npyFile(
      header: "{'descr': '<f8', 'fortran_order': True, 'shape': (3, 0, 2), }", body: [])
    #expect(try NPY.decode(empty).shape == [3, 0, 2])
    let vector = npyFile(
      header: "{'descr': '|u1', 'fortran_order': True, 'shape': (3,), }", body: [7, 8, 9])
    #expect(try NPY.decode(vector).scalars(as: UInt8.self) == [7, 8, 9])
    // Bools keep their normalization (any nonzero byte is true) when reordered.
    let bools = npyFile(
      header: "{'descr': '|b1', 'fortran_order': True, 'shape': (2, 2), }", body: [0, 5, 1, 0])
    #expect(try NPY.decode(bools).scalars(as: Bool.self) == [false, true, true, false])
  }

  @Test func testFortranOrderFileWithWrongLengthIsRejected() {
    let short = npyFile(
      header: "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3), }", body: [1, 2, 3])
    #expect(throws: NPYError(.lengthMismatch(expectedBytes: 24, actualBytes: 3))) {
      try NPY.decode(short)
    }
  }

  @Test func testLoadsFortranOrderFilesNumPyWrites() throws {
    let directory = try TestData.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let report = try InteropPython.report(["write-fortran", directory.path])
    let archive = try NPZ.read(contentsOf: directory.appendingPathComponent("fortran.npz"))
    #expect(Set(archive.keys) == Set(report.arrays.keys))
    for (name, expected) in report.arrays {
      let url = directory.appendingPathComponent(name + ".npy")
      let tensor = try NPY.read(contentsOf: url)
      #expect(InteropPython.PythonArray(tensor) == expected, "\(name).npy")
      let entry = try #require(archive[name], "\(name) in fortran.npz")
      #expect(InteropPython.PythonArray(entry) == expected, "\(name) in fortran.npz")
    }
    // The sample holds arrays of rank 2 and 3, which NumPy stored in Fortran order.
    let header = try Data(contentsOf: directory.appendingPathComponent("float64.npy")).prefix(128)
    #expect(String(decoding: header, as: UTF8.self).contains("'fortran_order': True"))
  }
}
