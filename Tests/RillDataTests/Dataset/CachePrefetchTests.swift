import Foundation
import RillCore
import Testing

@testable import RillData

@Suite struct CachePrefetchTests {
  @Test func testCacheRunsTheUpstreamOnce() {
    let probe = Probe()
    let cached = probe.dataset(limit: 5).map { $0 * 2 }.cache()
    #expect(cached.cardinality == .finite(5))
    #expect(cached.elements == [0, 2, 4, 6, 8])
    #expect(cached.elements == [0, 2, 4, 6, 8])
    #expect(cached.elements == [0, 2, 4, 6, 8])
    #expect(probe.produced == 5)
    #expect(probe.iterators == 1)
  }

  @Test func testCacheIgnoresAnIterationThatStopsEarly() {
    let probe = Probe()
    let cached = probe.dataset(limit: 5).cache()
    #expect(cached.take(2).elements == [0, 1])
    #expect(cached.elements == [0, 1, 2, 3, 4])
    #expect(cached.elements == [0, 1, 2, 3, 4])
    #expect(probe.iterators == 2)
    #expect(probe.produced == 7)
  }

  @Test func testShuffleAfterCacheReshufflesTheCachedElements() {
    let probe = Probe()
    let dataset = probe.dataset(limit: 50).cache().shuffle(bufferSize: 50, seed: 11)
    let first = dataset.elements
    let second = dataset.elements
    #expect(first.sorted() == Array(0..<50))
    #expect(second.sorted() == Array(0..<50))
    #expect(first != second)
    #expect(probe.produced == 50)
  }

  @Test(arguments: [TunableValue.fixed(1), 4, .automatic])
  func testPrefetchKeepsOrderAndCardinality(bufferSize: TunableValue) {
    let dataset = Dataset(0..<100).prefetch(bufferSize)
    #expect(dataset.cardinality == .finite(100))
    #expect(dataset.elements == Array(0..<100))
    #expect(dataset.elements == Array(0..<100))
  }

  @Test func testPrefetchStopsItsThreadWhenTheLoopEndsEarly() {
    let probe = Probe()
    var seen: [Int] = []
    for value in probe.dataset().prefetch(4) {
      seen.append(value)
      if seen.count == 3 { break }
    }
    #expect(seen == [0, 1, 2])
    #expect(probe.liveIterators == 0)
    let produced = probe.produced
    #expect(produced <= 3 + 4 + 1)  // consumed, buffered, and one in the producer's hands
    Thread.sleep(forTimeInterval: 0.05)
    #expect(probe.produced == produced)
  }

  @Test func testDroppingNestedBackgroundStagesMidwayStopsAllOfThem() throws {
    let before = try #require(processThreadCount())
    for round in 0..<150 {
      let probe = Probe()
      let pipeline = probe.dataset()
        .map(parallelCalls: 3) { $0 + 1 }
        .prefetch(2)
        .map(parallelCalls: .automatic) { $0 * 2 }
        .batchedPairs()
        .prefetch(.automatic)
      var iterator = pipeline.makeIterator()
      for _ in 0..<(round % 4) { _ = iterator.next() }
      iterator = Dataset<(Int, Int)>(Array<(Int, Int)>()).makeIterator()  // drops the pipeline
      #expect(probe.liveIterators == 0, "round \(round)")
      _ = iterator
    }
    // 150 rounds leaking their 6 or more threads would add 900; allow for other tests' threads.
    let after = try #require(processThreadCount())
    #expect(after - before < 100, "threads before \(before), after \(after)")
  }

  @Test func testAnIteratorNeverStartedHoldsNoThreads() {
    let probe = Probe()
    do {
      let iterator = probe.dataset().map(parallelCalls: 2) { $0 }.prefetch(2).makeIterator()
      _ = iterator
    }
    #expect(probe.liveIterators == 0)
    #expect(probe.produced == 0)
  }

  /// Counts 0, 1, 2, … up to `limit`, signalling `produced` as each element is made.
  private func signalling(limit: Int, _ produced: DispatchSemaphore) -> Dataset<Int> {
    Dataset<Int>(cardinality: .finite(limit)) {
      var next = 0
      return DatasetIterator {
        guard next < limit else { return nil }
        defer { next += 1 }
        produced.signal()
        return next
      }
    }
  }

  @Test func testPrefetchOverlapsInputWorkWithTheConsumer() {
    // While the consumer still holds element k, it waits for element k + 1 to be made: only a
    // producer running beside it can make it. Waiting 30 s in vain counts as no overlap.
    let produced = DispatchSemaphore(value: 0)
    var consumed = 0
    for element in signalling(limit: 20, produced).prefetch(2) {
      #expect(produced.wait(timeout: .now()) == .success, "element \(element) made")
      if element + 1 < 20 {
        let overlapped = produced.wait(timeout: .now() + 30) == .success
        #expect(overlapped, "element \(element + 1) was not made while \(element) was held")
        if !overlapped { break }
        produced.signal()  // leave the signal of element k + 1 for its own turn
      }
      consumed += 1
    }
    #expect(consumed == 20)
    // Without prefetch, nothing makes element k + 1 before the consumer asks for it.
    let serial = DispatchSemaphore(value: 0)
    for element in signalling(limit: 3, serial) {
      #expect(serial.wait(timeout: .now()) == .success, "element \(element) made")
      #expect(serial.wait(timeout: .now()) == .timedOut)
    }
  }
}

extension Dataset where Element == Int {
  /// Pairs of consecutive elements, so that a pipeline has a stage between its threads.
  func batchedPairs() -> Dataset<(Int, Int)> {
    Dataset<(Int, Int)>(cardinality: .unknown) {
      var upstream = self.makeIterator()
      return DatasetIterator {
        guard let a = upstream.next(), let b = upstream.next() else { return nil }
        return (a, b)
      }
    }
  }
}
