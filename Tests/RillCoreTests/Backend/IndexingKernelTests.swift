import RillTestSupport
import Testing

@testable import RillCore

/// Gather, its gradient scatter-add, and the random-number kernels against the reference.
struct IndexingKernelTests {
  @Test func gatherAndScatterAddMatchReference() {
    var generator = LayoutGenerator(seed: 30)
    for dtype in [DType.float32, .float64, .int32, .int64, .uint8] {
      for trial in 0..<10 {
        let (outer, size, inner) =
          trial == 9
          ? (4, 50, 3000)
          : (
            Int.random(in: 1...4, using: &generator.random),
            Int.random(in: 1...6, using: &generator.random),
            Int.random(in: 1...5, using: &generator.random)
          )
        let count = Int.random(in: 1...8, using: &generator.random)
        let indices = (0..<count).map { _ in Int.random(in: 0..<size, using: &generator.random) }
        let x = generator.operand(dtype, shape: [outer, size, inner], allowBroadcast: true)
        let (got, want) = (
          output(dtype, [outer, count, inner]), output(dtype, [outer, count, inner])
        )
        fast.gather(x.view, indices: indices, into: got.view)
        reference.gather(x.view, indices: indices, into: want.view)
        assertIdentical(got, want, "gather \(dtype) \([outer, size, inner]) at \(indices)")

        let updates = generator.operand(dtype, shape: [outer, count, inner], allowBroadcast: true)
        let (sums, expected) = (
          output(dtype, [outer, size, inner]), output(dtype, [outer, size, inner])
        )
        fast.scatterAdd(updates.view, indices: indices, into: sums.view)
        reference.scatterAdd(updates.view, indices: indices, into: expected.view)
        assertClose(sums, expected, rtol: 1e-6, atol: 1e-6, "scatter_add \(dtype) at \(indices)")
      }
    }
  }

  @Test func randomKernelsMatchReferenceElementByElement() {
    let distributions: [RandomDistribution] = [
      .uniform(lower: -2, upper: 3), .normal(mean: 1, standardDeviation: 2),
      .truncatedNormal(mean: 0, standardDeviation: 1),
    ]
    for distribution in distributions {
      for dtype in [DType.float32, .float64] {
        for shape in [[], [7], [3, 5], [40001]] as [[Int]] {
          let key = RandomKey(value: 12345)
          let (got, want) = (output(dtype, shape), output(dtype, shape))
          fast.random(distribution, key: key, into: got.view)
          reference.random(distribution, key: key, into: want.view)
          assertIdentical(got, want, "\(distribution.name) \(dtype) \(shape)")
        }
      }
    }
  }

  @Test func philoxMatchesThePublishedKnownAnswer() {
    // Random123's known answers for philox4x32-10 (counter words low first, then the key).
    #expect(
      Philox.block(key: 0, counter: 0, stream: 0)
        == SIMD4(0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8))
    let ones = Philox.block(
      key: 0xFFFF_FFFF_FFFF_FFFF, counter: 0xFFFF_FFFF_FFFF_FFFF, stream: 0xFFFF_FFFF_FFFF_FFFF)
    #expect(ones == SIMD4(0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd))
    let pi = Philox.block(
      key: 0x299f_31d0_a409_3822, counter: 0x85a3_08d3_243f_6a88, stream: 0x0370_7344_1319_8a2e)
    #expect(pi == SIMD4(0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1))
  }
}
