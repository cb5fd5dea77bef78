extension Dataset {
  /// A dataset of pairs of a running count and an element.
  ///
  /// ```swift
  /// for (step, batch) in dataset.batch(64).enumerate() { … }   // step 0, 1, 2, …
  /// ```
  /// The count restarts in each iteration. TensorFlow: `tf.data.Dataset.enumerate`.
  ///
  /// - Parameter start: the count of the first element.
  /// - Returns: `(start, e0)`, `(start + 1, e1)`, … with the same cardinality.
  public func enumerate(start: Int = 0) -> Dataset<(Int, Element)> {
    Dataset<(Int, Element)>(cardinality: cardinality) {
      var upstream = self.makeIterator()
      var count = start
      return DatasetIterator {
        guard let element = upstream.next() else { return nil }
        defer { count += 1 }
        return (count, element)
      }
    }
  }
}
