extension Dataset {
  /// A dataset that keeps its elements in memory after the first complete iteration and
  /// replays them in later ones.
  ///
  /// ```swift
  /// let decoded = files.map(decodeImage).cache()   // decoded once
  ///   .shuffle(bufferSize: 1000)                   // shuffled anew in each epoch
  ///   .repeat(count: 10)
  /// ```
  /// The first iteration runs the pipeline above `cache` and records what it yields; an
  /// iteration that stops early records nothing, so the cache never holds a partial epoch.
  /// Put `cache` before random transformations you want to vary between epochs. TensorFlow:
  /// `tf.data.Dataset.cache` without a file name.
  ///
  /// - Returns: the same elements, computed once.
  /// - Complexity: memory for every element of one iteration.
  public func cache() -> Dataset<Element> {
    let store = CacheStore<Element>()
    return Dataset(cardinality: cardinality) {
      if let elements = store.completed {
        var iterator = elements.makeIterator()
        return DatasetIterator { iterator.next() }
      }
      var upstream: DatasetIterator<Element>? = self.makeIterator()
      var recorded: [Element] = []
      return DatasetIterator {
        guard let element = upstream?.next() else {
          if upstream != nil {
            upstream = nil
            store.store(recorded)
            recorded = []
          }
          return nil
        }
        recorded.append(element)
        return element
      }
    }
  }
}
