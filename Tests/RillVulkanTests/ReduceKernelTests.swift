import RillCore
import RillVulkan
import Testing

/// Reductions, arg-reductions and running sums on Vulkan against the CPU device.
@Suite struct ReduceKernelTests {
  static let cases: [(shape: [Int], axes: [Int])] = [
    ([17], [0]), ([5, 300], [1]), ([300, 5], [0]), ([4, 6, 7], [0, 2]), ([3, 1, 2000], [2]),
    ([2, 3, 4], [0, 1, 2]),
  ]

  @Test(arguments: ReduceFunction.allCases)
  func float32ReductionsMatchTheCPU(_ function: ReduceFunction) {
    for (shape, axes) in Self.cases {
      let x = DevicePair.random(shape: shape, in: function == .product ? 0.9...1.1 : -2...2)
      var outShape = shape
      for axis in axes { outShape[axis] = 1 }
      let y = DevicePair.output(shape: outShape)
      CPUDevice.shared.reduce(function, x.cpu, axes: axes, into: y.cpu)
      vulkan.reduce(function, x.gpu, axes: axes, into: y.gpu)
      expectSame(y, rtol: 1e-5, atol: 1e-5, "\(function.name) \(shape) over \(axes)")
    }
  }

  @Test(arguments: [DType.int32, .int64])
  func integerReductionsMatchTheCPUExactly(_ dtype: DType) {
    for function in [ReduceFunction.sum, .max, .min, .product] {
      let x = DevicePair.random(dtype: dtype, shape: [6, 500], in: -3...3)
      let y = DevicePair.output(dtype: dtype, shape: [6, 1])
      CPUDevice.shared.reduce(function, x.cpu, axes: [1], into: y.cpu)
      vulkan.reduce(function, x.gpu, axes: [1], into: y.gpu)
      expectSame(y, rtol: 0, atol: 0, "\(function.name) \(dtype)")
    }
  }

  @Test func reductionsGiveTheSameBitsOnEveryRun() {
    let x = DevicePair.random(shape: [3, 100_000])
    var runs: [[Double]] = []
    for _ in 0..<3 {
      let y = DevicePair.output(shape: [3, 1])
      vulkan.reduce(.sum, x.gpu, axes: [1], into: y.gpu)
      runs.append(elements(y.gpu))
    }
    #expect(runs[0] == runs[1] && runs[1] == runs[2])
  }

  @Test func maxPropagatesNaN() {
    let x = DevicePair([1, .nan, 3, 4, 5, 6], shape: [2, 3])
    let y = DevicePair.output(shape: [2, 1])
    vulkan.reduce(.max, x.gpu, axes: [1], into: y.gpu)
    let values = elements(y.gpu)
    #expect(values[0].isNaN && values[1] == 6)
  }

  @Test(arguments: ArgReduceFunction.allCases)
  func argReductionsMatchTheCPU(_ function: ArgReduceFunction) {
    let x = DevicePair([3, 1, 3, 0, 7, 7, -1, .nan, 2, 5, 5, 5], shape: [3, 4])
    for axis in [0, 1] {
      var outShape = [3, 4]
      outShape[axis] = 1
      let y = DevicePair.output(dtype: .int64, shape: outShape)
      CPUDevice.shared.argReduce(function, x.cpu, axis: axis, into: y.cpu)
      vulkan.argReduce(function, x.gpu, axis: axis, into: y.gpu)
      expectSame(y, rtol: 0, atol: 0, "\(function.name) axis \(axis)")
    }
  }

  @Test func cumulativeSumsMatchTheCPUInEveryDirection() {
    let x = DevicePair.random(shape: [4, 9, 3])
    for axis in [0, 1, 2] {
      for (exclusive, reverse) in [(false, false), (true, false), (false, true), (true, true)] {
        let y = DevicePair.output(shape: [4, 9, 3])
        CPUDevice.shared.cumulativeSum(
          x.cpu, axis: axis, exclusive: exclusive, reverse: reverse, into: y.cpu)
        vulkan.cumulativeSum(x.gpu, axis: axis, exclusive: exclusive, reverse: reverse, into: y.gpu)
        expectSame(y, rtol: 1e-5, atol: 1e-6, "cumsum axis \(axis) \(exclusive) \(reverse)")
      }
    }
  }
}
