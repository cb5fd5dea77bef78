extension Dataset {
  /// Creates a dataset of the elements of a collection, read again from the start in each
  /// iteration.
  ///
  /// ```swift
  /// let numbers = Dataset(0..<10)           // cardinality .finite(10)
  /// let words = Dataset(["a", "b", "c"])
  /// ```
  /// TensorFlow: `tf.data.Dataset.from_tensor_slices` on a Python list, or `range`.
  ///
  /// - Parameter elements: the elements.
  public init<C: Collection & Sendable>(_ elements: C) where C.Element == Element {
    self.init(cardinality: .finite(elements.count)) {
      var iterator = elements.makeIterator()
      return DatasetIterator { iterator.next() }
    }
  }

  /// Creates a dataset of the elements of a sequence; each iteration calls the sequence's
  /// `makeIterator()` again.
  ///
  /// A sequence that can be read only once yields its elements in the first iteration alone.
  /// The cardinality is unknown.
  ///
  /// - Parameter elements: the elements.
  public init<S: Sequence & Sendable>(_ elements: S) where S.Element == Element {
    self.init(cardinality: .unknown) {
      var iterator = elements.makeIterator()
      return DatasetIterator { iterator.next() }
    }
  }

  /// Creates a dataset that calls `makeGenerator` at the start of each iteration and reads the
  /// iterator it returns to the end.
  ///
  /// ```swift
  /// let squares = Dataset(generator: {
  ///   var n = 0
  ///   return AnyIterator { () -> Int? in
  ///     defer { n += 1 }
  ///     return n < 5 ? n * n : nil
  ///   }
  /// })                                     // 0, 1, 4, 9, 16 in every iteration
  /// ```
  /// The cardinality is unknown, or the one you state. TensorFlow:
  /// `tf.data.Dataset.from_generator`.
  ///
  /// - Parameters:
  ///   - cardinality: how many elements each iteration yields, if you know it.
  ///   - makeGenerator: makes the iterator of one epoch.
  public init<I: IteratorProtocol>(
    cardinality: Cardinality = .unknown, generator makeGenerator: @escaping @Sendable () -> I
  ) where I.Element == Element {
    self.init(cardinality: cardinality) {
      var iterator = makeGenerator()
      return DatasetIterator { iterator.next() }
    }
  }
}
