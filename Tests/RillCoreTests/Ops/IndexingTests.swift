import RillTestSupport
import Testing

@testable import RillCore

struct IndexingTests {
  let x = Tensor.range(0, 24).reshaped(to: [2, 3, 4])

  @Test func integersRemoveTheirAxis() {
    #expect(x[1].shape == [3, 4])
    #expect(x[1, 2].scalars(as: Int.self) == [20, 21, 22, 23])
    #expect(x[-1, -1, -1].shape == [] && x[-1, -1, -1].item(as: Int.self) == 23)
  }

  @Test func rangesKeepTheirAxis() {
    #expect(x[..<1].shape == [1, 3, 4])
    #expect(x[0..., 1].scalars(as: Int.self) == [4, 5, 6, 7, 16, 17, 18, 19])
    #expect(x[0, 1...2, 2..<4].scalars(as: Int.self) == [6, 7, 10, 11])
    #expect(x[0, ...1, 0].scalars(as: Int.self) == [0, 4])
  }

  @Test func stridesEllipsisAndNewAxis() {
    #expect(
      x[TensorRange.ellipsis, TensorRange.range(by: 2)].scalars(as: Int.self)
        == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22])
    #expect(x[0, 0, TensorRange.range(by: -1)].scalars(as: Int.self) == [3, 2, 1, 0])
    #expect(x[0, 0, stride(from: 1, to: 4, by: 2)].scalars(as: Int.self) == [1, 3])
    #expect(x[TensorRange.newAxis, 1].shape == [1, 3, 4])
    #expect(x[TensorRange.ellipsis, -1].shape == [2, 3])
    #expect(x[0, 0, TensorRange.range(from: 10)].shape == [0])
  }

  @Test func sliceTakesABlock() {
    #expect(x.slice(lowerBounds: [0, 1, 1], sizes: [2, 2, -1]).shape == [2, 2, 3])
    #expect(x.slice(lowerBounds: [1, 2, 0], sizes: [1, 1, 2]).scalars(as: Int.self) == [20, 21])
  }

  @Test func gatherPicksSlicesAlongAnAxis() {
    let embeddings = Tensor.range(0, 12).reshaped(to: [6, 2])
    let lookup = embeddings.gathering(atIndices: [[5, 0], [1, 1]])
    #expect(lookup.shape == [2, 2, 2])
    #expect(lookup.scalars(as: Int.self) == [10, 11, 0, 1, 2, 3, 2, 3])
    #expect(
      x.gathering(atIndices: Tensor([2, 0] as [Int]), alongAxis: 2).scalars(as: Int.self)
        == [2, 0, 6, 4, 10, 8, 14, 12, 18, 16, 22, 20])
  }
}
