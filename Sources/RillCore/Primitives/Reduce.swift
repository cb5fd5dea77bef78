import RealModule

/// Reductions over a set of axes.
///
/// The output keeps the reduced axes with size 1; the public ops drop them with a free reshape
/// unless asked to keep them.
public enum ReduceFunction: Hashable, Sendable, CaseIterable {
  /// The reductions: the sum, product, largest, smallest or mean of the reduced elements.
  case sum, product, max, min, mean

  /// TensorFlow's name for the reduction.
  public var name: String {
    switch self {
    case .sum: return "reduce_sum"
    case .product: return "reduce_prod"
    case .max: return "reduce_max"
    case .min: return "reduce_min"
    case .mean: return "reduce_mean"
    }
  }

  // MARK: Shape and dtype

  /// `axes` are sorted, distinct and in range (the public ops normalize them).
  func outputSpec(_ x: TensorSpec, axes: [Int]) -> Result<TensorSpec, ShapeError> {
    guard x.dtype.isNumeric, self != .mean || x.dtype.isFloatingPoint else {
      return .failure(ShapeError(op: name, "dtype \(x.dtype) is not supported"))
    }
    guard axes.allSatisfy({ $0 >= 0 && $0 < x.shape.rank }) else {
      return .failure(ShapeError(op: name, "axes \(axes) are out of range for shape \(x.shape)"))
    }
    var shape = x.shape
    for axis in axes { shape[axis] = 1 }
    return .success(TensorSpec(dtype: x.dtype, shape: shape))
  }

  // MARK: Gradient

  /// The cotangent of x given the cotangent g of y, which keeps the reduced axes with size 1 and
  /// so broadcasts against x.
  func vjp(x: Tensor, y: Tensor, axes: [Int], cotangent g: Tensor) -> Tensor {
    switch self {
    case .sum:
      return g.broadcasted(like: x)
    case .mean:
      let sizes = axes.map { x.shape[$0] }
      guard !sizes.contains(Shape.unknown) else {
        // A graph dimension known only at run time: count the reduced elements then.
        let count = Tensor.ones(shapedLike: x).sum(alongAxes: axes, keepDims: true)
        return g.broadcasted(like: x) / count
      }
      return g.broadcasted(like: x) / Double(sizes.reduce(1, *))
    case .product:
      // ∂y/∂xᵢ is the product of the other elements: y / xᵢ when no element is zero; with one
      // zero, the product of the rest at the zero and 0 elsewhere; with more, 0 everywhere.
      let isZero = x .== 0
      let zeros = isZero.cast(to: x.dtype).sum(alongAxes: axes, keepDims: true)
      let othersProduct = Tensor.where(isZero, 1, x).product(alongAxes: axes, keepDims: true)
      let safeX = Tensor.where(isZero, 1, x)
      let partial = Tensor.where(
        zeros .== 0, y / safeX,
        Tensor.where(logicalAnd(zeros .== 1, isZero), othersProduct, 0))
      return g * partial
    case .max, .min:
      // The cotangent is shared equally by the elements that attain the extreme.
      let attains = (x .== y).cast(to: x.dtype)
      return g * attains / attains.sum(alongAxes: axes, keepDims: true)
    }
  }

  // MARK: Meaning

  /// The value of a reduction over no elements, and the start of every fold.
  func identity<T: BinaryFloatingPoint>(_ type: T.Type) -> T {
    switch self {
    case .sum, .mean: return 0
    case .product: return 1
    case .max: return -T.infinity
    case .min: return T.infinity
    }
  }

  /// The value of a reduction over no elements, for integers.
  func identity<T: FixedWidthInteger>(_ type: T.Type) -> T {
    switch self {
    case .sum, .mean: return 0
    case .product: return 1
    case .max: return T.min
    case .min: return T.max
    }
  }

  /// Folds one more value into a partial result; NaN sticks in max and min.
  func combine<T: BinaryFloatingPoint>(_ partial: T, _ value: T) -> T {
    switch self {
    case .sum, .mean: return partial + value
    case .product: return partial * value
    case .max: return value > partial || value.isNaN ? value : partial
    case .min: return value < partial || value.isNaN ? value : partial
    }
  }

  /// Folds one more integer into a partial result, wrapping around.
  func combine<T: FixedWidthInteger>(_ partial: T, _ value: T) -> T {
    switch self {
    case .sum, .mean: return partial &+ value
    case .product: return partial &* value
    case .max: return Swift.max(partial, value)
    case .min: return Swift.min(partial, value)
    }
  }

  // MARK: Kernel

  func execute(_ x: Tensor, axes: [Int], output: TensorSpec) -> Tensor {
    let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
    x.device.reduce(self, x.deviceView, axes: axes, into: y.deviceView)
    return y
  }
}

/// The index of the largest or smallest element along one axis, as int64.
public enum ArgReduceFunction: Hashable, Sendable, CaseIterable {
  /// The index of the first largest or first smallest element.
  case argmax, argmin

  /// TensorFlow's name for the reduction.
  public var name: String { self == .argmax ? "argmax" : "argmin" }

  /// `axis` is in range (the public ops normalize it).
  ///
  /// The output keeps the axis with size 1.
  func outputSpec(_ x: TensorSpec, axis: Int) -> Result<TensorSpec, ShapeError> {
    guard x.dtype.isNumeric else {
      return .failure(ShapeError(op: name, "dtype \(x.dtype) is not supported"))
    }
    guard axis >= 0 && axis < x.shape.rank, x.shape[axis] > 0 else {
      return .failure(
        ShapeError(op: name, "axis \(axis) is empty or out of range for shape \(x.shape)"))
    }
    var shape = x.shape
    shape[axis] = 1
    return .success(TensorSpec(dtype: .int64, shape: shape))
  }

  /// Whether `candidate` beats the best value so far; the first NaN wins and stays.
  func prefers<T: Comparable>(_ candidate: T, over best: T) -> Bool {
    if best != best { return false }
    if candidate != candidate { return true }
    return self == .argmax ? candidate > best : candidate < best
  }

  func execute(_ x: Tensor, axis: Int, output: TensorSpec) -> Tensor {
    let y = Tensor.uninitialized(dtype: .int64, shape: output.shape, on: x.device)
    x.device.argReduce(self, x.deviceView, axis: axis, into: y.deviceView)
    return y
  }
}
