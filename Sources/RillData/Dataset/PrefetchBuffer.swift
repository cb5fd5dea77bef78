import Foundation

/// The elements one background thread has produced ahead of the consumer, for
/// ``Dataset/prefetch(_:)``.
///
/// The producer pulls from the upstream iterator without holding the lock and stops when the
/// buffer is full, the upstream ends, or the buffer is cancelled. An automatic buffer starts
/// with room for 2 elements and doubles, up to `maximumCapacity`, each time the consumer finds it
/// empty after the first element (the producer fell behind, so more slack helps).
final class PrefetchBuffer<Element>: @unchecked Sendable {
  private let condition = NSCondition()
  /// Used only by the producer thread once it starts, which releases it when it stops (so the
  /// upstream's own threads have stopped before the owner's wait returns).
  private var upstream: DatasetIterator<Element>?
  // The rest is guarded by `condition`.
  private var elements: [Element] = []
  private var capacity: Int
  private let maximumCapacity: Int
  private var finished = false
  private var cancelled = false
  private var delivered = 0

  /// Creates a buffer of `capacity` elements that may grow to `maximumCapacity`.
  init(upstream: DatasetIterator<Element>, capacity: Int, maximumCapacity: Int) {
    self.upstream = upstream
    self.capacity = capacity
    self.maximumCapacity = Swift.max(capacity, maximumCapacity)
  }

  /// The producer's loop: runs on the background thread until the upstream ends or the
  /// buffer is cancelled.
  func produce() {
    defer { upstream = nil }
    while true {
      condition.lock()
      while elements.count >= capacity && !cancelled { condition.wait() }
      let stop = cancelled
      condition.unlock()
      if stop { return }
      let element = upstream?.next()
      condition.lock()
      if let element, !cancelled { elements.append(element) }
      if element == nil { finished = true }
      condition.broadcast()
      condition.unlock()
      if element == nil { return }
    }
  }

  /// The next element in order, waiting for the producer if need be; `nil` at the end.
  func next() -> Element? {
    condition.lock()
    defer { condition.unlock() }
    var waited = false
    while elements.isEmpty && !finished {
      waited = true
      condition.wait()
    }
    guard !elements.isEmpty else { return nil }
    if waited && delivered > 0 && capacity < maximumCapacity {
      capacity = Swift.min(maximumCapacity, capacity * 2)
    }
    delivered += 1
    condition.broadcast()
    return elements.removeFirst()
  }

  /// Makes the producer stop after the element it is working on, and drops buffered elements.
  func cancel() {
    condition.lock()
    cancelled = true
    elements.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}
