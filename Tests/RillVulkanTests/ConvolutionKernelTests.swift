import RillVulkan
import Testing

@testable import RillCore

/// Convolution and pooling kernels on Vulkan against the CPU device.
@Suite struct ConvolutionKernelTests {
  /// Problems as (input height and width, window, stride, dilation, padding).
  static let problems: [(Int, Int, Int, Int, ConvolutionPadding)] = [
    (9, 3, 1, 1, .same), (10, 3, 2, 1, .valid), (8, 2, 2, 1, .same), (11, 3, 1, 2, .same),
    (7, 5, 3, 1, .valid),
  ]

  private func axis(
    _ input: Int, _ window: Int, _ stride: Int, _ dilation: Int,
    _ padding: ConvolutionPadding
  ) -> WindowedAxis {
    guard
      let axis = WindowedAxis(
        input: input, window: window, stride: stride, dilation: dilation, padding: padding)
    else { fatalError("bad test geometry") }
    return axis
  }

  /// conv2d and its two gradients on Vulkan against the CPU for `geometry`'s problem, to
  /// `atol` (the devices sum in other orders: long sums need more).
  private func expectConvolutionsMatch(
    _ geometry: Convolution2DGeometry, window: Int, atol: Double = 1e-5
  ) {
    let (height, width) = (geometry.height, geometry.width)
    let (batch, channels, outputs) =
      (geometry.batch, geometry.inputChannels, geometry.outputChannels)
    let x = DevicePair.random(shape: [batch, height.input, width.input, channels])
    let filter = DevicePair.random(shape: [window, window, channels, outputs], seed: 3)
    let outShape = [batch, height.output, width.output, outputs]
    let y = DevicePair.output(shape: outShape)
    CPUDevice.shared.conv2D(x.cpu, filter: filter.cpu, geometry: geometry, into: y.cpu)
    vulkan.conv2D(x.gpu, filter: filter.gpu, geometry: geometry, into: y.gpu)
    expectSame(y, rtol: 1e-5, atol: atol, "conv2d \(geometry)")

    let g = DevicePair.random(shape: outShape, seed: 5)
    let dx = DevicePair.output(shape: x.cpu.shape)
    CPUDevice.shared.conv2DBackpropInput(
      g.cpu, filter: filter.cpu, geometry: geometry, into: dx.cpu)
    vulkan.conv2DBackpropInput(g.gpu, filter: filter.gpu, geometry: geometry, into: dx.gpu)
    expectSame(dx, rtol: 1e-5, atol: atol, "conv2d_backprop_input \(geometry)")

    let df = DevicePair.output(shape: filter.cpu.shape)
    CPUDevice.shared.conv2DBackpropFilter(x.cpu, g.cpu, geometry: geometry, into: df.cpu)
    vulkan.conv2DBackpropFilter(x.gpu, g.gpu, geometry: geometry, into: df.gpu)
    expectSame(df, rtol: 1e-5, atol: atol, "conv2d_backprop_filter \(geometry)")
  }

  @Test func conv2DAndItsGradientsMatchTheCPU() {
    for (size, window, stride, dilation, padding) in Self.problems {
      let geometry = Convolution2DGeometry(
        batch: 2, inputChannels: 3, outputChannels: 4,
        height: axis(size, window, stride, dilation, padding),
        width: axis(size - 1, window, stride, dilation, padding))
      expectConvolutionsMatch(geometry, window: window)
    }
  }

  /// Problems of several workgroup tiles in every dimension of the three implicit matrix
  /// products (positions, channels and the summed axis, none a multiple of the tile); sums of
  /// up to 630 products of values in [-2, 2], whose rounding reaches a few 1e-5.
  @Test func convolutionsSpanningSeveralTilesMatchTheCPU() {
    for (stride, padding) in [(1, ConvolutionPadding.same), (2, .valid)] {
      let geometry = Convolution2DGeometry(
        batch: 3, inputChannels: 70, outputChannels: 67,
        height: axis(9, 3, stride, 1, padding), width: axis(8, 3, stride, 1, padding))
      expectConvolutionsMatch(geometry, window: 3, atol: 2e-4)
    }
  }

  @Test func poolingAndItsGradientsMatchTheCPU() {
    for (size, window, stride, _, padding) in Self.problems {
      let height = axis(size, window, stride, 1, padding)
      let width = axis(size + 1, window, stride, 1, padding)
      let geometry = Pooling2DGeometry(batch: 2, channels: 3, height: height, width: width)
      // Few distinct values, so windows have ties and the first maximum matters.
      let x = DevicePair(
        elements(DevicePair.random(shape: [2, height.input, width.input, 3], in: 0...4).cpu)
          .map { $0.rounded(.down) }, shape: [2, height.input, width.input, 3])
      let outShape = [2, height.output, width.output, 3]
      let what = "\(geometry)"

      let y = DevicePair.output(shape: outShape)
      CPUDevice.shared.maxPool2D(x.cpu, geometry: geometry, into: y.cpu)
      vulkan.maxPool2D(x.gpu, geometry: geometry, into: y.gpu)
      expectSame(y, rtol: 0, atol: 0, "max_pool2d \(what)")

      let g = DevicePair.random(shape: outShape, seed: 7)
      let dx = DevicePair.output(shape: x.cpu.shape)
      CPUDevice.shared.maxPool2DGradient(g.cpu, x.cpu, geometry: geometry, into: dx.cpu)
      vulkan.maxPool2DGradient(g.gpu, x.gpu, geometry: geometry, into: dx.gpu)
      expectSame(dx, rtol: 1e-6, atol: 1e-6, "max_pool_grad \(what)")

      let h = DevicePair.random(shape: x.cpu.shape, seed: 9)
      let hh = DevicePair.output(shape: outShape)
      CPUDevice.shared.maxPool2DGradientGradient(h.cpu, x.cpu, geometry: geometry, into: hh.cpu)
      vulkan.maxPool2DGradientGradient(h.gpu, x.gpu, geometry: geometry, into: hh.gpu)
      expectSame(hh, rtol: 0, atol: 0, "max_pool_grad_grad \(what)")

      let average = DevicePair.output(shape: outShape)
      CPUDevice.shared.avgPool2D(x.cpu, geometry: geometry, into: average.cpu)
      vulkan.avgPool2D(x.gpu, geometry: geometry, into: average.gpu)
      expectSame(average, rtol: 1e-6, atol: 1e-6, "avg_pool2d \(what)")

      let da = DevicePair.output(shape: x.cpu.shape)
      CPUDevice.shared.avgPool2DGradient(g.cpu, geometry: geometry, into: da.cpu)
      vulkan.avgPool2DGradient(g.gpu, geometry: geometry, into: da.gpu)
      expectSame(da, rtol: 1e-6, atol: 1e-6, "avg_pool_grad \(what)")
    }
  }
}
