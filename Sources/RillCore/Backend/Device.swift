/// A processor that holds tensors in its own memory and runs the primitives' kernels on them.
///
/// The front end — ops, autodiff, graphs, compiled functions, layers — computes shapes, dtypes
/// and strides; a device owns the memory and the loops. The front end never reads a device's
/// memory itself: it allocates ``DeviceBuffer``s through the device, hands kernels
/// ``DeviceView``s of them (a buffer, a byte offset, a dtype, a shape and strides), and moves
/// elements between the host and the device only through the copy requirements. So a new
/// device (a GPU backend in its own module, say) is one type that conforms to this protocol.
///
/// ```swift
/// let gpu = try Devices.named("vulkan:0")
/// let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4] as [Float], on: gpu)
/// let y = matmul(x, x)               // runs on gpu; y lives there
/// print(y.to(CPUDevice.shared))       // copied back to host memory
/// ```
///
/// Every kernel writes its output view `y` (or `dx`, `dfilter`); inputs are read through their
/// strides, which may be 0 (broadcasting) or negative (reversal). Outputs are dense row-major
/// views of freshly allocated buffers unless a requirement says otherwise, and every view a
/// kernel receives lies on this device. Kernels must give the same numbers for any split of the
/// work (see "Determinism" in the design notes): reductions combine partial results in a fixed
/// order.
public protocol Device: AnyObject, Sendable {
  /// A short name that identifies the device among ``Devices/available``, such as `"cpu"` or
  /// `"vulkan:0"`.
  var id: String { get }
  /// The hardware's name, as its driver reports it (for listing devices to the user).
  var name: String { get }
  /// The memory the device has for tensors, in bytes.
  var memoryByteCount: Int { get }

  // MARK: Memory

  /// Allocates `byteCount` bytes of uninitialized device memory.
  ///
  /// - Parameter byteCount: the size, 0 or more.
  /// - Returns: a buffer whose ``DeviceBuffer/device`` is this device, or `nil` when the memory
  ///   is not available (the front end then traps, or throws for sizes that came from a file).
  func allocate(byteCount: Int) -> DeviceBuffer?
  /// Copies host bytes into a buffer of this device.
  ///
  /// - Parameters:
  ///   - source: the bytes to copy.
  ///   - destination: a buffer of this device.
  ///   - byteOffset: where in `destination` the first byte goes.
  func copy(
    fromHost source: UnsafeRawBufferPointer, into destination: DeviceBuffer, byteOffset: Int)
  /// Copies bytes of a buffer of this device to host memory, waiting for kernels that write them.
  ///
  /// - Parameters:
  ///   - source: a buffer of this device.
  ///   - byteOffset: where in `source` the first byte is.
  ///   - destination: the host memory to fill; its count is the number of bytes copied.
  func copy(
    _ source: DeviceBuffer, byteOffset: Int, toHost destination: UnsafeMutableRawBufferPointer)
  /// Copies the first `byteCount` bytes of a buffer that may live on another device into a
  /// buffer of this device.
  ///
  /// The default goes through host memory; a backend overrides it when it can copy directly.
  ///
  /// - Parameters:
  ///   - source: a buffer of any device.
  ///   - destination: a buffer of this device.
  ///   - byteCount: the number of bytes, at most either buffer's ``DeviceBuffer/byteCount``.
  func copy(_ source: DeviceBuffer, into destination: DeviceBuffer, byteCount: Int)
  /// Calls `body` with the bytes of a buffer of this device as host memory.
  ///
  /// The default copies them to host memory first; the CPU device passes its memory as it is.
  /// `body` must not keep the pointer.
  ///
  /// - Parameters:
  ///   - buffer: a buffer of this device.
  ///   - byteCount: how many bytes from the start of the buffer `body` reads.
  ///   - body: reads the bytes.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws.
  func withHostBytes<Result>(
    of buffer: DeviceBuffer, byteCount: Int, _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result
  /// Calls `body` to write the first `byteCount` bytes of a buffer of this device from the host.
  ///
  /// The default gives `body` host memory and copies it to the device afterwards; the CPU
  /// device passes its memory as it is. `body` must write every byte and not keep the pointer;
  /// if it throws, the buffer's contents are unspecified.
  ///
  /// - Parameters:
  ///   - buffer: a buffer of this device.
  ///   - byteCount: how many bytes from the start of the buffer `body` writes.
  ///   - body: writes the bytes.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws.
  func initializeBytes<Result>(
    of buffer: DeviceBuffer, byteCount: Int,
    _ body: (UnsafeMutableRawBufferPointer) throws -> Result
  ) rethrows -> Result

  // MARK: Elementwise

  /// y = f(x), elementwise; x has y's shape.
  func unary(_ function: UnaryFunction, _ x: DeviceView, into y: DeviceView)
  /// y = f(a, b), elementwise; a and b have y's shape (broadcast through strides) and dtype.
  func binary(_ function: BinaryFunction, _ a: DeviceView, _ b: DeviceView, into y: DeviceView)
  /// y = f(a, b) with a bool y; a and b have y's shape and a common dtype.
  func compare(
    _ function: ComparisonFunction, _ a: DeviceView, _ b: DeviceView, into y: DeviceView)
  /// y = condition ? a : b, elementwise; all have y's shape, the condition is bool.
  func select(_ condition: DeviceView, _ a: DeviceView, _ b: DeviceView, into y: DeviceView)
  /// y = x converted to y's dtype, as ``Tensor/cast(to:)`` documents.
  func cast(_ x: DeviceView, into y: DeviceView)
  /// Copies x into y, where y may be any strided view of the same shape and dtype (a slice of
  /// a larger output, for example).
  func copy(_ x: DeviceView, into y: DeviceView)
  /// Runs a chain of elementwise operations in one pass: the inputs have y's shape (broadcast
  /// through strides) and y's floating-point dtype, and y is dense.
  func fusedElementwise(_ program: FusedElementwise, _ inputs: [DeviceView], into y: DeviceView)

  // MARK: Reductions and scans

  /// Reduces x over `axes` into y, whose shape is x's with those axes set to 1.
  func reduce(_ function: ReduceFunction, _ x: DeviceView, axes: [Int], into y: DeviceView)
  /// Writes the index of the first largest or smallest element along `axis` into the int64
  /// view y, whose shape is x's with that axis set to 1.
  func argReduce(_ function: ArgReduceFunction, _ x: DeviceView, axis: Int, into y: DeviceView)
  /// Running sums of x along `axis` into y (same shape).
  func cumulativeSum(
    _ x: DeviceView, axis: Int, exclusive: Bool, reverse: Bool, into y: DeviceView)

  // MARK: Linear algebra, indexing, random numbers

  /// Batched matrix product. a and b have rank 3 ([batch, rows, columns], batch broadcast
  /// through stride 0), y is [batch, m, n]; the flags transpose the last two dimensions.
  func matmul(
    _ a: DeviceView, _ b: DeviceView, transposeA: Bool, transposeB: Bool, into y: DeviceView)
  /// Gathers along the middle axis of x, viewed as [outer, axisSize, inner]: y[o, i, j] =
  /// x[o, indices[i], j]. `indices` are validated and non-negative.
  func gather(_ x: DeviceView, indices: [Int], into y: DeviceView)
  /// The inverse of ``gather(_:indices:into:)`` for gradients: y (zeroed first) accumulates
  /// y[o, indices[i], j] += x[o, i, j], in index order.
  func scatterAdd(_ x: DeviceView, indices: [Int], into y: DeviceView)
  /// Fills y with samples of `distribution` from the counter-based Philox stream `key`: element
  /// i is a pure function of the key and i (the CPU device's numbers are the definition).
  func random(_ distribution: RandomDistribution, key: RandomKey, into y: DeviceView)

  // MARK: Convolution and pooling
  // Images are NHWC ([batch, height, width, channels]) and filters HWIO ([height, width, in
  // channels, out channels]); inputs may be any strided views, and the geometry describes a
  // non-empty problem.

  /// conv2d: y[n, i, j, o] = Σ x[n, i·sh − top + p·dh, j·sw − left + q·dw, c] · filter[p, q, c, o]
  /// over the taps (p, q) and input channels c, with zeros outside x.
  func conv2D(
    _ x: DeviceView, filter: DeviceView, geometry: Convolution2DGeometry, into y: DeviceView)
  /// The gradient of conv2d with respect to x: dx = Σ g · filter over every output that reads
  /// each input cell.
  func conv2DBackpropInput(
    _ g: DeviceView, filter: DeviceView, geometry: Convolution2DGeometry, into dx: DeviceView)
  /// The gradient of conv2d with respect to the filter: dfilter[p, q, c, o] = Σ x · g over the
  /// batch and the output positions.
  func conv2DBackpropFilter(
    _ x: DeviceView, _ g: DeviceView, geometry: Convolution2DGeometry, into dfilter: DeviceView)
  /// Max pooling: the largest input cell of each window.
  func maxPool2D(_ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView)
  /// The gradient of max pooling: dx (zeroed first) accumulates each g at its window's first
  /// largest cell of x, in row-major order.
  func maxPool2DGradient(
    _ g: DeviceView, _ x: DeviceView, geometry: Pooling2DGeometry, into dx: DeviceView)
  /// The adjoint of ``maxPool2DGradient(_:_:geometry:into:)``: y reads h at each window's first
  /// largest cell of x.
  func maxPool2DGradientGradient(
    _ h: DeviceView, _ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView)
  /// Average pooling: the mean of each window's cells inside the input.
  func avgPool2D(_ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView)
  /// The gradient of average pooling: dx (zeroed first) accumulates g / count over each
  /// window's cells inside the input.
  func avgPool2DGradient(_ g: DeviceView, geometry: Pooling2DGeometry, into dx: DeviceView)
}
