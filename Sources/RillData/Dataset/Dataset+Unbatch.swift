import RillCore

extension Dataset where Element: Batchable, Element.Batch == Element {
  /// A dataset of the elements of each batch: the inverse of ``batch(_:dropRemainder:)``.
  ///
  /// ```swift
  /// Dataset(tensorSlices: Tensor.zeros(shape: [3, 4, 2])).unbatch()   // 12 tensors of shape [2]
  /// ```
  /// Each element is cut from its batch along the leading axis; batches may differ in size.
  /// The cardinality becomes unknown. TensorFlow: `tf.data.Dataset.unbatch`.
  ///
  /// - Returns: the elements of the batches, in order.
  /// - Precondition: each element has a leading axis.
  public func unbatch() -> Dataset<Element> {
    unbatched(
      count: { Element.batchSize(of: $0) }, element: { Element.element($0, of: $1) })
  }
}

extension Dataset {
  /// A dataset of the pairs in each batch of pairs (see ``unbatch()``).
  ///
  /// - Returns: the pairs of the batches, in order.
  /// - Precondition: both components of a batch have leading axes of one size.
  public func unbatch<A: Batchable, B: Batchable>() -> Dataset<(A, B)>
  where Element == (A, B), A.Batch == A, B.Batch == B {
    unbatched(
      count: { batch in
        let count = A.batchSize(of: batch.0)
        require(
          B.batchSize(of: batch.1) == count,
          "unbatch: components of sizes \(count) and \(B.batchSize(of: batch.1)) differ")
        return count
      },
      element: { index, batch in (A.element(index, of: batch.0), B.element(index, of: batch.1)) })
  }

  /// Cuts each batch into `count(batch)` elements with `element(index, batch)`.
  func unbatched(
    count: @escaping @Sendable (Element) -> Int,
    element: @escaping @Sendable (Int, Element) -> Element
  ) -> Dataset<Element> {
    Dataset(cardinality: cardinality == .finite(0) ? .finite(0) : .unknown) {
      var upstream = self.makeIterator()
      var batch: Element? = nil
      var size = 0
      var index = 0
      return DatasetIterator {
        while index >= size {
          guard let next = upstream.next() else { return nil }
          batch = next
          size = count(next)
          index = 0
        }
        guard let batch else { return nil }
        index += 1
        return element(index - 1, batch)
      }
    }
  }
}
