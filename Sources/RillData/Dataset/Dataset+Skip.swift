import RillCore

extension Dataset {
  /// A dataset without its first `count` elements.
  ///
  /// ```swift
  /// Dataset(0..<10).skip(7)   // 7, 8, 9
  /// ```
  /// TensorFlow: `tf.data.Dataset.skip`.
  ///
  /// - Parameter count: how many elements to drop from the start.
  /// - Returns: the elements after the first `count`.
  /// - Precondition: `count >= 0`.
  public func skip(_ count: Int) -> Dataset<Element> {
    require(count >= 0, "skip: count \(count) is negative")
    let result: Cardinality
    switch cardinality {
    case .finite(let total): result = .finite(Swift.max(0, total - count))
    case .infinite: result = .infinite
    case .unknown: result = .unknown
    }
    return Dataset(cardinality: result) {
      var upstream = self.makeIterator()
      var skipped = 0
      return DatasetIterator {
        while skipped < count {
          skipped += 1
          guard upstream.next() != nil else { return nil }
        }
        return upstream.next()
      }
    }
  }
}
