import RillCore

extension Dataset where Element: Batchable, Element.Batch == Element {
  /// Creates a dataset whose elements are the slices of `value` along its leading axis.
  ///
  /// ```swift
  /// let matrix = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6] as [Float])
  /// let rows = Dataset(tensorSlices: matrix)
  /// // [1, 2], [3, 4], [5, 6]
  /// let features = Dataset(tensorSlices: ["x": xs, "y": ys])   // ["x": xs[i], "y": ys[i]]
  /// ```
  /// Slices are cut lazily, one per element. TensorFlow: `tf.data.Dataset.from_tensor_slices`.
  ///
  /// - Parameter value: a tensor (or another batchable value) with a leading axis.
  /// - Precondition: `value` has a leading axis, the same size in every part.
  public init(tensorSlices value: Element) {
    let count = Element.batchSize(of: value)
    self.init(cardinality: .finite(count)) {
      Dataset.slicing(count: count) { Element.element($0, of: value) }
    }
  }
}

extension Dataset {
  /// Creates a dataset of pairs: the slices of both values along their leading axes, side by
  /// side.
  ///
  /// ```swift
  /// let examples = Dataset(tensorSlices: (images, labels))   // (images[i], labels[i])
  /// ```
  /// TensorFlow: `tf.data.Dataset.from_tensor_slices((images, labels))`.
  ///
  /// - Parameter values: two values whose leading axes have the same size.
  /// - Precondition: the leading axes have the same size.
  public init<A: Batchable, B: Batchable>(tensorSlices values: (A, B))
  where Element == (A, B), A.Batch == A, B.Batch == B {
    let count = A.batchSize(of: values.0)
    require(
      B.batchSize(of: values.1) == count,
      "from_tensor_slices: leading axes of sizes \(count) and \(B.batchSize(of: values.1)) differ")
    self.init(cardinality: .finite(count)) {
      Dataset.slicing(count: count) { (A.element($0, of: values.0), B.element($0, of: values.1)) }
    }
  }

  /// Creates a dataset of triples: the slices of three values along their leading axes.
  ///
  /// ```swift
  /// let examples = Dataset(tensorSlices: (images, masks, labels))
  /// ```
  /// TensorFlow: `tf.data.Dataset.from_tensor_slices((a, b, c))`.
  ///
  /// - Parameter values: three values whose leading axes have the same size.
  /// - Precondition: the leading axes have the same size.
  public init<A: Batchable, B: Batchable, C: Batchable>(tensorSlices values: (A, B, C))
  where Element == (A, B, C), A.Batch == A, B.Batch == B, C.Batch == C {
    let count = A.batchSize(of: values.0)
    let sizes = [count, B.batchSize(of: values.1), C.batchSize(of: values.2)]
    require(
      Set(sizes).count == 1, "from_tensor_slices: leading axes of sizes \(sizes) differ")
    self.init(cardinality: .finite(count)) {
      Dataset.slicing(count: count) {
        (A.element($0, of: values.0), B.element($0, of: values.1), C.element($0, of: values.2))
      }
    }
  }

  /// An iterator over `slice(0)`, `slice(1)`, … `slice(count - 1)`.
  static func slicing(count: Int, _ slice: @escaping (Int) -> Element) -> DatasetIterator<Element> {
    var index = 0
    return DatasetIterator {
      guard index < count else { return nil }
      defer { index += 1 }
      return slice(index)
    }
  }
}
