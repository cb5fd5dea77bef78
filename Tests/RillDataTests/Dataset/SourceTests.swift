import RillCore
import Testing

@testable import RillData

@Suite struct SourceTests {
  @Test func testTensorSlicesCutsTheLeadingAxis() {
    let x = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6] as [Float])
    let dataset = Dataset(tensorSlices: x)
    #expect(dataset.cardinality == .finite(3))
    let rows = dataset.elements
    #expect(rows.map(\.shape) == [[2], [2], [2]])
    #expect(rows.map { $0.scalars(as: Float.self) } == [[1, 2], [3, 4], [5, 6]])
    #expect(dataset.elements.map { $0.scalars(as: Float.self) } == [[1, 2], [3, 4], [5, 6]])
  }

  @Test func testTensorSlicesOfPairsKeepsComponentsAligned() {
    let images = Tensor(shape: [4, 2, 2], scalars: (0..<16).map { UInt8($0) })
    let labels = Tensor([7, 8, 9, 10] as [Int32])
    let dataset = Dataset(tensorSlices: (images, labels))
    #expect(dataset.cardinality == .finite(4))
    for (index, (image, label)) in dataset.enumerated() {
      #expect(image.shape == [2, 2])
      #expect(image.dtype == .uint8)
      #expect(image.scalars(as: Int.self) == Array((4 * index)..<(4 * index + 4)))
      #expect(label.item(as: Int.self) == 7 + index)
    }
  }

  @Test func testTensorSlicesAcceptsALabeledSplit() {
    let split: LabeledImages = (
      images: Tensor.zeros(shape: [5, 3]), labels: Tensor.ones(shape: [5])
    )
    let dataset = Dataset(tensorSlices: split)
    #expect(dataset.elements.count == 5)
    #expect(dataset.elements.allSatisfy { $0.0.shape == [3] && $0.1.shape == [] })
  }

  @Test func testTensorSlicesOfTriplesAndDictionaries() {
    let a = Tensor([1, 2] as [Float])
    let b = Tensor([3, 4] as [Int32])
    let c = Tensor([true, false])
    let triples = Dataset(tensorSlices: (a, b, c)).elements
    #expect(triples.map { $0.0.item(as: Float.self) } == [1, 2])
    #expect(triples.map { $0.1.item(as: Int32.self) } == [3, 4])
    #expect(triples.map { $0.2.item(as: Bool.self) } == [true, false])

    let features = Dataset(tensorSlices: ["x": a, "y": b])
    #expect(features.cardinality == .finite(2))
    let rows = features.elements
    #expect(rows.map { Set($0.keys) } == [["x", "y"], ["x", "y"]])
    #expect(rows.compactMap { $0["x"]?.item(as: Float.self) } == [1, 2])
    #expect(rows.compactMap { $0["y"]?.item(as: Int32.self) } == [3, 4])
  }

  @Test func testCollectionsAreReadAgainInEachIteration() {
    let dataset = Dataset(0..<5)
    #expect(dataset.cardinality == .finite(5))
    #expect(dataset.elements == [0, 1, 2, 3, 4])
    #expect(dataset.elements == [0, 1, 2, 3, 4])
    #expect(Dataset(["a", "b"]).elements == ["a", "b"])
  }

  @Test func testSequencesThatAreNotCollectionsHaveUnknownCardinality() {
    let dataset = Dataset(stride(from: 0, to: 10, by: 3))
    #expect(dataset.cardinality == .unknown)
    #expect(dataset.elements == [0, 3, 6, 9])
  }

  @Test func testGeneratorRestartsInEachIteration() {
    let squares = Dataset(generator: {
      var n = 0
      return AnyIterator { () -> Int? in
        defer { n += 1 }
        return n < 4 ? n * n : nil
      }
    })
    #expect(squares.cardinality == .unknown)
    #expect(squares.elements == [0, 1, 4, 9])
    #expect(squares.elements == [0, 1, 4, 9])
    let counted = Dataset(cardinality: .finite(1), generator: { [7].makeIterator() })
    #expect(counted.cardinality == .finite(1))
  }

  @Test func testIteratorReturnsNilAfterTheEnd() {
    var iterator = Dataset(0..<2).makeIterator()
    #expect(iterator.next() == 0)
    #expect(iterator.next() == 1)
    #expect(iterator.next() == nil)
    #expect(iterator.next() == nil)
  }

  @Test func testCardinalityDescriptions() {
    #expect(Cardinality.finite(3).description == "finite(3)")
    #expect(Cardinality.infinite.description == "infinite")
    #expect(Cardinality.unknown.description == "unknown")
    #expect(Dataset(0..<7).underestimatedCount == 7)
    #expect(Dataset(0..<7).repeat().underestimatedCount == 0)
  }
}
