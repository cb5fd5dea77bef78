extension Dataset {
  /// A dataset of this dataset's elements followed by those of `other`.
  ///
  /// ```swift
  /// Dataset(0..<3).concatenate(Dataset(10..<12))   // 0, 1, 2, 10, 11
  /// ```
  /// TensorFlow: `tf.data.Dataset.concatenate`.
  ///
  /// - Parameter other: the dataset whose elements come second.
  /// - Returns: the elements of both, in order.
  public func concatenate(_ other: Dataset<Element>) -> Dataset<Element> {
    let result: Cardinality
    switch (cardinality, other.cardinality) {
    case (.finite(let a), .finite(let b)):
      let (sum, overflow) = a.addingReportingOverflow(b)
      result = overflow ? .unknown : .finite(sum)
    case (.infinite, _), (.finite, .infinite): result = .infinite
    default: result = .unknown
    }
    return Dataset(cardinality: result) {
      var first: DatasetIterator<Element>? = self.makeIterator()
      var second: DatasetIterator<Element>? = nil
      return DatasetIterator {
        if let element = first?.next() { return element }
        if first != nil {
          first = nil
          second = other.makeIterator()
        }
        return second?.next()
      }
    }
  }
}
