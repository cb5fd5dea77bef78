extension Tensor {
  /// The tensor summed over the dimensions along which a tensor shaped like `source` was broadcast
  /// to this tensor's shape, then given `source`'s shape: the gradient of broadcasting.
  ///
  /// Works on graph shapes with unknown dimensions: a size-1 dimension of the source is summed over
  /// even when this tensor's is unknown (summing over one element is free of effect).
  func unbroadcast(like source: Tensor) -> Tensor {
    if shape == source.shape && shape.isFullyDefined { return self }
    let target = source.shape
    let leading = rank - target.rank
    var axes = Array(0..<leading)
    for (position, size) in target.enumerated() where size == 1 && shape[leading + position] != 1 {
      axes.append(leading + position)
    }
    let summed = axes.isEmpty ? self : sum(alongAxes: axes)
    return summed.reshaped(like: source)
  }

  /// The tensor reshaped to the shape of `other`, resolved when the op runs.
  func reshaped(like other: Tensor) -> Tensor {
    if shape == other.shape && shape.isFullyDefined { return self }
    return shape.isFullyDefined && other.shape.isFullyDefined
      ? reshaped(to: other.shape) : apply(.reshapeLike, self, other)
  }

  /// The tensor broadcast to the shape of `other`, resolved when the op runs.
  func broadcasted(like other: Tensor) -> Tensor {
    if shape == other.shape && shape.isFullyDefined { return self }
    return other.shape.isFullyDefined
      ? broadcasted(to: other.shape) : apply(.broadcastLike, self, other)
  }

  /// Zeros shaped like `other` (a graph value too), of this tensor's dtype.
  static func zeros(shapedLike other: Tensor) -> Tensor {
    other.isSymbolic || !other.shape.isFullyDefined
      ? Tensor.scalar(0, dtype: other.dtype).broadcasted(like: other) : Tensor.zeros(like: other)
  }

  /// Ones shaped like `other` (a graph value too), of its dtype.
  static func ones(shapedLike other: Tensor) -> Tensor {
    other.isSymbolic || !other.shape.isFullyDefined
      ? Tensor.scalar(1, dtype: other.dtype).broadcasted(like: other) : Tensor.ones(like: other)
  }
}
