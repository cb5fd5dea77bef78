import RillTestSupport
import Testing

@testable import RillCore

/// The CPU device's convolutions (oneDNN for float32, im2col + OpenBLAS for float64 and as the
/// float32 fallback) against the reference device, forward and both gradients, on random
/// geometries and non-contiguous operands.
struct ConvolutionKernelTests {
  /// A random geometry: odd sizes, strides 1–3, dilations 1–2, either padding; a VALID window
  /// that does not fit becomes SAME.
  func randomGeometry(_ generator: inout LayoutGenerator) -> Convolution2DGeometry {
    func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator.random) }
    let padding: ConvolutionPadding = Bool.random(using: &generator.random) ? .same : .valid
    let axes = (0..<2).map { _ -> WindowedAxis in
      let (input, window, stride, dilation) = (draw(1...9), draw(1...4), draw(1...3), draw(1...2))
      return .fitting(
        input: input, window: window, stride: stride, dilation: dilation, padding: padding)
    }
    return Convolution2DGeometry(
      batch: draw(1...3), inputChannels: draw(1...5), outputChannels: draw(1...6),
      height: axes[0], width: axes[1])
  }

  /// The shapes of x, the filter and y.
  func shapes(_ g: Convolution2DGeometry) -> (x: [Int], filter: [Int], y: [Int]) {
    (
      [g.batch, g.height.input, g.width.input, g.inputChannels],
      [g.height.window, g.width.window, g.inputChannels, g.outputChannels],
      [g.batch, g.height.output, g.width.output, g.outputChannels]
    )
  }

  /// Runs the three directions on `device` (or on the GEMM path when `device` is nil).
  func convolveAll(
    _ device: (any HostKernels)?, _ g: Convolution2DGeometry, x: StridedView, filter: StridedView,
    gy: StridedView
  ) -> [Tensor] {
    let (xShape, filterShape, yShape) = shapes(g)
    let y = output(x.dtype, yShape)
    let dx = output(x.dtype, xShape)
    let dfilter = output(x.dtype, filterShape)
    if let device {
      device.conv2D(x, filter: filter, geometry: g, into: y.view)
      device.conv2DBackpropInput(gy, filter: filter, geometry: g, into: dx.view)
      device.conv2DBackpropFilter(x, gy, geometry: g, into: dfilter.view)
    } else {
      let cpu = CPUDevice.shared
      let (x, filter, gy) = (x.densified(), filter.densified(), gy.densified())
      cpu.gemmConvolve(.forward, g, x, filter, into: y.view)
      cpu.gemmConvolve(.backwardInput, g, gy, filter, into: dx.view)
      cpu.gemmConvolve(.backwardFilter, g, x, gy, into: dfilter.view)
    }
    return [y, dx, dfilter]
  }

  func compare(
    _ g: Convolution2DGeometry, dtype: DType, gemm: Bool, generator: inout LayoutGenerator
  ) {
    let (xShape, filterShape, yShape) = shapes(g)
    let x = generator.operand(dtype, shape: xShape, allowBroadcast: true, range: -2...2)
    let filter = generator.operand(dtype, shape: filterShape, allowBroadcast: true, range: -2...2)
    let gy = generator.operand(dtype, shape: yShape, allowBroadcast: true, range: -2...2)
    let got = convolveAll(gemm ? nil : fast, g, x: x.view, filter: filter.view, gy: gy.view)
    let want = convolveAll(reference, g, x: x.view, filter: filter.view, gy: gy.view)
    // Sums of up to `terms` products, in another order (and with fused multiply-adds).
    let terms = [
      g.height.window * g.width.window * g.inputChannels,
      g.height.window * g.width.window * g.outputChannels,
      g.batch * g.height.output * g.width.output,
    ]
    for (index, name) in ["conv2d", "backprop_input", "backprop_filter"].enumerated() {
      let tolerance = (dtype == .float32 ? 2e-6 : 1e-14) * Double(terms[index] + 1)
      assertClose(
        got[index], want[index], rtol: tolerance, atol: tolerance,
        "\(name) \(dtype)\(gemm ? " gemm" : "") x \(xShape) filter \(filterShape) strides "
          + "\([g.height.stride, g.width.stride]) dilations \([g.height.dilation, g.width.dilation]) "
          + "pads \([g.height.padBefore, g.height.padAfter, g.width.padBefore, g.width.padAfter])")
    }
  }

  @Test(arguments: [DType.float32, .float64])
  func convolutionMatchesReference(_ dtype: DType) {
    var generator = LayoutGenerator(seed: dtype == .float32 ? 40 : 41)
    for _ in 0..<40 {
      let geometry = randomGeometry(&generator)
      compare(geometry, dtype: dtype, gemm: false, generator: &generator)
    }
  }

  @Test func oneDNNRunsTheTutorialLayers() {
    // Guards against a silent fallback to the GEMM path for float32.
    for (size, inputChannels, outputChannels) in [(28, 1, 32), (14, 32, 64)] {
      let axis = WindowedAxis.fitting(
        input: size, window: 5, stride: 1, dilation: 1, padding: .same)
      let geometry = Convolution2DGeometry(
        batch: 8, inputChannels: inputChannels, outputChannels: outputChannels, height: axis,
        width: axis)
      for direction in [ConvolutionDirection.forward, .backwardInput, .backwardFilter] {
        #expect(OneDNN.shared?.convolution(direction, geometry) != nil, "\(direction) \(geometry)")
      }
    }
  }

  @Test func gemmPathMatchesReferenceInFloat32() {
    var generator = LayoutGenerator(seed: 42)
    for _ in 0..<20 {
      compare(randomGeometry(&generator), dtype: .float32, gemm: true, generator: &generator)
    }
  }

  @Test(arguments: [DType.float32, .float64])
  func largeConvolutionsSplitIntoChunksMatchReference(_ dtype: DType) {
    // 19 images of 11 × 13 × 16 → 24 channels with a 3 × 3 filter: several chunks of unequal
    // size, spread over threads, with partial filter gradients summed.
    var generator = LayoutGenerator(seed: 43)
    let axes = [(11, 3, 1, 1), (13, 3, 2, 1)].map { input, window, stride, dilation in
      WindowedAxis(
        input: input, window: window, stride: stride, dilation: dilation, padding: .same)!
    }
    let geometry = Convolution2DGeometry(
      batch: 19, inputChannels: 16, outputChannels: 24, height: axes[0], width: axes[1])
    #expect(BatchChunks(geometry, filterBytes: 4 * 9 * 16 * 24).count == 4)
    compare(geometry, dtype: dtype, gemm: false, generator: &generator)
  }

  @Test func convolutionsAreBitIdenticalForAnyThreadCount() {
    var generator = LayoutGenerator(seed: 44)
    let saved = Threading.threadCount
    defer { Threading.threadCount = saved }
    for dtype in [DType.float32, .float64] {
      // The second layer of the tutorial CNN at batch 40: 16 chunks of 2 or 3 images.
      let x = generator.values(dtype, count: 40 * 14 * 14 * 32).reshaped(to: [40, 14, 14, 32])
      let filter = generator.values(dtype, count: 5 * 5 * 32 * 64).reshaped(to: [5, 5, 32, 64])
      let gy = generator.values(dtype, count: 40 * 14 * 14 * 64).reshaped(to: [40, 14, 14, 64])
      let attributes = Convolution2DAttributes(strides: [1, 1], padding: .same, dilations: [1, 1])
      var results: [[Tensor]] = []
      for threads in [1, 2, 3] {
        Threading.threadCount = threads
        results.append([
          conv2D(x, filter: filter, padding: .same),
          apply(.conv2DBackpropInput(attributes), gy, filter, x),
          apply(.conv2DBackpropFilter(attributes), x, gy, filter),
        ])
      }
      for other in results.dropFirst() {
        for (one, another) in zip(results[0], other) { assertIdentical(one, another, "\(dtype)") }
      }
    }
  }
}

extension WindowedAxis {
  /// The axis with `padding`, or with SAME padding (which fits any input) when a VALID window
  /// is larger than the input.
  static func fitting(
    input: Int, window: Int, stride: Int, dilation: Int, padding: ConvolutionPadding
  ) -> WindowedAxis {
    let axis =
      WindowedAxis(
        input: input, window: window, stride: stride, dilation: dilation, padding: padding)
      ?? WindowedAxis(
        input: input, window: window, stride: stride, dilation: dilation, padding: .same)
    guard let axis else { fatalError("SAME padding fits any input") }
    return axis
  }
}
