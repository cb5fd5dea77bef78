import RillCore

extension Dataset {
  /// A dataset that iterates this one `count` times in a row, or forever when `count` is `nil`.
  ///
  /// ```swift
  /// Dataset(0..<3).repeat(count: 2)   // 0, 1, 2, 0, 1, 2
  /// Dataset(0..<3).repeat()           // 0, 1, 2, 0, 1, 2, 0, … forever
  /// ```
  /// Each repetition is a new iteration of this dataset, so a shuffle before `repeat` gives
  /// every repetition its own order (see
  /// ``shuffle(bufferSize:seed:reshuffleEachIteration:)``). A repetition that yields no element
  /// ends the repeating, so an empty dataset repeated forever is empty rather than a busy loop.
  /// TensorFlow: `tf.data.Dataset.repeat`.
  ///
  /// - Parameter count: how many times to iterate, or `nil` for forever.
  /// - Returns: the elements of `count` iterations, one after another.
  /// - Precondition: `count` is `nil` or at least 0.
  public func `repeat`(count: Int? = nil) -> Dataset<Element> {
    require(count.map { $0 >= 0 } ?? true, "repeat: count \(count ?? 0) is negative")
    return Dataset(cardinality: repeatedCardinality(count: count)) {
      var epoch = 0
      var upstream: DatasetIterator<Element>? = nil
      var yieldedThisEpoch = false
      var finished = false
      return DatasetIterator {
        while !finished {
          if upstream == nil {
            if let count, epoch >= count { break }
            epoch += 1
            yieldedThisEpoch = false
            upstream = self.makeIterator()
          }
          if let element = upstream?.next() {
            yieldedThisEpoch = true
            return element
          }
          upstream = nil
          if !yieldedThisEpoch { break }
        }
        finished = true
        return nil
      }
    }
  }

  private func repeatedCardinality(count: Int?) -> Cardinality {
    if count == 0 { return .finite(0) }
    switch (cardinality, count) {
    case (.finite(0), _): return .finite(0)
    case (.finite(let total), let count?):
      let (product, overflow) = total.multipliedReportingOverflow(by: count)
      return overflow ? .unknown : .finite(product)
    case (.finite, nil), (.infinite, _): return .infinite
    case (.unknown, _): return .unknown
    }
  }
}
