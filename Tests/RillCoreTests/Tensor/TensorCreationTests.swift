import RillTestSupport
import Testing

@testable import RillCore

struct TensorCreationTests {
  @Test func literalsPickTheirDTypeAndShape() {
    let scalar: Tensor = 3.5
    let integers: Tensor = [[1, 2, 3], [4, 5, 6]]
    let reals: Tensor = [[1, 2.5], [3, 4]]
    let mask: Tensor = [true, false, true]
    #expect(scalar.dtype == .float32 && scalar.shape == [])
    #expect(integers.dtype == .int32 && integers.shape == [2, 3])
    #expect(reals.dtype == .float32 && reals.scalars(as: Float.self) == [1, 2.5, 3, 4])
    #expect(mask.dtype == .bool && mask.scalars(as: Bool.self) == [true, false, true])
    let empty: Tensor = [[], []]
    #expect(empty.shape == [2, 0])
  }

  @Test func arraysAndScalarsBuildTensorsOfTheirType() {
    #expect(Tensor([1, 2, 3] as [Float]).dtype == .float32)
    #expect(Tensor([1, 2] as [Double]).dtype == .float64)
    #expect(Tensor([1, 2] as [Int]).dtype == .int64)
    #expect(Tensor(UInt8(7)).dtype == .uint8)
    let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4] as [Int32])
    #expect(x.shape == [2, 2] && x.scalars(as: Int.self) == [1, 2, 3, 4])
  }

  @Test func fillsHaveTheRequestedShapeDTypeAndValue() {
    let zeros = Tensor.zeros(shape: [2, 3], dtype: .int64)
    #expect(zeros.dtype == .int64 && zeros.scalars(as: Int.self) == Array(repeating: 0, count: 6))
    #expect(Tensor.ones(shape: [4]).scalars(as: Float.self) == [1, 1, 1, 1])
    #expect(
      Tensor(repeating: 2.5, shape: [3], dtype: .float64).scalars(as: Double.self) == [
        2.5, 2.5, 2.5,
      ])
    let like = Tensor.zeros(like: Tensor([1, 2] as [UInt8]))
    #expect(like.dtype == .uint8 && like.shape == [2])
    #expect(Tensor.ones(like: Tensor.zeros(shape: [2, 1])).scalars(as: Float.self) == [1, 1])
  }

  @Test func rangeMatchesTensorFlowCounts() {
    // tf.range(1., 5., 0.1) has 40 elements; its last is 1 + 39 · 0.1.
    let x = Tensor.range(1, 5, 0.1)
    #expect(x.dtype == .float32 && x.shape == [40])
    let values = x.scalars(as: Float.self)
    #expect(values.first == 1 && abs(values.last! - 4.9) < 1e-6)
    #expect(Tensor.range(0, 5).scalars(as: Int32.self) == [0, 1, 2, 3, 4])
    #expect(Tensor.range(0, 5).dtype == .int32)
    #expect(Tensor.range(10, 0, -3).scalars(as: Int.self) == [10, 7, 4, 1])
    #expect(
      Tensor.range(0, 1, 0.25, dtype: .float64).scalars(as: Double.self) == [0, 0.25, 0.5, 0.75])
    #expect(Tensor.range(3, 1, 1).shape == [0])
  }

  @Test func linspaceIncludesBothEnds() {
    #expect(
      Tensor.linspace(start: 0, stop: 1, count: 5).scalars(as: Float.self) == [
        0, 0.25, 0.5, 0.75, 1,
      ])
    #expect(Tensor.linspace(start: 3, stop: 9, count: 1).scalars(as: Float.self) == [3])
  }

  @Test func eyeHasOnesOnTheDiagonal() {
    #expect(Tensor.eye(3).scalars(as: Float.self) == [1, 0, 0, 0, 1, 0, 0, 0, 1])
    #expect(Tensor.eye(2, columns: 3, dtype: .int32).scalars(as: Int.self) == [1, 0, 0, 0, 1, 0])
  }

  @Test func oneHotPutsOnValuesAtIndicesAndIgnoresOutOfRange() {
    let hot = Tensor.oneHot([2, 0, 5, -1], depth: 3)
    #expect(hot.shape == [4, 3] && hot.dtype == .float32)
    #expect(hot.scalars(as: Float.self) == [0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0])
    let custom = Tensor.oneHot(
      Tensor([1] as [Int]), depth: 2, onValue: 5, offValue: -1, dtype: .int32)
    #expect(custom.scalars(as: Int.self) == [-1, 5])
  }

  @Test func readingBackConvertsToTheRequestedType() {
    let x: Tensor = [1.7, -2.2, 0]
    #expect(x.scalars(as: Int32.self) == [1, -2, 0])
    #expect(x.scalars(as: Bool.self) == [true, true, false])
    #expect(Tensor(4.5).item() == 4.5)
    #expect(Tensor([7] as [Int32]).item(as: UInt8.self) == 7)
  }

  @Test func reshapeSharesMemoryAndInfersOneDimension() {
    let x = Tensor.range(0, 12)
    let y = x.reshaped(to: [3, -1])
    #expect(y.shape == [3, 4])
    #expect(y.storage === x.storage)
    #expect(x.reshaped(to: [2, 2, 3]).flattened().scalars(as: Int.self) == Array(0..<12))
    #expect(
      reshapeOutputSpec(x.spec, to: [5, -1]).failureMessage
        == "reshape: cannot reshape a tensor of shape [12] to [5, -1]")
    #expect(
      reshapeOutputSpec(x.spec, to: [-1, -1]).failureMessage
        == "reshape: target shape [-1, -1] is invalid")
  }
}

extension Result where Failure == ShapeError {
  /// The error's description, or nil on success.
  var failureMessage: String? {
    if case .failure(let error) = self { return error.description }
    return nil
  }
}
