import RillCore

extension Dataset where Element: Batchable, Element.Batch == Element {
  /// A dataset of batches: runs of `size` consecutive elements stacked along a new leading
  /// axis.
  ///
  /// ```swift
  /// Dataset(tensorSlices: Tensor.range(0, 10)).batch(4)
  /// // [0, 1, 2, 3], [4, 5, 6, 7], [8, 9]
  /// Dataset(tensorSlices: Tensor.range(0, 10)).batch(4, dropRemainder: true)
  /// // [0, 1, 2, 3], [4, 5, 6, 7]
  /// ```
  /// The last batch is smaller when the elements run out, unless `dropRemainder` drops it.
  /// TensorFlow: `tf.data.Dataset.batch`.
  ///
  /// - Parameters:
  ///   - size: the number of elements per batch, at least 1.
  ///   - dropRemainder: whether to drop a last batch of fewer than `size` elements.
  /// - Returns: the batches; the cardinality is divided by `size` (rounded down when dropping
  ///   the remainder, up otherwise).
  /// - Precondition: the elements of a batch have one structure (shapes, dtypes, keys).
  public func batch(_ size: Int, dropRemainder: Bool = false) -> Dataset<Element> {
    batched(size, dropRemainder: dropRemainder) { Element.stacking($0) }
  }
}

extension Dataset {
  /// A dataset of batches of pairs: each component is stacked on its own (see
  /// ``batch(_:dropRemainder:)``).
  ///
  /// ```swift
  /// for (images, labels) in Dataset(tensorSlices: (images, labels)).batch(32) { … }
  /// ```
  /// - Parameters:
  ///   - size: the number of elements per batch, at least 1.
  ///   - dropRemainder: whether to drop a last batch of fewer than `size` elements.
  /// - Returns: the batches, as pairs of stacked components.
  public func batch<A: Batchable, B: Batchable>(
    _ size: Int, dropRemainder: Bool = false
  ) -> Dataset<(A, B)> where Element == (A, B), A.Batch == A, B.Batch == B {
    batched(size, dropRemainder: dropRemainder) { elements in
      (A.stacking(elements.map(\.0)), B.stacking(elements.map(\.1)))
    }
  }

  /// A dataset of batches of triples: each component is stacked on its own.
  ///
  /// - Parameters:
  ///   - size: the number of elements per batch, at least 1.
  ///   - dropRemainder: whether to drop a last batch of fewer than `size` elements.
  /// - Returns: the batches, as triples of stacked components.
  public func batch<A: Batchable, B: Batchable, C: Batchable>(
    _ size: Int, dropRemainder: Bool = false
  ) -> Dataset<(A, B, C)> where Element == (A, B, C), A.Batch == A, B.Batch == B, C.Batch == C {
    batched(size, dropRemainder: dropRemainder) { elements in
      (
        A.stacking(elements.map(\.0)), B.stacking(elements.map(\.1)),
        C.stacking(elements.map(\.2))
      )
    }
  }

  /// Groups runs of `size` elements and joins each run with `stacking`.
  func batched(
    _ size: Int, dropRemainder: Bool, stacking: @escaping @Sendable ([Element]) -> Element
  ) -> Dataset<Element> {
    require(size >= 1, "batch: size \(size) must be at least 1")
    let result: Cardinality
    switch cardinality {
    case .finite(let count):
      result = .finite(dropRemainder ? count / size : (count + size - 1) / size)
    case .infinite: result = .infinite
    case .unknown: result = .unknown
    }
    return Dataset(cardinality: result) {
      var upstream = self.makeIterator()
      return DatasetIterator {
        var elements: [Element] = []
        elements.reserveCapacity(Swift.min(size, 4096))
        while elements.count < size, let element = upstream.next() {
          elements.append(element)
        }
        if elements.isEmpty || (dropRemainder && elements.count < size) { return nil }
        return stacking(elements)
      }
    }
  }
}
