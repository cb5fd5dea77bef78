/// The kernels of the CPU backend on host memory, seen through strided views.
///
/// ``CPUDevice`` is the fast implementation and ``ReferenceDevice`` the plain one that tests
/// compare it with; ``CPUDevice`` also conforms to the public ``Device`` protocol, whose
/// requirements take ``DeviceView``s and map them to these. Each requirement is one kernel
/// family, with the meaning documented on ``Device``. Outputs are dense views of freshly
/// allocated memory unless noted.
protocol HostKernels: AnyObject, Sendable {
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
