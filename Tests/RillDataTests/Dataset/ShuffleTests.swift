import RillCore
import Testing

@testable import RillData

@Suite struct ShuffleTests {
  @Test func testShuffleIsAPermutation() {
    let shuffled = Dataset(0..<1000).shuffle(bufferSize: 100, seed: 1).elements
    #expect(shuffled.sorted() == Array(0..<1000))
    #expect(shuffled != Array(0..<1000))
    #expect(Dataset(0..<1000).shuffle(bufferSize: 100, seed: 1).cardinality == .finite(1000))
  }

  @Test func testSameSeedGivesSameOrderAndOtherSeedsDiffer() {
    let a = Dataset(0..<200).shuffle(bufferSize: 50, seed: 42).elements
    let b = Dataset(0..<200).shuffle(bufferSize: 50, seed: 42).elements
    let c = Dataset(0..<200).shuffle(bufferSize: 50, seed: 43).elements
    #expect(a == b)
    #expect(a != c)
  }

  @Test func testEachIterationReshufflesReproducibly() {
    let make = { Dataset(0..<100).shuffle(bufferSize: 100, seed: 7) }
    let first = make()
    let epochs = [first.elements, first.elements, first.elements]
    #expect(epochs[0] != epochs[1])
    #expect(epochs[1] != epochs[2])
    // A pipeline built the same way goes through the same sequence of orders.
    let second = make()
    #expect([second.elements, second.elements, second.elements] == epochs)
  }

  @Test func testWithoutReshufflingEveryIterationHasTheFirstOrder() {
    let dataset = Dataset(0..<100).shuffle(bufferSize: 30, seed: 7, reshuffleEachIteration: false)
    let first = dataset.elements
    #expect(dataset.elements == first)
    #expect(dataset.elements == first)
    #expect(first != Array(0..<100))
  }

  @Test func testRepeatAfterShuffleGivesEachRepetitionItsOwnOrder() {
    let elements = Dataset(0..<50).shuffle(bufferSize: 50, seed: 3).repeat(count: 2).elements
    #expect(Array(elements[..<50]).sorted() == Array(0..<50))
    #expect(Array(elements[50...]).sorted() == Array(0..<50))
    #expect(Array(elements[..<50]) != Array(elements[50...]))
  }

  @Test func testBufferOfOneKeepsTheOrder() {
    #expect(Dataset(0..<20).shuffle(bufferSize: 1, seed: 9).elements == Array(0..<20))
  }

  @Test func testElementsCannotLeaveBeforeTheyAreRead() {
    // With a buffer of b elements, output i was read among the first i + b inputs.
    for seed in 0..<20 as Range<UInt64> {
      let output = Dataset(0..<300).shuffle(bufferSize: 16, seed: seed).elements
      #expect(output.enumerated().allSatisfy { $0.element < $0.offset + 16 })
    }
  }

  @Test func testFullBufferShuffleIsUniformOverPermutations() {
    // 6000 seeds, 6 permutations of [0, 1, 2]: each expected 1000 times; a bound of ±150 is
    // about 5 standard deviations (σ ≈ 29).
    var counts: [[Int]: Int] = [:]
    for seed in 0..<6000 as Range<UInt64> {
      counts[Dataset(0..<3).shuffle(bufferSize: 3, seed: seed).elements, default: 0] += 1
    }
    #expect(counts.count == 6)
    #expect(counts.values.allSatisfy { abs($0 - 1000) < 150 }, "counts: \(counts)")
  }

  @Test func testOrderDoesNotDependOnTheNumberOfThreads() {
    let reference = Dataset(0..<300).map { $0 * 3 }.shuffle(bufferSize: 64, seed: 5).elements
    for threads in [1, 2, 4, 7] {
      let parallel = Dataset(0..<300).map(parallelCalls: .fixed(threads)) { $0 * 3 }
        .prefetch(3).shuffle(bufferSize: 64, seed: 5).prefetch(.automatic).elements
      #expect(parallel == reference, "with \(threads) threads")
    }
  }

  @Test func testUnseededShuffleFollowsTheGlobalSeed() {
    RandomSeed.global = 1234
    let a = Dataset(0..<100).shuffle(bufferSize: 100).elements
    RandomSeed.global = 1234
    let b = Dataset(0..<100).shuffle(bufferSize: 100).elements
    let c = Dataset(0..<100).shuffle(bufferSize: 100).elements
    #expect(a == b)
    #expect(a != c)
    #expect(a.sorted() == Array(0..<100))
  }
}
