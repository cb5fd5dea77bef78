import Testing

@testable import RillData

/// shard: each worker's part of a dataset.
@Suite struct ShardTests {
  @Test func testShardTakesEveryCountthElementFromItsIndex() {
    #expect(Dataset(0..<10).shard(count: 3, index: 0).elements == [0, 3, 6, 9])
    #expect(Dataset(0..<10).shard(count: 3, index: 1).elements == [1, 4, 7])
    #expect(Dataset(0..<10).shard(count: 3, index: 2).elements == [2, 5, 8])
    #expect(Dataset(0..<10).shard(count: 1, index: 0).elements == Array(0..<10))
    #expect(Dataset(0..<2).shard(count: 4, index: 3).elements.isEmpty)
  }

  @Test func testShardsArePartsThatMakeTheWhole() {
    let parts = (0..<4).map { Dataset(0..<23).shard(count: 4, index: $0).elements }
    #expect(parts.flatMap { $0 }.sorted() == Array(0..<23))
    #expect(parts.map(\.count) == [6, 6, 6, 5])
  }

  @Test func testShardCardinalityCountsItsElements() {
    #expect(Dataset(0..<10).shard(count: 3, index: 0).cardinality == .finite(4))
    #expect(Dataset(0..<10).shard(count: 3, index: 2).cardinality == .finite(3))
    #expect(Dataset(0..<2).shard(count: 4, index: 3).cardinality == .finite(0))
    #expect(Dataset(0..<3).repeat().shard(count: 2, index: 1).cardinality == .infinite)
    #expect(Dataset(0..<3).filter { $0 > 0 }.shard(count: 2, index: 0).cardinality == .unknown)
    #expect(Dataset(0..<3).repeat().shard(count: 2, index: 1).take(4).elements == [1, 0, 2, 1])
  }
}
