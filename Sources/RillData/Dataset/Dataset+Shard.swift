import RillCore

extension Dataset {
  /// The part of the dataset one of `count` workers reads: the elements at positions `index`,
  /// `index + count`, `index + 2·count` … — so that the workers of a distributed run see
  /// disjoint parts that together make the whole.
  ///
  /// ```swift
  /// Dataset(0..<10).shard(count: 3, index: 1)   // 1, 4, 7
  /// ```
  /// Shard before shuffling and batching, so that each worker shuffles only its own part. For
  /// data-parallel training every worker must end with the same number of batches: with
  /// `count` not dividing the number of elements, follow with `take` (or batch with
  /// `dropRemainder`). TensorFlow: `tf.data.Dataset.shard`.
  ///
  /// - Parameters:
  ///   - count: the number of workers (shards).
  ///   - index: this worker's shard, from 0 to `count - 1`.
  /// - Returns: every `count`-th element, starting at position `index`.
  /// - Precondition: `count >= 1` and `0 <= index < count`.
  public func shard(count: Int, index: Int) -> Dataset<Element> {
    require(count >= 1, "shard: count \(count) must be at least 1")
    require(
      index >= 0 && index < count, "shard: index \(index) is not in 0..<\(count)")
    let result: Cardinality
    switch cardinality {
    case .finite(let total): result = .finite(Swift.max(0, (total - index + count - 1) / count))
    case .infinite: result = .infinite
    case .unknown: result = .unknown
    }
    return Dataset(cardinality: result) {
      var upstream = self.makeIterator()
      var position = 0
      return DatasetIterator {
        while let element = upstream.next() {
          defer { position += 1 }
          if position % count == index { return element }
        }
        return nil
      }
    }
  }
}
