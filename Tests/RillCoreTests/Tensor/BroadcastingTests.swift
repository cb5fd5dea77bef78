import RillTestSupport
import Testing

@testable import RillCore

struct BroadcastingTests {
  @Test func shapesAlignAtTheirLastDimension() throws {
    #expect(try Shape.broadcast([4096, 4096], [4096], op: "add").get() == [4096, 4096])
    #expect(try Shape.broadcast([3, 1], [1, 4], op: "add").get() == [3, 4])
    #expect(try Shape.broadcast([2, 1, 3], [4, 1], op: "add").get() == [2, 4, 3])
    #expect(try Shape.broadcast([5], [], op: "add").get() == [5])
    #expect(try Shape.broadcast([0, 3], [1, 3], op: "add").get() == [0, 3])
  }

  @Test func incompatibleShapesNameTheOpAndBothShapes() {
    let error = Shape.broadcast([2, 3], [4], op: "add").failureMessage
    #expect(error == "add: shapes [2, 3] and [4] are not broadcast-compatible")
    #expect(
      BinaryFunction.multiply.outputSpec(
        TensorSpec(dtype: .float32, shape: [2, 3]), TensorSpec(dtype: .float32, shape: [3, 2])
      ).failureMessage == "mul: shapes [2, 3] and [3, 2] are not broadcast-compatible")
  }

  @Test func broadcastStridesRepeatThroughZero() {
    #expect(Shape([3, 1]).broadcastStrides(to: [2, 3, 4]) == [0, 1, 0])
    #expect(Shape([4]).broadcastStrides(to: [4096, 4]) == [0, 1])
  }

  @Test func arithmeticBroadcastsBothWays() {
    let column: Tensor = [[1], [2], [3]]
    let row: Tensor = [10, 20]
    #expect((column + row).scalars(as: Int.self) == [11, 21, 12, 22, 13, 23])
    #expect((row - column).shape == [3, 2])
    let matrix = Tensor.ones(shape: [2, 3])
    assertClose(matrix * [1, 2, 3], [[1, 2, 3], [1, 2, 3]])
  }

  @Test func otherOpsReportShapeErrorsWithoutTrapping() {
    let a = TensorSpec(dtype: .float32, shape: [2, 3])
    let b = TensorSpec(dtype: .float32, shape: [4, 5])
    #expect(
      matmulOutputSpec(a, b, transposeA: false, transposeB: false).failureMessage
        == "matmul: inner dimensions differ: [2, 3] × [4, 5]")
    #expect(
      concatOutputSpec([a, b], axis: 0).failureMessage
        == "concat: shapes [[2, 3], [4, 5]] differ outside axis 0")
    #expect(
      transposeOutputSpec(a, [0, 0]).failureMessage
        == "transpose: [0, 0] is not a permutation of the axes of shape [2, 3]")
    #expect(
      broadcastOutputSpec(a, to: [3, 3]).failureMessage
        == "broadcast_to: cannot broadcast shape [2, 3] to [3, 3]")
    #expect(
      Shape([2, 3]).normalizedAxis(2, op: "reduce_sum").failureMessage
        == "reduce_sum: axis 2 is out of range for shape [2, 3]")
    #expect(
      selectOutputSpec(a, a, a).failureMessage == "where: the condition has dtype float32, not bool"
    )
  }

  @Test func eagerOpsOnIncompatibleShapesTrapNamingTheOpAndShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = Tensor.ones(shape: [2, 3]) + Tensor.ones(shape: [4])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("add: shapes [2, 3] and [4] are not broadcast-compatible"))
  }
}
