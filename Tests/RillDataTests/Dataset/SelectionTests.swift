import Testing

@testable import RillData

/// take, skip, repeat, zip, enumerate and concatenate: the transformations that choose and
/// arrange elements without looking at them.
@Suite struct SelectionTests {
  @Test func testTakeKeepsTheFirstElements() {
    #expect(Dataset(0..<10).take(3).elements == [0, 1, 2])
    #expect(Dataset(0..<10).take(3).cardinality == .finite(3))
    #expect(Dataset(0..<10).take(100).elements == Array(0..<10))
    #expect(Dataset(0..<10).take(100).cardinality == .finite(10))
    #expect(Dataset(0..<10).take(0).elements.isEmpty)
    #expect(Dataset(0..<10).repeat().take(4).cardinality == .finite(4))
    #expect(Dataset(0..<10).filter { $0 > 0 }.take(4).cardinality == .unknown)
  }

  @Test func testTakeDoesNotReadPastTheLastElementTaken() {
    let probe = Probe()
    #expect(probe.dataset().take(5).elements == [0, 1, 2, 3, 4])
    #expect(probe.produced == 5)
  }

  @Test func testSkipDropsTheFirstElements() {
    #expect(Dataset(0..<10).skip(7).elements == [7, 8, 9])
    #expect(Dataset(0..<10).skip(7).cardinality == .finite(3))
    #expect(Dataset(0..<10).skip(100).elements.isEmpty)
    #expect(Dataset(0..<10).skip(100).cardinality == .finite(0))
    #expect(Dataset(0..<10).skip(0).elements == Array(0..<10))
    #expect(Dataset(0..<3).repeat().skip(2).take(3).elements == [2, 0, 1])
    #expect(Dataset(0..<3).repeat().skip(2).cardinality == .infinite)
  }

  @Test func testRepeatIteratesAgain() {
    #expect(Dataset(0..<3).repeat(count: 2).elements == [0, 1, 2, 0, 1, 2])
    #expect(Dataset(0..<3).repeat(count: 2).cardinality == .finite(6))
    #expect(Dataset(0..<3).repeat(count: 0).elements.isEmpty)
    #expect(Dataset(0..<3).repeat(count: 0).cardinality == .finite(0))
    #expect(Dataset(0..<3).repeat().cardinality == .infinite)
    #expect(Dataset(0..<3).repeat().take(7).elements == [0, 1, 2, 0, 1, 2, 0])
    #expect(Dataset(0..<3).filter { $0 != 1 }.repeat(count: 2).elements == [0, 2, 0, 2])
  }

  @Test func testRepeatingAnEmptyDatasetForeverEnds() {
    #expect(Dataset(0..<0).repeat().elements.isEmpty)
    #expect(Dataset(0..<0).repeat().cardinality == .finite(0))
    #expect(Dataset(0..<5).filter { $0 > 10 }.repeat().elements.isEmpty)
  }

  @Test func testRepeatStartsANewIterationOfTheUpstreamEachTime() {
    let probe = Probe()
    #expect(probe.dataset(limit: 2).repeat(count: 3).elements == [0, 1, 0, 1, 0, 1])
    #expect(probe.iterators == 3)
    #expect(probe.liveIterators == 0)
  }

  @Test func testZipPairsElementsUntilEitherEnds() {
    let zipped = Dataset(0..<5).zip(Dataset(["a", "b", "c"]))
    #expect(zipped.cardinality == .finite(3))
    let pairs = zipped.elements
    #expect(pairs.map(\.0) == [0, 1, 2])
    #expect(pairs.map(\.1) == ["a", "b", "c"])
    #expect(Dataset(0..<5).zip(Dataset(0..<2).repeat()).cardinality == .finite(5))
    #expect(Dataset(0..<2).repeat().zip(Dataset(0..<5)).cardinality == .finite(5))
    #expect(Dataset(0..<2).repeat().zip(Dataset(0..<3).repeat()).cardinality == .infinite)
    #expect(Dataset(0..<2).zip(Dataset(0..<3).filter { _ in true }).cardinality == .unknown)
    #expect(Dataset(0..<5).zip(Dataset(0..<2).repeat()).elements.map(\.1) == [0, 1, 0, 1, 0])
  }

  @Test func testEnumerateCountsFromStartInEachIteration() {
    let enumerated = Dataset(["a", "b", "c"]).enumerate()
    #expect(enumerated.cardinality == .finite(3))
    #expect(enumerated.elements.map(\.0) == [0, 1, 2])
    #expect(enumerated.elements.map(\.1) == ["a", "b", "c"])
    #expect(enumerated.elements.map(\.0) == [0, 1, 2])
    #expect(Dataset(["a", "b"]).enumerate(start: 5).elements.map(\.0) == [5, 6])
  }

  @Test func testConcatenateAppendsTheSecondDataset() {
    let joined = Dataset(0..<3).concatenate(Dataset(10..<12))
    #expect(joined.elements == [0, 1, 2, 10, 11])
    #expect(joined.elements == [0, 1, 2, 10, 11])
    #expect(joined.cardinality == .finite(5))
    #expect(Dataset(0..<3).concatenate(Dataset(0..<1).repeat()).cardinality == .infinite)
    #expect(Dataset(0..<3).repeat().concatenate(Dataset(0..<1)).cardinality == .infinite)
    #expect(Dataset(0..<3).filter { _ in true }.concatenate(Dataset(0..<1)).cardinality == .unknown)
    #expect(Dataset(0..<0).concatenate(Dataset(4..<6)).elements == [4, 5])
  }
}
