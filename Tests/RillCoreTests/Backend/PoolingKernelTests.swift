import RillTestSupport
import Testing

@testable import RillCore

/// The CPU device's pooling kernels against the reference device, on random geometries
/// (overlapping and disjoint windows, both paddings) and non-contiguous operands.
struct PoolingKernelTests {
  func randomGeometry(_ generator: inout LayoutGenerator, large: Bool = false) -> Pooling2DGeometry
  {
    func draw(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator.random) }
    let padding: ConvolutionPadding = Bool.random(using: &generator.random) ? .same : .valid
    let axes = (0..<2).map { _ -> WindowedAxis in
      let (input, window, stride) = (large ? draw(20...40) : draw(1...9), draw(1...4), draw(1...3))
      return .fitting(input: input, window: window, stride: stride, dilation: 1, padding: padding)
    }
    return Pooling2DGeometry(
      batch: large ? draw(4...9) : draw(1...3), channels: large ? draw(60...70) : draw(1...6),
      height: axes[0], width: axes[1])
  }

  /// Every pooling kernel of `device`: max, average, max gradient, average gradient, gather.
  func poolAll(
    _ device: any HostKernels, _ g: Pooling2DGeometry, x: StridedView, gy: StridedView,
    h: StridedView
  ) -> [Tensor] {
    let xShape = [g.batch, g.height.input, g.width.input, g.channels]
    let yShape = [g.batch, g.height.output, g.width.output, g.channels]
    let results = [yShape, yShape, xShape, xShape, yShape].map { output(x.dtype, $0) }
    device.maxPool2D(x, geometry: g, into: results[0].view)
    device.avgPool2D(x, geometry: g, into: results[1].view)
    device.maxPool2DGradient(gy, x, geometry: g, into: results[2].view)
    device.avgPool2DGradient(gy, geometry: g, into: results[3].view)
    device.maxPool2DGradientGradient(h, x, geometry: g, into: results[4].view)
    return results
  }

  @Test(arguments: [DType.float32, .float64])
  func poolingMatchesReference(_ dtype: DType) {
    var generator = LayoutGenerator(seed: dtype == .float32 ? 50 : 51)
    for trial in 0..<60 {
      let g = randomGeometry(&generator, large: trial >= 56)
      let xShape = [g.batch, g.height.input, g.width.input, g.channels]
      let yShape = [g.batch, g.height.output, g.width.output, g.channels]
      // Every third trial rounds x to integers, so windows hold ties.
      let x =
        trial % 3 == 0
        ? generator.operand(dtype, shape: xShape).mapped { $0.rounded() }
        : generator.operand(dtype, shape: xShape, allowBroadcast: true)
      let gy = generator.operand(dtype, shape: yShape, allowBroadcast: true)
      let h = generator.operand(dtype, shape: xShape, allowBroadcast: true)
      let got = poolAll(fast, g, x: x.view, gy: gy.view, h: h.view)
      let want = poolAll(reference, g, x: x.view, gy: gy.view, h: h.view)
      let names = [
        "max_pool2d", "avg_pool2d", "max_pool_grad", "avg_pool_grad", "max_pool_grad_grad",
      ]
      for (index, name) in names.enumerated() {
        assertClose(
          got[index], want[index], rtol: 1e-6, atol: 1e-6,
          "\(name) \(dtype) x \(xShape) window \([g.height.window, g.width.window]) strides "
            + "\([g.height.stride, g.width.stride]) pads \([g.height.padBefore, g.width.padBefore])"
        )
      }
    }
  }

  @Test func poolingIsBitIdenticalForAnyThreadCount() {
    var generator = LayoutGenerator(seed: 52)
    let x = generator.values(.float32, count: 16 * 28 * 28 * 32).reshaped(to: [16, 28, 28, 32])
    let saved = Threading.threadCount
    defer { Threading.threadCount = saved }
    var results: [[Tensor]] = []
    for threads in [1, 2, 3] {
      Threading.threadCount = threads
      var outputs: [Tensor] = []
      for (window, stride) in [(2, 2), (3, 1)] {
        let tape = GradientTape()
        tape.watch(x)
        let pooled = tape.record {
          maxPool2D(x, poolSize: (window, window), strides: (stride, stride), padding: .same)
            + avgPool2D(x, poolSize: (window, window), strides: (stride, stride), padding: .same)
        }
        let gradient = tape.gradient(of: pooled, wrt: [x], outputGradient: pooled)[0]
        outputs += [pooled, gradient ?? pooled]
      }
      results.append(outputs)
    }
    for other in results.dropFirst() {
      for (one, another) in zip(results[0], other) { assertIdentical(one, another) }
    }
  }
}

extension TestOperand {
  /// The operand with `transform` applied to its elements in place (layout unchanged).
  func mapped(_ transform: (Double) -> Double) -> TestOperand {
    forEachIndex(view.shape) { index in
      switch view.dtype {
      case .float32: view.store(Float(transform(Double(view.load(Float.self, index)))), index)
      default: view.store(transform(view.load(Double.self, index)), index)
      }
    }
    return self
  }
}
