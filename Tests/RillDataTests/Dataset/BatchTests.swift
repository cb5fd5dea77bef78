import RillCore
import Testing

@testable import RillData

@Suite struct BatchTests {
  private let ten = Tensor(Array(0..<10) as [Int32])

  @Test func testBatchStacksRunsAndKeepsAShortLastBatch() {
    let batches = Dataset(tensorSlices: ten).batch(4)
    #expect(batches.cardinality == .finite(3))
    let elements = batches.elements
    #expect(elements.map(\.shape) == [[4], [4], [2]])
    #expect(elements.map { $0.scalars(as: Int32.self) } == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
  }

  @Test func testBatchDropRemainderDropsTheShortLastBatch() {
    let batches = Dataset(tensorSlices: ten).batch(4, dropRemainder: true)
    #expect(batches.cardinality == .finite(2))
    #expect(batches.elements.map { $0.scalars(as: Int32.self) } == [[0, 1, 2, 3], [4, 5, 6, 7]])
    let exact = Dataset(tensorSlices: ten).batch(5, dropRemainder: true)
    #expect(exact.cardinality == .finite(2))
    #expect(exact.elements.count == 2)
    let none = Dataset(tensorSlices: ten).batch(11, dropRemainder: true)
    #expect(none.cardinality == .finite(0))
    #expect(none.elements.isEmpty)
    let one = Dataset(tensorSlices: ten).batch(11)
    #expect(one.cardinality == .finite(1))
    #expect(one.elements.map(\.shape) == [[10]])
  }

  @Test func testBatchAddsALeadingAxisToElementsOfAnyRank() {
    let x = Tensor(shape: [5, 2, 3], scalars: (0..<30).map { Float($0) })
    let batches = Dataset(tensorSlices: x).batch(2).elements
    #expect(batches.map(\.shape) == [[2, 2, 3], [2, 2, 3], [1, 2, 3]])
    #expect(batches[2].scalars(as: Float.self) == (24..<30).map { Float($0) })
  }

  @Test func testBatchOfPairsStacksEachComponent() {
    let images = Tensor(shape: [5, 2], scalars: (0..<10).map { UInt8($0) })
    let labels = Tensor([1, 2, 3, 4, 5] as [Int64])
    let batches = Dataset(tensorSlices: (images, labels)).batch(2).elements
    #expect(batches.map(\.0.shape) == [[2, 2], [2, 2], [1, 2]])
    #expect(batches.map(\.1.shape) == [[2], [2], [1]])
    #expect(batches[1].0.scalars(as: UInt8.self) == [4, 5, 6, 7])
    #expect(batches[1].1.scalars(as: Int64.self) == [3, 4])
    #expect(batches[0].0.dtype == .uint8 && batches[0].1.dtype == .int64)
  }

  @Test func testBatchOfTriplesAndDictionaries() {
    let a = Tensor([1, 2, 3] as [Float])
    let triples = Dataset(tensorSlices: (a, a * 2.0, a * 3.0)).batch(2).elements
    #expect(triples.map { $0.2.scalars(as: Float.self) } == [[3, 6], [9]])
    let dictionaries = Dataset(tensorSlices: ["a": a, "b": a + 10.0]).batch(2).elements
    #expect(dictionaries.map { $0["b"]?.scalars(as: Float.self) ?? [] } == [[11, 12], [13]])
    #expect(dictionaries.map { $0["a"]?.shape ?? [] } == [[2], [1]])
  }

  @Test func testBatchCardinalityOfInfiniteAndUnknownDatasets() {
    let infinite = Dataset(tensorSlices: ten).repeat().batch(3)
    #expect(infinite.cardinality == .infinite)
    #expect(
      infinite.take(4).elements.map { $0.scalars(as: Int32.self) }
        == [[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 0, 1]])
    #expect(Dataset(tensorSlices: ten).filter { _ in true }.batch(3).cardinality == .unknown)
  }

  @Test func testUnbatchIsTheInverseOfBatch() {
    let x = Tensor(shape: [7, 2], scalars: (0..<14).map { Float($0) })
    let round = Dataset(tensorSlices: x).batch(3).unbatch()
    #expect(round.cardinality == .unknown)
    let rows = round.elements
    #expect(rows.map(\.shape) == Array(repeating: [2], count: 7))
    let expected: [[Float]] = (0..<7).map { row in [Float(2 * row), Float(2 * row + 1)] }
    #expect(rows.map { $0.scalars(as: Float.self) } == expected)
  }

  @Test func testUnbatchOfPairsAndOfBatchesOfDifferentSizes() {
    let sizes = [
      Tensor(shape: [2, 1], scalars: [1, 2] as [Int32]),
      Tensor(shape: [0, 1], scalars: [] as [Int32]),
      Tensor(shape: [3, 1], scalars: [3, 4, 5] as [Int32]),
    ]
    let rows = Dataset(sizes).unbatch().elements.map { $0.scalars(as: Int32.self) }
    #expect(rows == [[1], [2], [3], [4], [5]])
    let pairs = Dataset([(Tensor([1, 2] as [Float]), Tensor([true, false]))]).unbatch().elements
    #expect(pairs.map { $0.0.item(as: Float.self) } == [1, 2])
    #expect(pairs.map { $0.1.item(as: Bool.self) } == [true, false])
  }
}
