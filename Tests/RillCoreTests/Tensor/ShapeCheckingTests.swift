import RillCore
import Testing

/// Shapes built from outside dimensions refuse sizes that cannot be addressed, with a typed
/// error, and tensors made for readers throw when their memory cannot be allocated.
@Suite struct ShapeCheckingTests {
  @Test func testAcceptsAddressableShapes() throws {
    #expect(try Shape(checking: [60000, 28, 28]) == [60000, 28, 28])
    #expect(try Shape(checking: []) == [])
    #expect(try Shape(checking: [0, 3]).scalarCount == 0)
    // 2³¹ × 2³¹ = 2⁶² fits in Int; with 2-byte elements 2⁶³ does not.
    #expect(try Shape(checking: [1 << 31, 1 << 31]).scalarCount == 1 << 62)
    #expect(throws: ShapeError.self) {
      try Shape(checking: [1 << 31, 1 << 31], elementByteCount: 2)
    }
  }

  @Test func testRefusesOverflowEvenBesideAZeroDimension() {
    // The IDX header of issue 13: the element count is 0, but the strides overflow.
    #expect(throws: ShapeError.self) {
      try Shape(checking: [0, 2_147_483_647, 1_073_741_824, 2_147_483_647])
    }
    #expect(throws: ShapeError.self) {
      try Shape(checking: [2_147_483_647, 1_073_741_824, 2_147_483_647, 0])
    }
    #expect(throws: ShapeError.self) { try Shape(checking: [Int.max, 2]) }
  }

  @Test func testRefusesNegativeDimensions() {
    let error = #expect(throws: ShapeError.self) { try Shape(checking: [2, -1]) }
    #expect(error?.op == "Shape(checking:)")
    #expect(error?.message.contains("[2, -1]") == true)
  }

  @Test func testFillingInitializerWritesTheElements() throws {
    let tensor = try Tensor(dtype: .int32, shape: [2, 2]) { buffer in
      for index in 0..<4 {
        buffer.storeBytes(of: Int32(index * 10), toByteOffset: 4 * index, as: Int32.self)
      }
    }
    #expect(tensor.scalars(as: Int32.self) == [0, 10, 20, 30])
    let empty = try Tensor(dtype: .float64, shape: [0, 5]) { #expect($0.count == 0) }
    #expect(empty.shape == [0, 5])
  }

  @Test func testFillingInitializerThrowsWhenMemoryCannotBeAllocated() {
    // 2⁶⁰ bytes of float32: more than a 48-bit address space holds, whatever overcommit grants.
    let shape: Shape = [1 << 58]
    #expect(
      throws: TensorAllocationError(dtype: .float32, shape: shape, byteCount: 1 << 60)
    ) {
      try Tensor(dtype: .float32, shape: shape) { _ in Issue.record("the body ran") }
    }
  }
}
