// Two-dimensional max and average pooling over NHWC images, and their gradients. Max pooling
// routes each gradient to the first largest cell of its window (in row-major order, as
// TensorFlow does); average pooling spreads it evenly over the window's cells inside the input
// (with SAME padding the padded cells are not counted). The gradients take the pooled tensor as
// an extra input: max pooling's to find the maxima, average pooling's for its shape.

/// The parameters of a pooling primitive: window and strides as [height, width], and the
/// padding.
struct Pooling2DAttributes: Hashable, Sendable {
  var window: [Int]
  var strides: [Int]
  var padding: ConvolutionPadding
}

/// Every size of one pooling: batch, channels and both spatial axes.
///
/// Devices receive it with NHWC images and a non-empty problem (every size positive); every
/// window holds at least one cell of the input.
public struct Pooling2DGeometry: Hashable, Sendable {
  /// The number of images.
  public var batch: Int
  /// The channels of each cell, pooled separately.
  public var channels: Int
  /// The vertical axis: image rows, window, stride and padding.
  public var height: WindowedAxis
  /// The horizontal axis: image columns, window, stride and padding.
  public var width: WindowedAxis

  /// Whether some size is zero, so that the output is empty.
  public var isEmpty: Bool {
    batch == 0 || channels == 0 || height.output == 0 || width.output == 0
  }
}

// MARK: Shape and dtype rules

/// The geometry of pooling an input of the given spec, or why it cannot be pooled.
func pooling2DGeometry(_ x: TensorSpec, _ attributes: Pooling2DAttributes, op: String)
  -> Result<Pooling2DGeometry, ShapeError>
{
  guard x.dtype.isFloatingPoint else {
    return .failure(ShapeError(op: op, "dtype \(x.dtype) is not supported (float32 or float64)"))
  }
  guard x.shape.rank == 4 else {
    return .failure(ShapeError(op: op, "input \(x.shape) must be NHWC, of rank 4"))
  }
  guard attributes.window.count == 2, attributes.strides.count == 2,
    (attributes.window + attributes.strides).allSatisfy({ $0 >= 1 })
  else {
    return .failure(
      ShapeError(
        op: op,
        "window \(attributes.window) and strides \(attributes.strides) must be two positive numbers each"
      ))
  }
  let axes = (0..<2).map { axis in
    WindowedAxis(
      input: x.shape[1 + axis], window: attributes.window[axis],
      stride: attributes.strides[axis], dilation: 1, padding: attributes.padding)
  }
  guard let height = axes[0], let width = axes[1] else {
    return .failure(
      ShapeError(
        op: op, "window \(attributes.window) is larger than input \(x.shape) with VALID padding"))
  }
  return .success(
    Pooling2DGeometry(batch: x.shape[0], channels: x.shape[3], height: height, width: width))
}

func pool2DOutputSpec(_ x: TensorSpec, _ attributes: Pooling2DAttributes, op: String) -> Result<
  TensorSpec, ShapeError
> {
  pooling2DGeometry(x, attributes, op: op).map { geometry in
    let shape: Shape = [geometry.batch, geometry.height.output, geometry.width.output, x.shape[3]]
    return TensorSpec(dtype: x.dtype, shape: shape)
  }
}

/// The gradient of a pooling: g has the pooled spec of x; the result is x's spec.
func pool2DGradientOutputSpec(
  _ g: TensorSpec, like x: TensorSpec, _ attributes: Pooling2DAttributes, op: String
) -> Result<TensorSpec, ShapeError> {
  pool2DOutputSpec(x, attributes, op: op).flatMap { y in
    guard y.isCompatible(with: g) else {
      return .failure(
        ShapeError(op: op, "cotangent \(g) does not match the pooled \(y) of input \(x)"))
    }
    return .success(x)
  }
}

/// The gradient of max pooling's gradient: h has x's spec; the result is the pooled spec.
func maxPool2DGradientGradientOutputSpec(
  _ h: TensorSpec, like x: TensorSpec, _ attributes: Pooling2DAttributes
) -> Result<TensorSpec, ShapeError> {
  guard h.isCompatible(with: x) else {
    return .failure(
      ShapeError(op: "max_pool_grad_grad", "cotangent \(h) does not match input \(x)"))
  }
  return pool2DOutputSpec(x, attributes, op: "max_pool_grad_grad")
}

// MARK: Gradients

// Both poolings are linear in their cotangents once x is fixed: max pooling's gradient scatters
// g to the argmax cells (S_x g), and S_x's adjoint gathers from those cells (S_xᵀ h), so each is
// the other's VJP. The maxima move only where x has ties, a set of measure zero, so the
// derivative with respect to x is zero. Average pooling is the linear map A; its gradient is Aᵀ,
// whose VJP is A again.

/// The cotangent of max pooling's input: g routed to each window's first maximum.
func maxPool2DVJP(_ x: Tensor, _ attributes: Pooling2DAttributes, cotangent g: Tensor) -> Tensor {
  apply(.maxPool2DGradient(attributes), g, x)
}

/// The cotangent of average pooling's input: g spread over each window's cells.
func avgPool2DVJP(_ x: Tensor, _ attributes: Pooling2DAttributes, cotangent g: Tensor) -> Tensor {
  apply(.avgPool2DGradient(attributes), g, x)
}

// MARK: Kernels

/// Max pooling's gradient is linear in its cotangent: its adjoint reads the cotangent at the
/// maxima of `x`.
func maxPool2DGradientVJP(
  _ x: Tensor, _ attributes: Pooling2DAttributes, cotangent g: Tensor, needs: [Bool]
) -> [Tensor?] {
  [needs[0] ? apply(.maxPool2DGradientGradient(attributes), g, x) : nil, nil]
}

/// Reading at the maxima is linear too: its adjoint routes back to the maxima.
func maxPool2DGradientGradientVJP(
  _ x: Tensor, _ attributes: Pooling2DAttributes, cotangent g: Tensor, needs: [Bool]
) -> [Tensor?] {
  [needs[0] ? apply(.maxPool2DGradient(attributes), g, x) : nil, nil]
}

/// Spreading over the windows is the adjoint of averaging them, and back.
func avgPool2DGradientVJP(_ attributes: Pooling2DAttributes, cotangent g: Tensor, needs: [Bool])
  -> [Tensor?]
{
  [needs[0] ? apply(.avgPool2D(attributes), g) : nil, nil]
}

func executePool2D(
  _ x: Tensor, max: Bool, _ attributes: Pooling2DAttributes, output: TensorSpec
) -> Tensor {
  let op = max ? "max_pool2d" : "avg_pool2d"
  let geometry = trapping(pooling2DGeometry(x.spec, attributes, op: op))
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  if geometry.isEmpty { return y }
  if max {
    y.device.maxPool2D(x.deviceView, geometry: geometry, into: y.deviceView)
  } else {
    y.device.avgPool2D(x.deviceView, geometry: geometry, into: y.deviceView)
  }
  return y
}

func executeMaxPool2DGradient(
  _ g: Tensor, _ x: Tensor, _ attributes: Pooling2DAttributes, output: TensorSpec
) -> Tensor {
  let geometry = trapping(pooling2DGeometry(x.spec, attributes, op: "max_pool_grad"))
  if geometry.isEmpty { return Tensor.zeros(shape: output.shape, dtype: output.dtype) }
  let dx = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: g.device)
  dx.device.maxPool2DGradient(g.deviceView, x.deviceView, geometry: geometry, into: dx.deviceView)
  return dx
}

func executeMaxPool2DGradientGradient(
  _ h: Tensor, _ x: Tensor, _ attributes: Pooling2DAttributes, output: TensorSpec
) -> Tensor {
  let geometry = trapping(pooling2DGeometry(x.spec, attributes, op: "max_pool_grad_grad"))
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: h.device)
  if geometry.isEmpty { return y }
  y.device.maxPool2DGradientGradient(
    h.deviceView, x.deviceView, geometry: geometry, into: y.deviceView)
  return y
}

func executeAvgPool2DGradient(
  _ g: Tensor, _ attributes: Pooling2DAttributes, output: TensorSpec
) -> Tensor {
  let geometry = trapping(pooling2DGeometry(output, attributes, op: "avg_pool_grad"))
  if geometry.isEmpty { return Tensor.zeros(shape: output.shape, dtype: output.dtype) }
  let dx = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: g.device)
  dx.device.avgPool2DGradient(g.deviceView, geometry: geometry, into: dx.deviceView)
  return dx
}
