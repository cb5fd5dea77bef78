extension Dataset where Element: Sendable {
  /// A dataset whose elements are produced by a background thread ahead of the loop that
  /// consumes them, so that input work overlaps the work done with each element.
  ///
  /// ```swift
  /// for (images, labels) in dataset.batch(256).prefetch(.automatic) {
  ///   // while this step trains, the next batches are being prepared
  /// }
  /// ```
  /// The thread starts with the first element asked for and stops when the iteration ends or
  /// its iterator is dropped. With `.automatic` the buffer holds 2 elements at first and grows
  /// to at most 16 while the consumer finds it empty. Order and cardinality are unchanged.
  /// TensorFlow: `tf.data.Dataset.prefetch`.
  ///
  /// - Parameter bufferSize: how many elements to prepare ahead: a number, at least 1, or
  ///   `.automatic`.
  /// - Returns: the same elements, produced in the background.
  public func prefetch(_ bufferSize: TunableValue) -> Dataset<Element> {
    let capacity = bufferSize.resolved(automatic: 2, op: "prefetch")
    let maximumCapacity = bufferSize == .automatic ? 16 : capacity
    return Dataset(cardinality: cardinality) {
      let buffer = PrefetchBuffer(
        upstream: self.makeIterator(), capacity: capacity, maximumCapacity: maximumCapacity)
      let work = BackgroundWork(name: "rill.data.prefetch") { buffer.cancel() }
      return DatasetIterator {
        work.startIfNeeded(threads: 1) { _ in buffer.produce() }
        return buffer.next()
      }
    }
  }
}
