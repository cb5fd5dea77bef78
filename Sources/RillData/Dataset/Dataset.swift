/// A lazy, typed input pipeline: a recipe for a sequence of elements, read with `for … in`.
///
/// A dataset stores no elements (except ``cache()``): each `for … in` loop (each call to
/// ``makeIterator()``) runs the recipe from the start, as one epoch. Transformations return new
/// datasets and run only while the loop asks for elements, one element at a time, so a pipeline
/// over a file bigger than memory streams through it.
///
/// ```swift
/// let (train, _) = try MNIST.load()
/// let batches = Dataset(tensorSlices: train)                   // (image, label) pairs
///   .map { image, label in (image.cast(to: .float32).reshaped(to: [784]) / 255.0, label) }
///   .shuffle(bufferSize: 5000, seed: 0)
///   .batch(256)
///   .prefetch(.automatic)
/// for (images, labels) in batches {                            // [256, 784] and [256]
///   // train on one batch
/// }
/// ```
///
/// Elements come out in the same order for a given seed however many threads the pipeline uses:
/// parallel ``map(parallelCalls:_:)`` keeps the input order, and
/// ``shuffle(bufferSize:seed:reshuffleEachIteration:)`` draws from its own seeded generator. Background threads (``prefetch(_:)``, parallel `map`)
/// belong to the iterator: when a loop ends early and its iterator goes away, they stop, and
/// the iterator waits for them, so no work continues behind the program's back.
///
/// Closures given to transformations may run on background threads, so they must be
/// `@Sendable`; a closure that draws from the global random sequence (`RandomSeed`) from a
/// parallel `map` makes the order of draws, and so the numbers, depend on thread timing.
///
/// TensorFlow: `tf.data.Dataset`.
public struct Dataset<Element>: Sequence, Sendable {
  /// How many elements one iteration yields, when that is known without running the pipeline.
  ///
  /// ```swift
  /// Dataset(tensorSlices: Tensor.zeros(shape: [10, 3])).batch(4).cardinality   // .finite(3)
  /// Dataset(0..<5).repeat().cardinality                                       // .infinite
  /// Dataset(0..<5).filter { $0 > 2 }.cardinality                              // .unknown
  /// ```
  /// TensorFlow: `tf.data.Dataset.cardinality`.
  public let cardinality: Cardinality

  /// Makes the iterator of one epoch.
  let iteratorFactory: @Sendable () -> DatasetIterator<Element>

  /// Creates a dataset from a function that starts one epoch.
  init(
    cardinality: Cardinality,
    makeIterator iteratorFactory: @escaping @Sendable () -> DatasetIterator<Element>
  ) {
    self.cardinality = cardinality
    self.iteratorFactory = iteratorFactory
  }

  /// Starts a new iteration (one epoch) over the elements.
  ///
  /// Background threads of the pipeline start with the first call to `next()` and stop when the
  /// iterator ends or is dropped.
  public func makeIterator() -> DatasetIterator<Element> {
    iteratorFactory()
  }

  /// The number of elements when the cardinality is finite, and 0 otherwise.
  public var underestimatedCount: Int {
    if case .finite(let count) = cardinality { return count }
    return 0
  }
}
