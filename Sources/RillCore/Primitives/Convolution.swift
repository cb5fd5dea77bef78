// Two-dimensional convolution over NHWC images with HWIO filters, and its two gradients
// (TensorFlow's Conv2DBackpropInput and Conv2DBackpropFilter). The gradients are primitives of
// their own, so that they run on the same fast kernels and are differentiable in turn: each
// takes the tensor whose shape it produces as an extra input, which keeps shapes resolvable when
// the op runs rather than when it is built.

/// How a windowed op (convolution or pooling) treats the borders of its input.
///
/// With `.valid`, windows lie entirely inside the input: out = ⌈(in − window + 1) / stride⌉,
/// where a dilated window spans (window − 1) · dilation + 1 cells. With `.same`, the input is
/// padded so that out = ⌈in / stride⌉; when the padding needed is odd, the extra row or column
/// goes at the bottom or right, as TensorFlow does. Convolutions pad with zeros; pooling ignores
/// the padded cells.
///
/// ```swift
/// let images = Tensor.randomNormal(shape: [8, 28, 28, 1], seed: 0)
/// let filter = Tensor.randomNormal(shape: [5, 5, 1, 32], seed: 1)
/// conv2D(images, filter: filter, padding: .same).shape    // [8, 28, 28, 32]
/// conv2D(images, filter: filter, padding: .valid).shape   // [8, 24, 24, 32]
/// ```
public enum ConvolutionPadding: Hashable, Sendable {
  /// Pad so that out = ⌈in / stride⌉ (TensorFlow's `"SAME"`).
  case same
  /// No padding: every window lies inside the input (TensorFlow's `"VALID"`).
  case valid
}

/// One spatial axis of a windowed op, resolved for an input size: how many outputs there are
/// and how much padding lies before and after the input.
public struct WindowedAxis: Hashable, Sendable {
  /// The input's size along the axis.
  public var input: Int
  /// The output's size along the axis.
  public var output: Int
  /// The window's size in taps (before dilation).
  public var window: Int
  /// The distance between neighbouring windows, in input cells.
  public var stride: Int
  /// The distance between neighbouring taps of a window, in input cells.
  public var dilation: Int
  /// Padding cells before the first input cell.
  public var padBefore: Int
  /// Padding cells after the last input cell that some window reaches (never negative).
  public var padAfter: Int

  /// Resolves an axis with TensorFlow's rules.
  ///
  /// Returns `nil` when a `.valid` window does not fit in the input. Stride and dilation must be
  /// positive, and so must the window unless it is unknown. An unknown input or window (in a
  /// graph under construction) gives an unknown output.
  init?(input: Int, window: Int, stride: Int, dilation: Int, padding: ConvolutionPadding) {
    let span = (window - 1) * dilation + 1
    let known = input != Shape.unknown && window != Shape.unknown
    let output: Int
    switch padding {
    case _ where !known: output = Shape.unknown
    case .same: output = (input + stride - 1) / stride
    case .valid:
      guard input >= span else { return nil }
      output = (input - span) / stride + 1
    }
    let total = padding == .same && known ? Swift.max(0, (output - 1) * stride + span - input) : 0
    self.input = input
    self.output = output
    self.window = window
    self.stride = stride
    self.dilation = dilation
    self.padBefore = total / 2
    self.padAfter = total - total / 2
  }

  /// The input cell that tap `tap` of window `position` reads; outside 0..<input in the padding.
  ///
  /// - Parameters:
  ///   - position: the window (the output cell), from 0.
  ///   - tap: the tap of the window, from 0.
  /// - Returns: position · stride − padBefore + tap · dilation.
  @inline(__always)
  public func inputIndex(window position: Int, tap: Int) -> Int {
    position * stride - padBefore + tap * dilation
  }
}

/// The parameters of a conv2d primitive: strides and dilations as [height, width], and the
/// padding.
struct Convolution2DAttributes: Hashable, Sendable {
  var strides: [Int]
  var padding: ConvolutionPadding
  var dilations: [Int]
}

/// Every size of one convolution: the batch, the channels and both spatial axes.
///
/// Devices receive it with NHWC images, HWIO filters and a non-empty problem (every size
/// positive).
public struct Convolution2DGeometry: Hashable, Sendable {
  /// The number of images.
  public var batch: Int
  /// The channels of each input cell (the filter's third dimension).
  public var inputChannels: Int
  /// The channels of each output cell (the filter's fourth dimension).
  public var outputChannels: Int
  /// The vertical axis: image rows, filter taps, stride, dilation and padding.
  public var height: WindowedAxis
  /// The horizontal axis: image columns, filter taps, stride, dilation and padding.
  public var width: WindowedAxis

  /// Multiply-adds per image (the same for the forward pass and both gradients).
  public var multiplyAddsPerImage: Int {
    height.output * width.output * height.window * width.window * inputChannels * outputChannels
  }

  /// Whether some size is zero, so that the output is empty or all zeros.
  public var isEmpty: Bool {
    batch == 0 || inputChannels == 0 || outputChannels == 0 || height.output == 0
      || width.output == 0
  }
}

// MARK: Shape and dtype rules

/// The geometry of conv2d on an input and a filter of the given specs, or why they do not fit.
func convolution2DGeometry(
  _ x: TensorSpec, _ filter: TensorSpec, _ attributes: Convolution2DAttributes, op: String
) -> Result<Convolution2DGeometry, ShapeError> {
  guard x.dtype == filter.dtype, x.dtype.isFloatingPoint else {
    return .failure(
      ShapeError(
        op: op, "dtypes \(x.dtype) and \(filter.dtype) are not supported (float32 or float64)"))
  }
  guard x.shape.rank == 4, filter.shape.rank == 4 else {
    return .failure(
      ShapeError(
        op: op,
        "input \(x.shape) must be NHWC and filter \(filter.shape) HWIO, both of rank 4"))
  }
  guard attributes.strides.count == 2, attributes.dilations.count == 2,
    (attributes.strides + attributes.dilations).allSatisfy({ $0 >= 1 })
  else {
    return .failure(
      ShapeError(
        op: op,
        "strides \(attributes.strides) and dilations \(attributes.dilations) must be two positive numbers each"
      ))
  }
  let channelsMatch =
    filter.shape[2] == x.shape[3] || filter.shape[2] == Shape.unknown || x.shape[3] == Shape.unknown
  let windowKnownOrPositive = filter.shape[0..<2].allSatisfy { $0 >= 1 || $0 == Shape.unknown }
  guard channelsMatch, windowKnownOrPositive else {
    return .failure(
      ShapeError(
        op: op,
        "filter \(filter.shape) does not fit input \(x.shape): filters are [height, width, \(x.shape[3]), outChannels]"
      ))
  }
  let axes = (0..<2).map { axis in
    WindowedAxis(
      input: x.shape[1 + axis], window: filter.shape[axis], stride: attributes.strides[axis],
      dilation: attributes.dilations[axis], padding: attributes.padding)
  }
  guard let height = axes[0], let width = axes[1] else {
    return .failure(
      ShapeError(
        op: op,
        "filter \(filter.shape) with dilations \(attributes.dilations) is larger than input \(x.shape) with VALID padding"
      ))
  }
  return .success(
    Convolution2DGeometry(
      batch: x.shape[0], inputChannels: x.shape[3], outputChannels: filter.shape[3],
      height: height, width: width))
}

func conv2DOutputSpec(
  _ x: TensorSpec, _ filter: TensorSpec, _ attributes: Convolution2DAttributes
) -> Result<TensorSpec, ShapeError> {
  convolution2DGeometry(x, filter, attributes, op: "conv2d").map { geometry in
    let shape: Shape = [
      geometry.batch, geometry.height.output, geometry.width.output, geometry.outputChannels,
    ]
    return TensorSpec(dtype: x.dtype, shape: shape)
  }
}

/// The gradient with respect to the input: the cotangent g has conv2d's output spec for an input
/// like x and the filter; the result is x's spec.
func conv2DBackpropInputOutputSpec(
  _ g: TensorSpec, filter: TensorSpec, like x: TensorSpec,
  _ attributes: Convolution2DAttributes
) -> Result<TensorSpec, ShapeError> {
  checkConv2DCotangent(g, x, filter, attributes, op: "conv2d_backprop_input").map { x }
}

/// The gradient with respect to the filter: g has conv2d's output spec for x and a filter like
/// `filter`; the result is the filter's spec.
func conv2DBackpropFilterOutputSpec(
  _ x: TensorSpec, _ g: TensorSpec, like filter: TensorSpec,
  _ attributes: Convolution2DAttributes
) -> Result<TensorSpec, ShapeError> {
  checkConv2DCotangent(g, x, filter, attributes, op: "conv2d_backprop_filter").map { filter }
}

/// Succeeds when the cotangent g has conv2d's output spec for x and filter; otherwise fails
/// naming the gradient op `op` and all three specs.
private func checkConv2DCotangent(
  _ g: TensorSpec, _ x: TensorSpec, _ filter: TensorSpec, _ attributes: Convolution2DAttributes,
  op: String
) -> Result<Void, ShapeError> {
  conv2DOutputSpec(x, filter, attributes).flatMap { y in
    guard y.isCompatible(with: g) else {
      return .failure(
        ShapeError(
          op: op,
          "cotangent \(g) does not match conv2d's output \(y) for input \(x) and filter \(filter)"))
    }
    return .success(())
  }
}

extension TensorSpec {
  /// Whether the specs could describe the same tensor: equal dtypes and ranks, and equal sizes
  /// wherever both are known.
  func isCompatible(with other: TensorSpec) -> Bool {
    dtype == other.dtype && shape.rank == other.shape.rank
      && zip(shape, other.shape).allSatisfy {
        $0 == $1 || $0 == Shape.unknown || $1 == Shape.unknown
      }
  }
}

// MARK: Gradients

// conv2d is bilinear: y = x ⋆ w. Write Bᵢ(g, w) for its adjoint in x and B_f(x, g) for its adjoint
// in w, so that ⟨g, x ⋆ w⟩ = ⟨Bᵢ(g, w), x⟩ = ⟨B_f(x, g), w⟩. Each gradient below follows from
// moving the cotangent c into one of these inner products:
//   ⟨c, Bᵢ(g, w)⟩ = ⟨c ⋆ w, g⟩, so d/dg = c ⋆ w and d/dw = B_f(c, g);
//   ⟨c, B_f(x, g)⟩ = ⟨x ⋆ c, g⟩, so d/dx = Bᵢ(g, c) and d/dg = x ⋆ c.

/// The cotangents of conv2d's input and filter.
func conv2DVJP(
  _ x: Tensor, _ filter: Tensor, _ attributes: Convolution2DAttributes, cotangent g: Tensor,
  needs: [Bool]
) -> [Tensor?] {
  [
    needs[0] ? apply(.conv2DBackpropInput(attributes), g, filter, x) : nil,
    needs[1] ? apply(.conv2DBackpropFilter(attributes), x, g, filter) : nil,
  ]
}

/// The cotangents of Conv2DBackpropInput's cotangent and filter; its third input only gives the
/// shape.
func conv2DBackpropInputVJP(
  _ g: Tensor, _ filter: Tensor, _ attributes: Convolution2DAttributes, cotangent c: Tensor,
  needs: [Bool]
) -> [Tensor?] {
  [
    needs[0] ? apply(.conv2D(attributes), c, filter) : nil,
    needs[1] ? apply(.conv2DBackpropFilter(attributes), c, g, filter) : nil,
    nil,
  ]
}

/// The cotangents of Conv2DBackpropFilter's input and cotangent; its third input only gives the
/// shape.
func conv2DBackpropFilterVJP(
  _ x: Tensor, _ g: Tensor, _ attributes: Convolution2DAttributes, cotangent c: Tensor,
  needs: [Bool]
) -> [Tensor?] {
  [
    needs[0] ? apply(.conv2DBackpropInput(attributes), g, c, x) : nil,
    needs[1] ? apply(.conv2D(attributes), x, c) : nil,
    nil,
  ]
}

// MARK: Kernels

func executeConv2D(
  _ x: Tensor, _ filter: Tensor, _ attributes: Convolution2DAttributes, output: TensorSpec
) -> Tensor {
  let geometry = trapping(convolution2DGeometry(x.spec, filter.spec, attributes, op: "conv2d"))
  if geometry.isEmpty { return Tensor.zeros(shape: output.shape, dtype: output.dtype) }
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  y.device.conv2D(x.deviceView, filter: filter.deviceView, geometry: geometry, into: y.deviceView)
  return y
}

func executeConv2DBackpropInput(
  _ g: Tensor, _ filter: Tensor, _ attributes: Convolution2DAttributes, output: TensorSpec
) -> Tensor {
  let geometry = trapping(
    convolution2DGeometry(output, filter.spec, attributes, op: "conv2d_backprop_input"))
  if geometry.isEmpty { return Tensor.zeros(shape: output.shape, dtype: output.dtype) }
  let dx = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: g.device)
  dx.device.conv2DBackpropInput(
    g.deviceView, filter: filter.deviceView, geometry: geometry, into: dx.deviceView)
  return dx
}

func executeConv2DBackpropFilter(
  _ x: Tensor, _ g: Tensor, _ attributes: Convolution2DAttributes, output: TensorSpec
) -> Tensor {
  let geometry = trapping(
    convolution2DGeometry(x.spec, output, attributes, op: "conv2d_backprop_filter"))
  if geometry.isEmpty { return Tensor.zeros(shape: output.shape, dtype: output.dtype) }
  let dw = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  dw.device.conv2DBackpropFilter(
    x.deviceView, g.deviceView, geometry: geometry, into: dw.deviceView)
  return dw
}
