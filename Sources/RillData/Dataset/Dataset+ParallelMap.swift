extension Dataset where Element: Sendable {
  /// A dataset of `transform` applied to each element on several background threads, in the
  /// input order.
  ///
  /// ```swift
  /// let decoded = files.map(parallelCalls: .automatic) { path in decodeImage(path) }
  /// ```
  /// Outputs come out in the order of their inputs whatever the number of threads, so a
  /// pipeline gives the same elements with 1 thread or 16. Up to twice as many elements as
  /// threads are in flight (read but not yet consumed). The threads start with the first
  /// element asked for and stop when the iteration ends or its iterator is dropped. Use it for
  /// transformations that take longer than a few microseconds; cheaper ones run faster with
  /// ``map(_:)``. TensorFlow: `tf.data.Dataset.map` with `num_parallel_calls`.
  ///
  /// - Parameters:
  ///   - parallelCalls: how many threads transform elements: a number, at least 1, or
  ///     `.automatic` for one per processor.
  ///   - transform: makes an output element from an input element; it runs on several threads
  ///     at once.
  /// - Returns: the transformed dataset, with the same cardinality.
  public func map<Output: Sendable>(
    parallelCalls: TunableValue, _ transform: @escaping @Sendable (Element) -> Output
  ) -> Dataset<Output> {
    let workers = parallelCalls.resolved(automatic: TunableValue.processorCount, op: "map")
    return Dataset<Output>(cardinality: cardinality) {
      let buffer = ParallelMapBuffer(
        upstream: self.makeIterator(), workers: workers, limit: 2 * workers, transform: transform)
      let work = BackgroundWork(name: "rill.data.map") { buffer.cancel() }
      return DatasetIterator {
        work.startIfNeeded(threads: workers) { _ in buffer.work() }
        return buffer.next()
      }
    }
  }
}
