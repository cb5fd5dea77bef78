import RillTestSupport
import Testing

@testable import RillCore

/// The CPU device's matrix products (oneDNN or OpenBLAS for floats, its own loop for integers)
/// against the reference device, with transposes, broadcast batches and non-contiguous operands.
struct MatMulKernelTests {
  @Test func matmulMatchesReference() {
    var generator = LayoutGenerator(seed: 20)
    for dtype in [DType.float32, .float64, .int32, .int64, .uint8] {
      for trial in 0..<24 {
        let batch = Int.random(in: 1...3, using: &generator.random)
        let (m, n, k) =
          trial >= 20  // big enough for oneDNN in float32, with each pair of transposes
          ? (130, 70, 257)
          : (
            Int.random(in: 1...9, using: &generator.random),
            Int.random(in: 1...9, using: &generator.random),
            Int.random(in: 0...9, using: &generator.random)
          )
        let transposeA = trial % 2 == 1
        let transposeB = trial % 4 >= 2
        let a = generator.operand(
          dtype, shape: [batch, transposeA ? k : m, transposeA ? m : k], allowBroadcast: true,
          range: -2...2)
        let b = generator.operand(
          dtype, shape: [batch, transposeB ? n : k, transposeB ? k : n], allowBroadcast: true,
          range: -2...2)
        let (got, want) = (output(dtype, [batch, m, n]), output(dtype, [batch, m, n]))
        fast.matmul(a.view, b.view, transposeA: transposeA, transposeB: transposeB, into: got.view)
        reference.matmul(
          a.view, b.view, transposeA: transposeA, transposeB: transposeB, into: want.view)
        // BLAS sums in another order (and with fused multiply-adds): allow rounding per term.
        let tolerance = dtype.isFloatingPoint ? 1e-6 * Double(k + 1) : 0
        assertClose(
          got, want, rtol: tolerance, atol: tolerance,
          "matmul \(dtype) [\(batch), \(m), \(k)] × [\(k), \(n)] ta \(transposeA) tb \(transposeB)")
      }
    }
  }

  @Test func matmulIsBitIdenticalForAnyThreadCount() {
    // Narrow outputs ([512, 512] × [512, 10], hᵀ·g) once took another OpenBLAS kernel when the
    // blocks followed the thread count; square and tall products split into 2, 4 and 8 blocks.
    var generator = LayoutGenerator(seed: 21)
    let shapes = [
      (512, 10, 512), (512, 128, 784), (784, 128, 512), (256, 256, 256), (1000, 70, 300),
    ]
    let saved = Threading.threadCount
    defer { Threading.threadCount = saved }
    for (m, n, k) in shapes {
      let a = generator.values(.float32, count: m * k).reshaped(to: [m, k])
      let b = generator.values(.float32, count: k * n).reshaped(to: [k, n])
      var results: [Tensor] = []
      for threads in [1, 2, 3, 4, 7] {
        Threading.threadCount = threads
        results.append(matmul(a, b))
      }
      for other in results.dropFirst() {
        assertIdentical(results[0], other, "[\(m), \(k)] × [\(k), \(n)]")
      }
    }
  }

  @Test func oneDNNHasKernelsForTheTrainingProducts() throws {
    let library = try #require(OneDNN.shared)
    // The MNIST MLP's first layer: x·W, xᵀ·g (a transposed) and g·Wᵀ (b transposed).
    for (m, n, k, transposeA, transposeB) in [
      (128, 128, 784, false, false), (784, 128, 128, true, false), (128, 784, 128, false, true),
    ] {
      let (lda, ldb) = (transposeA ? m : k, transposeB ? k : n)
      let key = OneDNNMatMul.Key(
        m: m, n: n, k: k, aRowStride: transposeA ? 1 : lda, aColumnStride: transposeA ? lda : 1,
        bRowStride: transposeB ? 1 : ldb, bColumnStride: transposeB ? ldb : 1, yRowStride: n)
      #expect(library.matMul(key) != nil, "\(m)×\(k) · \(k)×\(n)")
    }
  }

  @Test func gemmBlocksDependOnTheShapeAlone() {
    #expect(GEMMBlocking.blockCount(work: 1 << 20, extent: 4096) == 1)
    #expect(GEMMBlocking.blockCount(work: 2 * 256 * 256 * 256, extent: 256) == 2)
    #expect(GEMMBlocking.blockCount(work: 2 * 3136 * 1024 * 128, extent: 3136) == 8)
    #expect(GEMMBlocking.blockCount(work: 1 << 30, extent: 100) == 1)
    for (extent, count) in [(3136, 8), (130, 2), (256, 4), (64, 1)] {
      var next = 0
      for index in 0..<count {
        let (start, length) = GEMMBlocking.block(index, of: count, extent: extent)
        #expect(start == next && start % 64 == 0 && length > 0)
        next = start + length
      }
      #expect(next == extent)
    }
  }
}
