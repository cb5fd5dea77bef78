import RillCore

/// One spatial axis of a convolution or pooling window, as the shaders take it.
struct WindowAxis {
  /// The input size.
  var input: Int
  /// The output size.
  var output: Int
  /// The window (filter) size.
  var window: Int
  /// The step between windows.
  var stride: Int
  /// The step between taps (1 for pooling).
  var dilation: Int
  /// The padding before the first cell.
  var padBefore: Int
}

/// The problem of a 2-D convolution in NHWC / HWIO.
struct ConvolutionProblem {
  var batch: Int
  var inputChannels: Int
  var outputChannels: Int
  var height: WindowAxis
  var width: WindowAxis
}

extension VulkanContext {
  /// The parameters of `convolution_common.glsl` for x, the filter and the output-shaped view.
  private func convolutionParameters(
    _ problem: ConvolutionProblem, x: VulkanView, filter: VulkanView, output: VulkanView
  ) -> [Int32] {
    let h = problem.height
    let w = problem.width
    var values: [Int] = [
      problem.batch, h.input, w.input, problem.inputChannels, h.output, w.output,
      problem.outputChannels, h.window, w.window, h.stride, w.stride, h.dilation, w.dilation,
      h.padBefore, w.padBefore, 0,
    ]
    for view in [x, filter, output] { values += [view.offset] + view.strides }
    for view in [x, filter, output] {
      require(view.count <= maximumShaderIndex, "conv2d: \(view.shape) is too large for Vulkan")
    }
    return values.map { Int32($0) }
  }

  /// Requires a float dtype the device supports.
  private func requireFloat(_ dtype: DType, _ op: String) {
    require(dtype == .float32 || dtype == .float64, "\(op): \(dtype) is not supported")
    requireSupport(dtype, op)
  }

  /// The workgroups of an implicit matrix product (gemm_tile.glsl) with `rows` × `columns`
  /// outputs: one per 64 columns, and up to the device's limit along the rows (the shaders step
  /// through the rest).
  private func productGroups(rows: Int, columns: Int) -> (x: Int, y: Int, z: Int) {
    require(columns <= 64 * 65535, "conv2d: \(columns) channels are too many for Vulkan kernels")
    return ((columns + 63) / 64, min((rows + 63) / 64, 65535), 1)
  }

  /// conv2d into y (an implicit matrix product: output positions × output channels).
  func conv2D(_ x: VulkanView, filter: VulkanView, problem: ConvolutionProblem, into y: VulkanView)
  {
    guard y.count > 0 else { return }
    requireFloat(x.dtype, "conv2d")
    dispatch(
      "conv2d_\(x.dtype.shaderSuffix)",
      parameters: convolutionParameters(problem, x: x, filter: filter, output: y),
      buffers: [y.buffer, x.buffer, filter.buffer],
      groups: productGroups(rows: y.count / problem.outputChannels, columns: problem.outputChannels)
    )
  }

  /// The gradient of conv2d with respect to x, into dx (input cells × input channels).
  func conv2DBackpropInput(
    _ g: VulkanView, filter: VulkanView, problem: ConvolutionProblem, into dx: VulkanView
  ) {
    guard dx.count > 0 else { return }
    requireFloat(g.dtype, "conv2d_backprop_input")
    dispatch(
      "conv2d_backprop_input_\(g.dtype.shaderSuffix)",
      parameters: convolutionParameters(problem, x: dx, filter: filter, output: g),
      buffers: [dx.buffer, g.buffer, filter.buffer],
      groups: productGroups(rows: dx.count / problem.inputChannels, columns: problem.inputChannels))
  }

  /// The gradient of conv2d with respect to the filter, into dfilter (taps and input channels ×
  /// output channels).
  func conv2DBackpropFilter(
    _ x: VulkanView, _ g: VulkanView, problem: ConvolutionProblem, into dfilter: VulkanView
  ) {
    guard dfilter.count > 0 else { return }
    requireFloat(x.dtype, "conv2d_backprop_filter")
    dispatch(
      "conv2d_backprop_filter_\(x.dtype.shaderSuffix)",
      parameters: convolutionParameters(problem, x: x, filter: dfilter, output: g),
      buffers: [dfilter.buffer, x.buffer, g.buffer],
      groups: productGroups(
        rows: dfilter.count / problem.outputChannels, columns: problem.outputChannels))
  }

  /// The parameters of `pooling_common.glsl`.
  private func poolingParameters(
    batch: Int, channels: Int, height: WindowAxis, width: WindowAxis, mode: Int,
    x: VulkanView, output: VulkanView, other: VulkanView
  ) -> [Int32] {
    var values: [Int] = [
      batch, height.input, width.input, channels, height.output, width.output, height.window,
      width.window, height.stride, width.stride, height.padBefore, width.padBefore, mode, 0, 0, 0,
    ]
    for view in [x, output, other] {
      require(view.count <= maximumShaderIndex, "pooling: \(view.shape) is too large for Vulkan")
      values += [view.offset] + view.strides
    }
    return values.map { Int32($0) }
  }

  /// Max pooling (mode 0), its gradient (1: g in `output`'s slot, dx written in `other`'s) or
  /// the gradient's adjoint (2: h read from `other`'s slot).
  func maxPool(
    mode: Int, batch: Int, channels: Int, height: WindowAxis, width: WindowAxis,
    x: VulkanView, output: VulkanView, other: VulkanView
  ) {
    let written = mode == 1 ? other : output
    guard written.count > 0 else { return }
    requireFloat(x.dtype, "max_pool2d")
    let parameters = poolingParameters(
      batch: batch, channels: channels, height: height, width: width, mode: mode, x: x,
      output: output, other: other)
    dispatch(
      "max_pool_\(x.dtype.shaderSuffix)", parameters: parameters,
      buffers: [written.buffer, x.buffer, mode == 1 ? output.buffer : other.buffer],
      groups: gridGroups(written.count))
  }

  /// Average pooling (mode 0: x into `output`) or its gradient (1: g in `output`'s slot, dx in
  /// `input`'s).
  func avgPool(
    mode: Int, batch: Int, channels: Int, height: WindowAxis, width: WindowAxis,
    input: VulkanView, output: VulkanView
  ) {
    let written = mode == 1 ? input : output
    guard written.count > 0 else { return }
    requireFloat(input.dtype, "avg_pool2d")
    let parameters = poolingParameters(
      batch: batch, channels: channels, height: height, width: width, mode: mode, x: input,
      output: output, other: input)
    dispatch(
      "avg_pool_\(input.dtype.shaderSuffix)", parameters: parameters,
      buffers: [written.buffer, mode == 1 ? output.buffer : input.buffer],
      groups: gridGroups(written.count))
  }
}
