import RillTestSupport
import Testing

@testable import RillCore

/// The CPU device's matrix products (OpenBLAS for floats, its own loop for integers) against the
/// reference device, with transposes, broadcast batches and non-contiguous operands.
struct MatMulKernelTests {
  @Test func matmulMatchesReference() {
    var generator = LayoutGenerator(seed: 20)
    for dtype in [DType.float32, .float64, .int32, .int64, .uint8] {
      for trial in 0..<24 {
        let batch = Int.random(in: 1...3, using: &generator.random)
        let (m, n, k) =
          trial == 23
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
}
