extension Dataset {
  /// A dataset of `transform` applied to each element, on the thread that iterates.
  ///
  /// ```swift
  /// let scaled = Dataset(tensorSlices: (images, labels))
  ///   .map { image, label in (image.cast(to: .float32) / 255.0, label) }
  /// ```
  /// TensorFlow: `tf.data.Dataset.map`.
  ///
  /// - Parameter transform: makes an output element from an input element.
  /// - Returns: the transformed dataset, with the same cardinality.
  public func map<Output>(
    _ transform: @escaping @Sendable (Element) -> Output
  ) -> Dataset<Output> {
    Dataset<Output>(cardinality: cardinality) {
      var upstream = self.makeIterator()
      return DatasetIterator { upstream.next().map(transform) }
    }
  }
}
