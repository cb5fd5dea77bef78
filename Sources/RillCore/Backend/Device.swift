/// Memory described by a base address, a dtype, a shape and strides.
///
/// Kernels read operands through strided views, so broadcasting (stride 0), transposition and
/// slicing need no copies on the way in. Outputs are dense unless a kernel says otherwise.
struct StridedView {
  /// The address of the element at index (0, 0, …).
  var data: UnsafeMutableRawPointer
  /// The element type.
  var dtype: DType
  /// The dimensions.
  var shape: [Int]
  /// The distance between neighbours along each dimension, in elements; may be 0 or negative.
  var strides: [Int]
  /// The object that owns the memory, kept alive as long as the view.
  var owner: TensorStorage?

  /// Describes memory at `data` owned by `owner`.
  init(
    data: UnsafeMutableRawPointer, dtype: DType, shape: [Int], strides: [Int],
    owner: TensorStorage? = nil
  ) {
    self.data = data
    self.dtype = dtype
    self.shape = shape
    self.strides = strides
    self.owner = owner
  }

  /// The number of elements.
  var scalarCount: Int { shape.reduce(1, *) }

  /// Whether the elements lie row-major and without gaps.
  var isContiguous: Bool {
    var expected = 1
    for axis in shape.indices.reversed() where shape[axis] != 1 {
      if strides[axis] != expected { return false }
      expected *= shape[axis]
    }
    return true
  }

  /// A dense row-major view of tensor storage.
  static func dense(_ storage: TensorStorage, dtype: DType, shape: [Int]) -> StridedView {
    StridedView(
      data: storage.data, dtype: dtype, shape: shape, strides: Shape(shape).contiguousStrides,
      owner: storage)
  }

  /// The view with its dimensions reordered: dimension `i` of the result is dimension
  /// `permutation[i]` of this view.
  func permuted(_ permutation: [Int]) -> StridedView {
    StridedView(
      data: data, dtype: dtype, shape: permutation.map { shape[$0] },
      strides: permutation.map { strides[$0] }, owner: owner)
  }

  /// The address of the element `offset` elements (times the element size) past `data`.
  @inline(__always)
  func address(_ offset: Int) -> UnsafeMutableRawPointer {
    data + offset * dtype.byteCount
  }
}

/// The boundary between ops and the hardware that runs their kernels.
///
/// The front end computes shapes, dtypes and strides; a device owns the loops. Each requirement
/// is one kernel family. Outputs are dense views of freshly allocated memory unless noted.
/// ``CPUDevice`` is the fast implementation and ``ReferenceDevice`` the plain one that tests
/// compare it with.
protocol Device: AnyObject, Sendable {
  /// y = f(x), elementwise; x has y's shape.
  func unary(_ function: UnaryFunction, _ x: StridedView, into y: StridedView)
  /// y = f(a, b), elementwise; a and b have y's shape (broadcast through strides) and dtype.
  func binary(_ function: BinaryFunction, _ a: StridedView, _ b: StridedView, into y: StridedView)
  /// y = f(a, b) with a bool y; a and b have y's shape and a common dtype.
  func compare(
    _ function: ComparisonFunction, _ a: StridedView, _ b: StridedView, into y: StridedView)
  /// y = condition ? a : b, elementwise; all have y's shape.
  func select(_ condition: StridedView, _ a: StridedView, _ b: StridedView, into y: StridedView)
  /// y = x converted to y's dtype.
  func cast(_ x: StridedView, into y: StridedView)
  /// Copies x into y, where y may be any strided view of the same shape (a slice of a larger
  /// output, for example).
  func copy(_ x: StridedView, into y: StridedView)
  /// Reduces x over `axes` into y, whose shape is x's with those axes set to 1.
  func reduce(_ function: ReduceFunction, _ x: StridedView, axes: [Int], into y: StridedView)
  /// Writes the index of the largest or smallest element along `axis` into the int64 view y,
  /// whose shape is x's with that axis set to 1.
  func argReduce(_ function: ArgReduceFunction, _ x: StridedView, axis: Int, into y: StridedView)
  /// Running sums of x along `axis` into y (same shape).
  func cumulativeSum(
    _ x: StridedView, axis: Int, exclusive: Bool, reverse: Bool, into y: StridedView)
  /// Batched matrix product. a and b have rank 3 ([batch, rows, columns], batch broadcast
  /// through stride 0), y is [batch, m, n]; the flags transpose the last two dimensions.
  func matmul(
    _ a: StridedView, _ b: StridedView, transposeA: Bool, transposeB: Bool, into y: StridedView)
  /// Gathers along the middle axis of x, viewed as [outer, axisSize, inner]: y[o, i, j] =
  /// x[o, indices[i], j]. `indices` are validated and non-negative.
  func gather(_ x: StridedView, indices: [Int], into y: StridedView)
  /// The inverse of ``gather(_:indices:into:)`` for gradients: y (zeroed first) accumulates
  /// y[o, indices[i], j] += x[o, i, j].
  func scatterAdd(_ x: StridedView, indices: [Int], into y: StridedView)
  /// Fills y with samples of `distribution` from the counter-based stream `key`.
  func random(_ distribution: RandomDistribution, key: RandomKey, into y: StridedView)

  // Convolution and pooling. Images are NHWC ([batch, height, width, channels]) and filters
  // HWIO ([height, width, in channels, out channels]); inputs may be any strided views, and the
  // geometry describes a non-empty problem.

  /// conv2d: y[n, i, j, o] = Σ x[n, i·sh − top + p·dh, j·sw − left + q·dw, c] · filter[p, q, c, o]
  /// over the taps (p, q) and input channels c, with zeros outside x.
  func conv2D(
    _ x: StridedView, filter: StridedView, geometry: Convolution2DGeometry, into y: StridedView)
  /// The gradient of conv2d with respect to x: dx = Σ g · filter over every output that reads
  /// each input cell.
  func conv2DBackpropInput(
    _ g: StridedView, filter: StridedView, geometry: Convolution2DGeometry, into dx: StridedView)
  /// The gradient of conv2d with respect to the filter: dfilter[p, q, c, o] = Σ x · g over the
  /// batch and the output positions.
  func conv2DBackpropFilter(
    _ x: StridedView, _ g: StridedView, geometry: Convolution2DGeometry, into dfilter: StridedView)
  /// Max pooling: the largest input cell of each window.
  func maxPool2D(_ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView)
  /// The gradient of max pooling: dx (zeroed first) accumulates each g at its window's first
  /// largest cell of x, in row-major order.
  func maxPool2DGradient(
    _ g: StridedView, _ x: StridedView, geometry: Pooling2DGeometry, into dx: StridedView)
  /// The adjoint of ``maxPool2DGradient(_:_:geometry:into:)``: y reads h at each window's first
  /// largest cell of x.
  func maxPool2DGradientGradient(
    _ h: StridedView, _ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView)
  /// Average pooling: the mean of each window's cells inside the input.
  func avgPool2D(_ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView)
  /// The gradient of average pooling: dx (zeroed first) accumulates g / count over each window's
  /// cells inside the input.
  func avgPool2DGradient(_ g: StridedView, geometry: Pooling2DGeometry, into dx: StridedView)
}
