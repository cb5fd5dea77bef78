import RillCore

extension Dataset {
  /// A dataset of the first `count` elements (or all of them, if there are fewer).
  ///
  /// ```swift
  /// Dataset(0..<10).take(3)   // 0, 1, 2
  /// ```
  /// The upstream is not read past the last element taken. TensorFlow:
  /// `tf.data.Dataset.take`.
  ///
  /// - Parameter count: how many elements to keep.
  /// - Returns: at most `count` elements.
  /// - Precondition: `count >= 0`.
  public func take(_ count: Int) -> Dataset<Element> {
    require(count >= 0, "take: count \(count) is negative")
    let result: Cardinality
    switch cardinality {
    case .finite(let total): result = .finite(Swift.min(total, count))
    case .infinite: result = .finite(count)
    case .unknown: result = .unknown
    }
    return Dataset(cardinality: result) {
      var upstream = self.makeIterator()
      var taken = 0
      return DatasetIterator {
        guard taken < count else { return nil }
        taken += 1
        return upstream.next()
      }
    }
  }
}
