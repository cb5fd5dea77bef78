/// The iterator of one pass (epoch) over a ``Dataset``.
///
/// It holds the state of every stage of the pipeline: shuffle buffers, partial batches and the
/// background threads of ``Dataset/prefetch(_:)`` and parallel ``Dataset/map(parallelCalls:_:)``.
/// Dropping it before the end stops those threads and waits for them to finish the element
/// they are working on.
///
/// ```swift
/// var iterator = Dataset(0..<3).makeIterator()
/// iterator.next()   // 0
/// iterator.next()   // 1
/// ```
public struct DatasetIterator<Element>: IteratorProtocol {
  private let nextElement: () -> Element?

  /// Creates an iterator that produces elements by calling `next` until it returns `nil`.
  init(next: @escaping () -> Element?) {
    self.nextElement = next
  }

  /// The next element, or `nil` at the end of the epoch.
  public mutating func next() -> Element? {
    nextElement()
  }
}
