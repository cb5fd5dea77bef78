extension Tensor {
  /// The sum of the elements over `axes` (all axes when `nil`).
  ///
  /// Reduced axes are dropped unless `keepDims`. TensorFlow: `tf.reduce_sum`.
  public final func sum(alongAxes axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    reduced(.sum, axes, keepDims: keepDims)
  }

  /// The mean of the elements over `axes` (all when `nil`); integer tensors give float32.
  ///
  /// TensorFlow: `tf.reduce_mean`.
  public final func mean(alongAxes axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    realValued(self).reduced(.mean, axes, keepDims: keepDims)
  }

  /// The product of the elements over `axes` (all when `nil`).
  ///
  /// TensorFlow: `tf.reduce_prod`.
  public final func product(alongAxes axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    reduced(.product, axes, keepDims: keepDims)
  }

  /// The largest element over `axes` (all when `nil`); NaN wins.
  ///
  /// TensorFlow: `tf.reduce_max`.
  public final func max(alongAxes axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    reduced(.max, axes, keepDims: keepDims)
  }

  /// The smallest element over `axes` (all when `nil`); NaN wins.
  ///
  /// TensorFlow: `tf.reduce_min`.
  public final func min(alongAxes axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    reduced(.min, axes, keepDims: keepDims)
  }

  /// log Σ eˣ over `axes` (all when `nil`), computed without overflow as m + log Σ e^(x − m) with m
  /// the maximum (taken as 0 where it is infinite, so that all −∞ gives −∞ and +∞ gives +∞).
  ///
  /// TensorFlow: `tf.reduce_logsumexp`.
  public final func logSumExp(alongAxes axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
    let x = realValued(self)
    let largest = x.max(alongAxes: axes, keepDims: true)
    let shift = Tensor.where(abs(largest) .< Tensor.weak(.infinity), largest, 0)
    let result = log(exp(x - shift).sum(alongAxes: axes, keepDims: true)) + shift
    return keepDims ? result : result.droppingAxes(x.normalizedAxes(axes, op: "reduce_logsumexp"))
  }

  /// The index of the largest element along `axis`, as int64; the first wins ties and NaN wins over
  /// numbers.
  ///
  /// TensorFlow: `tf.argmax`.
  public final func argmax(alongAxis axis: Int) -> Tensor {
    argReduced(.argmax, axis)
  }

  /// The index of the smallest element along `axis`, as int64.
  ///
  /// TensorFlow: `tf.argmin`.
  public final func argmin(alongAxis axis: Int) -> Tensor {
    argReduced(.argmin, axis)
  }

  /// Running sums along `axis`: element i is x₀ + … + xᵢ, or x₀ + … + xᵢ₋₁ when `exclusive`;
  /// `reverse` sums from the end instead.
  ///
  /// TensorFlow: `tf.math.cumsum`.
  public final func cumulativeSum(
    alongAxis axis: Int, exclusive: Bool = false, reverse: Bool = false
  ) -> Tensor {
    let position = trapping(shape.normalizedAxis(axis, op: "cumsum"))
    return apply(.cumulativeSum(axis: position, exclusive: exclusive, reverse: reverse), self)
  }

  // MARK: Helpers

  /// Sorted positions of `axes`, or all axes for `nil`; traps on a bad axis.
  func normalizedAxes(_ axes: [Int]?, op: String) -> [Int] {
    guard let axes else { return Array(0..<rank) }
    return trapping(shape.normalizedAxes(axes, op: op))
  }

  /// The tensor reshaped without the (size-1) axes at `positions`.
  func droppingAxes(_ positions: [Int]) -> Tensor {
    guard !positions.isEmpty else { return self }
    let kept = shape.indices.filter { !positions.contains($0) }.map { shape[$0] }
    return apply(.reshape(Shape(kept)), self)
  }

  private func reduced(_ function: ReduceFunction, _ axes: [Int]?, keepDims: Bool) -> Tensor {
    let positions = normalizedAxes(axes, op: function.name)
    let result = apply(.reduce(function, axes: positions), self)
    return keepDims ? result : result.droppingAxes(positions)
  }

  private func argReduced(_ function: ArgReduceFunction, _ axis: Int) -> Tensor {
    let position = trapping(shape.normalizedAxis(axis, op: function.name))
    return apply(.argReduce(function, axis: position), self).droppingAxes([position])
  }
}

/// The success value, or a trap with the error's message: shape errors in eager code are logic
/// errors.
@inline(__always)
func trapping<T>(_ result: Result<T, ShapeError>) -> T {
  switch result {
  case .success(let value): return value
  case .failure(let error): fatalError(error.description)
  }
}
