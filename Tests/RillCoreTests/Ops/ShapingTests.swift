import RillTestSupport
import Testing

@testable import RillCore

struct ShapingTests {
  let x = Tensor.range(0, 6).reshaped(to: [2, 3])

  @Test func transposeAndExpandAndSqueeze() {
    #expect(x.transposed().scalars(as: Int.self) == [0, 3, 1, 4, 2, 5])
    #expect(x.expandingShape(alongAxis: 1).shape == [2, 1, 3])
    #expect(x.expandingShape(alongAxis: -1).shape == [2, 3, 1])
    #expect(x.expandingShape(alongAxis: 0).squeezingShape().shape == [2, 3])
    #expect(Tensor.zeros(shape: [1, 2, 1]).squeezingShape(alongAxes: -1).shape == [1, 2])
  }

  @Test func concatenateStackUnstackAndSplit() {
    let joined = concat([x, x * 10], alongAxis: 1)
    #expect(joined.shape == [2, 6])
    #expect(joined.scalars(as: Int.self) == [0, 1, 2, 0, 10, 20, 3, 4, 5, 30, 40, 50])
    let stacked = stack([x, x], alongAxis: -1)
    #expect(stacked.shape == [2, 3, 2])
    let rows = x.unstacked()
    #expect(rows.count == 2 && rows[1].scalars(as: Int.self) == [3, 4, 5])
    let parts = x.split(sizes: [1, 2], alongAxis: 1)
    #expect(parts[0].shape == [2, 1] && parts[1].scalars(as: Int.self) == [1, 2, 4, 5])
    #expect(x.split(count: 3, alongAxis: 1).map(\.shape) == [[2, 1], [2, 1], [2, 1]])
  }

  @Test func tilePadReverseAndBroadcast() {
    #expect(
      x.tiled(multiples: [2, 1]).scalars(as: Int.self) == [0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5])
    #expect(
      Tensor([1, 2] as [Int32]).tiled(multiples: [3]).scalars(as: Int.self) == [1, 2, 1, 2, 1, 2])
    let padded = x.padded(
      with: [Padding(before: 1, after: 0), Padding(before: 0, after: 2)], value: -1)
    #expect(padded.shape == [3, 5])
    #expect(padded.scalars(as: Int.self) == [-1, -1, -1, -1, -1, 0, 1, 2, -1, -1, 3, 4, 5, -1, -1])
    #expect(x.reversed(alongAxes: [0, 1]).scalars(as: Int.self) == [5, 4, 3, 2, 1, 0])
    #expect(
      Tensor([1, 2] as [Int32]).broadcasted(to: [2, 2]).scalars(as: Int.self) == [1, 2, 1, 2])
  }

  @Test func reductionsOverAxesWithAndWithoutKeptDimensions() {
    let m: Tensor = [[1, 2, 3], [4, 5, 6]]
    #expect(m.sum().item() == 21)
    #expect(m.sum(alongAxes: [0]).scalars(as: Int.self) == [5, 7, 9])
    #expect(m.sum(alongAxes: [1], keepDims: true).shape == [2, 1])
    #expect(m.mean(alongAxes: [-1]).scalars(as: Float.self) == [2, 5])
    #expect(m.max().item() == 6 && m.min(alongAxes: [0]).scalars(as: Int.self) == [1, 2, 3])
    #expect(m.product(alongAxes: [1]).scalars(as: Int.self) == [6, 120])
    #expect(m.argmax(alongAxis: 1).scalars(as: Int.self) == [2, 2])
    #expect(
      m.cumulativeSum(alongAxis: 1, exclusive: true).scalars(as: Int.self) == [0, 1, 3, 0, 4, 9])
    #expect(
      m.cumulativeSum(alongAxis: 1, reverse: true).scalars(as: Int.self) == [6, 5, 3, 15, 11, 6])
  }

  @Test func logSumExpIsStableForLargeAndInfiniteInputs() {
    let x: Tensor = [[1000, 1000], [-.infinity, -.infinity]]
    let result = x.logSumExp(alongAxes: [1]).scalars(as: Float.self)
    let expected: Float = 1000 + 0.6931472  // 1000 + ln 2
    #expect(abs(result[0] - expected) < 1e-3)
    #expect(result[1] == -.infinity)
  }

  @Test func matmulBroadcastsBatches() {
    let a = Tensor.ones(shape: [2, 3, 4])
    let b = Tensor.ones(shape: [4, 5])
    let product = matmul(a, b)
    #expect(product.shape == [2, 3, 5] && product.scalars(as: Float.self).allSatisfy { $0 == 4 })
    let c = Tensor.ones(shape: [3, 1, 2, 4])
    let d = Tensor.ones(shape: [2, 4, 1])
    #expect(matmul(c, d).shape == [3, 2, 2, 1])
    #expect(
      matmul(Tensor.eye(2, dtype: .int32), [[1, 2], [3, 4]]).scalars(as: Int.self) == [1, 2, 3, 4])
  }
}
