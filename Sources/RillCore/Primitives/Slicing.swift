// Slicing and padding: strided_slice reads a strided window of its input; pad writes its input
// into the middle of a larger output filled with a constant.

/// The elements of one axis that a slice keeps, with Python's meaning: `start` and `end` may be
/// negative (counting from the end) or absent (the whole axis in the stride's direction), and
/// are clamped to the axis.
public struct SliceRange: Hashable, Sendable {
  /// The first index taken, or `nil` for the first in the stride's direction.
  public var start: Int?
  /// The index where taking stops (exclusive), or `nil` to run to the end.
  public var end: Int?
  /// The step between taken indices; negative steps walk backward.
  public var stride: Int

  /// Creates a range of indices from `start` up to (excluding) `end` in steps of `stride`.
  public init(start: Int? = nil, end: Int? = nil, stride: Int = 1) {
    self.start = start
    self.end = end
    self.stride = stride
  }

  /// The first index and the number of indices taken from an axis of `size` elements.
  func resolved(size: Int) -> (first: Int, count: Int) {
    func clamp(_ index: Int, _ low: Int, _ high: Int) -> Int {
      Swift.min(Swift.max(index < 0 ? index + size : index, low), high)
    }
    if stride > 0 {
      let first = clamp(start ?? 0, 0, size)
      let last = clamp(end ?? size, 0, size)
      return (first, Swift.max(0, (last - first + stride - 1) / stride))
    }
    let first = start.map { clamp($0, -1, size - 1) } ?? size - 1
    let last = end.map { clamp($0, -1, size - 1) } ?? -1
    return (first, Swift.max(0, (first - last + (-stride) - 1) / (-stride)))
  }
}

func stridedSliceOutputSpec(_ x: TensorSpec, _ ranges: [SliceRange]) -> Result<
  TensorSpec, ShapeError
> {
  guard ranges.count == x.shape.rank else {
    return .failure(
      ShapeError(op: "strided_slice", "\(ranges.count) ranges given for shape \(x.shape)"))
  }
  guard ranges.allSatisfy({ $0.stride != 0 }) else {
    return .failure(ShapeError(op: "strided_slice", "a stride is zero"))
  }
  let shape = zip(ranges, x.shape).map { range, size in
    size == Shape.unknown ? Shape.unknown : range.resolved(size: size).count
  }
  return .success(TensorSpec(dtype: x.dtype, shape: Shape(shape)))
}

/// The cotangent of a slice is the cotangent written into zeros shaped like the input.
func stridedSliceVJP(_ x: Tensor, _ ranges: [SliceRange], cotangent g: Tensor) -> Tensor {
  apply(.stridedSliceGradient(ranges), g, x)
}

func executeStridedSlice(_ x: Tensor, _ ranges: [SliceRange], output: TensorSpec) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  x.device.copy(window(of: x.deviceView, ranges), into: y.deviceView)
  return y
}

/// The elements of `view` that `ranges` select, as a strided view of the same memory.
private func window(of view: DeviceView, _ ranges: [SliceRange]) -> DeviceView {
  var window = view
  for (axis, range) in ranges.enumerated() {
    let (first, count) = range.resolved(size: view.shape[axis])
    if count > 0 { window = window.offset(byElements: first * window.strides[axis]) }
    window.shape[axis] = count
    window.strides[axis] *= range.stride
  }
  return window
}

/// The gradient of strided_slice: the cotangent in the selected window of zeros shaped like the
/// sliced tensor.
func stridedSliceGradientOutputSpec(_ g: TensorSpec, like x: TensorSpec, _ ranges: [SliceRange])
  -> Result<TensorSpec, ShapeError>
{
  stridedSliceOutputSpec(x, ranges).flatMap { window in
    guard window.shape == g.shape, g.dtype == x.dtype else {
      return .failure(
        ShapeError(op: "strided_slice_grad", "cotangent \(g) does not fit slice \(window) of \(x)"))
    }
    return .success(x)
  }
}

/// Writing into zeros is linear and its adjoint is the slice itself; the shape-giving input has
/// no gradient.
func stridedSliceGradientVJP(_ ranges: [SliceRange], cotangent g: Tensor) -> [Tensor?] {
  [apply(.stridedSlice(ranges), g), nil]
}

func executeStridedSliceGradient(_ g: Tensor, _ ranges: [SliceRange], output: TensorSpec) -> Tensor
{
  let y = Tensor.filled(0, shape: output.shape, dtype: output.dtype, on: g.device)
  g.device.copy(g.deviceView, into: window(of: y.deviceView, ranges))
  return y
}

/// How many elements pad adds before and after the existing ones along an axis.
public struct Padding: Hashable, Sendable {
  /// Elements added before index 0.
  public var before: Int
  /// Elements added after the last index.
  public var after: Int

  /// Creates a padding of `before` and `after` elements.
  public init(before: Int, after: Int) {
    self.before = before
    self.after = after
  }
}

func padOutputSpec(_ x: TensorSpec, _ paddings: [Padding]) -> Result<TensorSpec, ShapeError> {
  guard paddings.count == x.shape.rank, paddings.allSatisfy({ $0.before >= 0 && $0.after >= 0 })
  else {
    return .failure(
      ShapeError(
        op: "pad", "paddings \(paddings.map { [$0.before, $0.after] }) do not fit shape \(x.shape)")
    )
  }
  let shape = zip(x.shape, paddings).map {
    $0 == Shape.unknown ? Shape.unknown : $0 + $1.before + $1.after
  }
  return .success(TensorSpec(dtype: x.dtype, shape: Shape(shape)))
}

/// The cotangent of pad is the middle of the output's cotangent.
func padVJP(_ x: Tensor, _ paddings: [Padding], cotangent g: Tensor) -> Tensor {
  // The end counts from the back so that the slice needs no size known before a graph runs.
  let ranges = paddings.map { padding in
    SliceRange(start: padding.before, end: padding.after == 0 ? nil : -padding.after)
  }
  return apply(.stridedSlice(ranges), g)
}

func executePad(_ x: Tensor, _ paddings: [Padding], value: Double, output: TensorSpec) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  let fill = Tensor.scalar(value, dtype: output.dtype).copied(to: x.device)
  x.device.copy(fill.deviceView(broadcastTo: output.shape), into: y.deviceView)
  var interior = y.deviceView
  for (axis, padding) in paddings.enumerated() {
    interior = interior.offset(byElements: padding.before * interior.strides[axis])
    interior.shape[axis] = x.shape[axis]
  }
  x.device.copy(x.deviceView, into: interior)
  return y
}
