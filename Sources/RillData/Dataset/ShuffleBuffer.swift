import Foundation
import RillCore

/// The buffer of ``Dataset/shuffle(bufferSize:seed:reshuffleEachIteration:)`` for one
/// iteration.
///
/// It first fills itself with `capacity` elements; then each element handed out is drawn
/// uniformly from the buffer and its place is taken by the next upstream element. When the
/// upstream ends, the buffer drains in random order.
struct ShuffleBuffer<Element> {
  private var upstream: DatasetIterator<Element>
  private var generator: SplitMix64
  private let capacity: Int
  private var elements: [Element] = []
  private var filled = false

  /// Creates the buffer of one iteration, drawing positions from a generator seeded by `seed`.
  init(upstream: DatasetIterator<Element>, capacity: Int, seed: UInt64) {
    self.upstream = upstream
    self.capacity = capacity
    self.generator = SplitMix64(seed: seed)
  }

  /// The next element in shuffled order, or `nil` when the buffer and the upstream are empty.
  mutating func next() -> Element? {
    if !filled {
      filled = true
      elements.reserveCapacity(Swift.min(capacity, 1 << 16))
      while elements.count < capacity, let element = upstream.next() {
        elements.append(element)
      }
    }
    guard !elements.isEmpty else { return nil }
    let position = generator.bounded(elements.count)
    if let replacement = upstream.next() {
      defer { elements[position] = replacement }
      return elements[position]
    }
    elements.swapAt(position, elements.count - 1)
    return elements.removeLast()
  }
}

/// Counts the iterations of a shuffled dataset, so that each draws its own order.
final class IterationCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var count: UInt64 = 0

  /// The number of iterations started before this one.
  func next() -> UInt64 {
    lock.lock()
    defer { lock.unlock() }
    count += 1
    return count - 1
  }
}
