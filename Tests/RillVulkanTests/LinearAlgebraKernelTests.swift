import RillVulkan
import Testing

@testable import RillCore

/// Matrix products, gather, scatter-add and random numbers on Vulkan against the CPU device.
@Suite struct LinearAlgebraKernelTests {
  @Test(arguments: [(false, false), (true, false), (false, true), (true, true)])
  func matmulMatchesTheCPUWithTransposesAndBroadcastBatches(_ flags: (Bool, Bool)) {
    let (transposeA, transposeB) = flags
    let (m, k, n) = (67, 45, 130)
    let a = DevicePair.random(shape: transposeA ? [3, k, m] : [3, m, k])
    // One b matrix broadcast over the batch (stride 0).
    let b = DevicePair.random(shape: transposeB ? [1, n, k] : [1, k, n], seed: 8)
    func batch(_ view: DeviceView) -> DeviceView {
      var v = view
      v.shape[0] = 3
      v.strides[0] = 0
      return v
    }
    let y = DevicePair.output(shape: [3, m, n])
    CPUDevice.shared.matmul(
      a.cpu, batch(b.cpu), transposeA: transposeA, transposeB: transposeB, into: y.cpu)
    vulkan.matmul(a.gpu, batch(b.gpu), transposeA: transposeA, transposeB: transposeB, into: y.gpu)
    expectSame(y, rtol: 1e-5, atol: 1e-5, "matmul \(flags)")
  }

  @Test func integerMatmulIsExact() {
    let a = DevicePair.random(dtype: .int32, shape: [1, 5, 70], in: -5...5)
    let b = DevicePair.random(dtype: .int32, shape: [1, 70, 3], in: -5...5, seed: 3)
    let y = DevicePair.output(dtype: .int32, shape: [1, 5, 3])
    CPUDevice.shared.matmul(a.cpu, b.cpu, transposeA: false, transposeB: false, into: y.cpu)
    vulkan.matmul(a.gpu, b.gpu, transposeA: false, transposeB: false, into: y.gpu)
    expectSame(y, rtol: 0, atol: 0, "int32 matmul")
  }

  @Test func gatherAndScatterAddMatchTheCPU() {
    let indices = [4, 0, 4, 2, 2, 2, 1]
    let x = DevicePair.random(shape: [3, 5, 6])
    let gathered = DevicePair.output(shape: [3, indices.count, 6])
    CPUDevice.shared.gather(x.cpu, indices: indices, into: gathered.cpu)
    vulkan.gather(x.gpu, indices: indices, into: gathered.gpu)
    expectSame(gathered, rtol: 0, atol: 0, "gather")
    let g = DevicePair.random(shape: [3, indices.count, 6], seed: 12)
    let scattered = DevicePair.output(shape: [3, 5, 6])
    CPUDevice.shared.scatterAdd(g.cpu, indices: indices, into: scattered.cpu)
    vulkan.scatterAdd(g.gpu, indices: indices, into: scattered.gpu)
    // Each row sums in index order on both devices, so the bits agree.
    expectSame(scattered, rtol: 0, atol: 0, "scatter_add")
  }

  @Test func randomNumbersAreTheCPUsNumbers() {
    let key = RandomKey(value: 0x1234_5678_9abc_def0)
    let distributions: [RandomDistribution] = [
      .uniform(lower: -1, upper: 3), .normal(mean: 1, standardDeviation: 2),
      .truncatedNormal(mean: 0, standardDeviation: 1),
    ]
    for distribution in distributions {
      for dtype in [DType.float32, .float64] {
        let y = DevicePair.output(dtype: dtype, shape: [7, 11])
        CPUDevice.shared.random(distribution, key: key, into: y.cpu)
        vulkan.random(distribution, key: key, into: y.gpu)
        // float32 bit for bit; float64 within the ulps of the shader's log, sin and cos.
        let tolerance = dtype == .float32 ? 0 : 1e-15
        expectSame(y, rtol: tolerance, atol: tolerance, "\(distribution.name) \(dtype)")
      }
    }
  }
}
