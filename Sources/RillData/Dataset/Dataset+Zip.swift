extension Dataset {
  /// A dataset of pairs: the elements of this dataset and of `other`, side by side, until
  /// either runs out.
  ///
  /// ```swift
  /// let pairs = Dataset(tensorSlices: images).zip(Dataset(tensorSlices: labels))
  /// ```
  /// TensorFlow: `tf.data.Dataset.zip((a, b))`.
  ///
  /// - Parameter other: the dataset whose elements become the second components.
  /// - Returns: the pairs; as many as the shorter dataset has.
  public func zip<Other>(_ other: Dataset<Other>) -> Dataset<(Element, Other)> {
    let result: Cardinality
    switch (cardinality, other.cardinality) {
    case (.finite(let a), .finite(let b)): result = .finite(Swift.min(a, b))
    case (.finite(let a), .infinite), (.infinite, .finite(let a)): result = .finite(a)
    case (.infinite, .infinite): result = .infinite
    default: result = .unknown
    }
    return Dataset<(Element, Other)>(cardinality: result) {
      var first = self.makeIterator()
      var second = other.makeIterator()
      return DatasetIterator {
        guard let a = first.next(), let b = second.next() else { return nil }
        return (a, b)
      }
    }
  }
}
