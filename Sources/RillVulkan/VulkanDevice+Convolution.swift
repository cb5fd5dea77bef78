import RillCore

// Convolution and pooling kernels of `Device`.
extension VulkanDevice {
  /// The shaders' description of one axis.
  private func axis(_ axis: WindowedAxis) -> WindowAxis {
    WindowAxis(
      input: axis.input, output: axis.output, window: axis.window, stride: axis.stride,
      dilation: axis.dilation, padBefore: axis.padBefore)
  }

  /// The shaders' description of a convolution.
  private func problem(_ geometry: Convolution2DGeometry) -> ConvolutionProblem {
    ConvolutionProblem(
      batch: geometry.batch, inputChannels: geometry.inputChannels,
      outputChannels: geometry.outputChannels, height: axis(geometry.height),
      width: axis(geometry.width))
  }

  /// conv2d.
  ///
  /// - Parameters:
  ///   - x: NHWC input.
  ///   - filter: HWIO filter.
  ///   - geometry: the problem.
  ///   - y: NHWC output.
  public func conv2D(
    _ x: DeviceView, filter: DeviceView, geometry: Convolution2DGeometry, into y: DeviceView
  ) {
    context.conv2D(
      vulkan(x, "conv2d"), filter: vulkan(filter, "conv2d"), problem: problem(geometry),
      into: vulkan(y, "conv2d"))
  }

  /// The gradient of conv2d with respect to x.
  ///
  /// - Parameters:
  ///   - g: the output's cotangent.
  ///   - filter: HWIO filter.
  ///   - geometry: the problem.
  ///   - dx: the input's cotangent.
  public func conv2DBackpropInput(
    _ g: DeviceView, filter: DeviceView, geometry: Convolution2DGeometry, into dx: DeviceView
  ) {
    let op = "conv2d_backprop_input"
    context.conv2DBackpropInput(
      vulkan(g, op), filter: vulkan(filter, op), problem: problem(geometry), into: vulkan(dx, op))
  }

  /// The gradient of conv2d with respect to the filter.
  ///
  /// - Parameters:
  ///   - x: NHWC input.
  ///   - g: the output's cotangent.
  ///   - geometry: the problem.
  ///   - dfilter: the filter's cotangent.
  public func conv2DBackpropFilter(
    _ x: DeviceView, _ g: DeviceView, geometry: Convolution2DGeometry, into dfilter: DeviceView
  ) {
    let op = "conv2d_backprop_filter"
    context.conv2DBackpropFilter(
      vulkan(x, op), vulkan(g, op), problem: problem(geometry), into: vulkan(dfilter, op))
  }

  /// Max pooling.
  ///
  /// - Parameters:
  ///   - x: NHWC input.
  ///   - geometry: the windows.
  ///   - y: NHWC output.
  public func maxPool2D(_ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView) {
    let output = vulkan(y, "max_pool2d")
    context.maxPool(
      mode: 0, batch: geometry.batch, channels: geometry.channels,
      height: axis(geometry.height), width: axis(geometry.width), x: vulkan(x, "max_pool2d"),
      output: output, other: output)
  }

  /// The gradient of max pooling.
  ///
  /// - Parameters:
  ///   - g: the output's cotangent.
  ///   - x: NHWC input.
  ///   - geometry: the windows.
  ///   - dx: the input's cotangent.
  public func maxPool2DGradient(
    _ g: DeviceView, _ x: DeviceView, geometry: Pooling2DGeometry, into dx: DeviceView
  ) {
    let op = "max_pool_grad"
    context.maxPool(
      mode: 1, batch: geometry.batch, channels: geometry.channels,
      height: axis(geometry.height), width: axis(geometry.width), x: vulkan(x, op),
      output: vulkan(g, op), other: vulkan(dx, op))
  }

  /// The adjoint of the max-pooling gradient.
  ///
  /// - Parameters:
  ///   - h: an input-shaped tensor.
  ///   - x: NHWC input.
  ///   - geometry: the windows.
  ///   - y: output-shaped result.
  public func maxPool2DGradientGradient(
    _ h: DeviceView, _ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView
  ) {
    let op = "max_pool_grad_grad"
    context.maxPool(
      mode: 2, batch: geometry.batch, channels: geometry.channels,
      height: axis(geometry.height), width: axis(geometry.width), x: vulkan(x, op),
      output: vulkan(y, op), other: vulkan(h, op))
  }

  /// Average pooling.
  ///
  /// - Parameters:
  ///   - x: NHWC input.
  ///   - geometry: the windows.
  ///   - y: NHWC output.
  public func avgPool2D(_ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView) {
    context.avgPool(
      mode: 0, batch: geometry.batch, channels: geometry.channels,
      height: axis(geometry.height), width: axis(geometry.width),
      input: vulkan(x, "avg_pool2d"), output: vulkan(y, "avg_pool2d"))
  }

  /// The gradient of average pooling.
  ///
  /// - Parameters:
  ///   - g: the output's cotangent.
  ///   - geometry: the windows.
  ///   - dx: the input's cotangent.
  public func avgPool2DGradient(_ g: DeviceView, geometry: Pooling2DGeometry, into dx: DeviceView) {
    context.avgPool(
      mode: 1, batch: geometry.batch, channels: geometry.channels,
      height: axis(geometry.height), width: axis(geometry.width),
      input: vulkan(dx, "avg_pool_grad"), output: vulkan(g, "avg_pool_grad"))
  }
}
