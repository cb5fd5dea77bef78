import Foundation
import RillCore
import Testing

@testable import RillData

@Suite struct MapFilterTests {
  @Test func testMapTransformsEachElementAndKeepsCardinality() {
    let dataset = Dataset(0..<5).map { $0 * 10 }
    #expect(dataset.cardinality == .finite(5))
    #expect(dataset.elements == [0, 10, 20, 30, 40])
  }

  @Test func testMapDestructuresPairs() {
    let images = Tensor(shape: [2, 2, 2], scalars: [0, 51, 102, 255, 0, 0, 0, 255] as [UInt8])
    let labels = Tensor([3, 4] as [UInt8])
    // `/ 255.0`: with `/ 255` the compiler cannot choose between RillCore's Tensor and Double
    // overloads when the element type is inferred through the generic initializer.
    let dataset = Dataset(tensorSlices: (images, labels))
      .map { image, label in (image.cast(to: .float32).reshaped(to: [4]) / 255.0, label) }
    let elements = dataset.elements
    #expect(elements.map { $0.0.shape } == [[4], [4]])
    #expect(elements[0].0.scalars(as: Float.self) == [0, 0.2, 0.4, 1])
    #expect(elements.map { $0.1.item(as: Int.self) } == [3, 4])
  }

  @Test(arguments: [TunableValue.fixed(1), 2, 3, 8, .automatic])
  func testParallelMapKeepsInputOrder(parallelCalls: TunableValue) {
    // Later elements finish first: element i sleeps (50 - i) % 7 ms.
    let dataset = Dataset(0..<50).map(parallelCalls: parallelCalls) { value -> Int in
      Thread.sleep(forTimeInterval: Double((50 - value) % 7) / 1000)
      return value * value
    }
    #expect(dataset.cardinality == .finite(50))
    #expect(dataset.elements == (0..<50).map { $0 * $0 })
    #expect(dataset.elements == (0..<50).map { $0 * $0 })
  }

  @Test func testParallelMapCallsTheTransformOncePerElement() {
    let probe = Probe()
    let calls = Counter()
    let dataset = probe.dataset(limit: 200).map(parallelCalls: 4) { value -> Int in
      calls.increment()
      return value + 1
    }
    #expect(dataset.elements == Array(1...200))
    #expect(calls.value == 200)
    #expect(probe.produced == 200)
    #expect(probe.liveIterators == 0)
  }

  @Test func testParallelMapOfAnInfiniteDatasetStopsWhenTheLoopEnds() {
    let probe = Probe()
    var seen: [Int] = []
    for value in probe.dataset().map(parallelCalls: 4, { $0 * 2 }) {
      seen.append(value)
      if seen.count == 10 { break }
    }
    #expect(seen == (0..<10).map { $0 * 2 })
    // The iterator is gone: its workers stopped and released the upstream.
    #expect(probe.liveIterators == 0)
    let produced = probe.produced
    #expect(produced <= 10 + 2 * 4 + 4)  // in flight: at most 2 × threads, plus one per thread
    Thread.sleep(forTimeInterval: 0.05)
    #expect(probe.produced == produced)
  }

  @Test func testFilterKeepsMatchingElementsInOrder() {
    let dataset = Dataset(0..<10).filter { $0 % 3 == 0 }
    #expect(dataset.cardinality == .unknown)
    #expect(dataset.elements == [0, 3, 6, 9])
    #expect(Dataset(0..<10).filter { _ in false }.elements.isEmpty)
  }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
  private let lock = NSLock()
  private var count = 0

  var value: Int { lock.withLock { count } }

  func increment() { lock.withLock { count += 1 } }
}
