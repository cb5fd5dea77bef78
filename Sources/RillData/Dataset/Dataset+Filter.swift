extension Dataset {
  /// A dataset of the elements for which `isIncluded` returns `true`, in order.
  ///
  /// ```swift
  /// let evens = Dataset(0..<10).filter { $0 % 2 == 0 }   // 0, 2, 4, 6, 8
  /// ```
  /// The cardinality becomes unknown. TensorFlow: `tf.data.Dataset.filter`.
  ///
  /// - Parameter isIncluded: whether to keep an element.
  /// - Returns: the kept elements.
  public func filter(_ isIncluded: @escaping @Sendable (Element) -> Bool) -> Dataset<Element> {
    Dataset(cardinality: .unknown) {
      var upstream = self.makeIterator()
      return DatasetIterator {
        while let element = upstream.next() {
          if isIncluded(element) { return element }
        }
        return nil
      }
    }
  }
}
