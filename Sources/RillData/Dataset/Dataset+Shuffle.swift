import RillCore

extension Dataset {
  /// A dataset of the same elements in random order, drawn through a buffer of `bufferSize`
  /// elements.
  ///
  /// ```swift
  /// let shuffled = Dataset(tensorSlices: (images, labels)).shuffle(bufferSize: 60_000, seed: 42)
  /// ```
  /// The first `bufferSize` elements fill a buffer; each element handed out is drawn uniformly
  /// from the buffer and replaced by the next one read. A buffer as large as the dataset gives a
  /// uniform permutation; a smaller one keeps each element within about `bufferSize` places of
  /// where it was, and costs less memory.
  ///
  /// The order depends only on the seed and on how many iterations came before: with
  /// `reshuffleEachIteration` (the default), iteration *k* of this dataset uses its own order,
  /// the same in every run; without it, every iteration has the order of the first. Without a
  /// seed, one is drawn from the global random sequence (see `RandomSeed`) when `shuffle` is
  /// called, so a program still shuffles the same way on every run. TensorFlow:
  /// `tf.data.Dataset.shuffle`.
  ///
  /// - Parameters:
  ///   - bufferSize: how many elements to draw from, at least 1.
  ///   - seed: the seed of the order, or `nil` for one from the global sequence.
  ///   - reshuffleEachIteration: whether each iteration has a different order.
  /// - Returns: the shuffled dataset, with the same cardinality.
  public func shuffle(
    bufferSize: Int, seed: UInt64? = nil, reshuffleEachIteration: Bool = true
  ) -> Dataset<Element> {
    require(bufferSize >= 1, "shuffle: bufferSize \(bufferSize) must be at least 1")
    let baseSeed = seed ?? RandomSeed.nextSeed()
    let iterations = IterationCounter()
    return Dataset(cardinality: cardinality) {
      let iteration = reshuffleEachIteration ? iterations.next() : 0
      let iterationSeed = SplitMix64.mix(
        SplitMix64.mix(baseSeed ^ 0x5348_5546_464C_4521) &+ iteration)
      var buffer = ShuffleBuffer(
        upstream: self.makeIterator(), capacity: bufferSize, seed: iterationSeed)
      return DatasetIterator { buffer.next() }
    }
  }
}
