import RillCore
import RillTestSupport
import Testing

/// `erf`, the worked example of the "Extending Rill" article: its values against the series
/// definition, in both float types and from integers. (Its kernels are checked against the
/// reference loops in `ElementwiseKernelTests`, and its gradient in `GradientCheckTests`.)
@Suite struct ErrorFunctionTests {
  /// erf x = 2/√π Σₙ (−1)ⁿ x^(2n+1) / (n! (2n + 1)), summed until the terms vanish.
  private func seriesErf(_ x: Double) -> Double {
    var (sum, term, n) = (0.0, x, 0.0)
    while Swift.abs(term) > 1e-17 * Swift.max(1, Swift.abs(sum)) {
      sum += term / (2 * n + 1)
      n += 1
      term *= -x * x / n
    }
    return 2 / Double.pi.squareRoot() * sum
  }

  @Test func erfMatchesItsSeries() {
    let points: [Double] = [-3, -2, -1, -0.5, -0.1, 0, 0.1, 0.5, 1, 2, 3]
    let expected = points.map(seriesErf)
    // Hand-checked anchors: erf 1 = 0.8427007929…, erf 0.5 = 0.5204998778…, erf is odd.
    #expect(Swift.abs(expected[8] - 0.842_700_792_949_714_9) < 1e-14)
    #expect(Swift.abs(expected[7] - 0.520_499_877_813_046_5) < 1e-14)
    let x64 = Tensor(points)
    assertClose(erf(x64), Tensor(expected), rtol: 1e-12, atol: 1e-14)
    let x32 = x64.cast(to: .float32)
    assertClose(erf(x32), Tensor(expected).cast(to: .float32), rtol: 1e-6, atol: 1e-7)
    // Integers become float32 first, as in TensorFlow's Python API.
    let fromIntegers = erf(Tensor([-1, 0, 2] as [Int32]))
    #expect(fromIntegers.dtype == .float32)
    assertClose(
      fromIntegers, Tensor([seriesErf(-1), 0, seriesErf(2)]).cast(to: .float32), rtol: 1e-6,
      atol: 1e-7)
  }
}
