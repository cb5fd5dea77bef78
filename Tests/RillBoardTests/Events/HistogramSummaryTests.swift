import RillCore
import Testing

@testable import RillBoard

/// Histograms against `tf.compat.v1.summary.histogram` (TensorFlow 2.21's C++ histogram,
/// evaluated on float64 constants and printed with full precision).
@Suite struct HistogramSummaryTests {
  private let largest = Double.greatestFiniteMagnitude

  @Test func fourValuesMatchTensorFlow() {
    let summary = HistogramSummary([0.5, 1.0, 2.0, -3.0])
    #expect(summary.min == -3)
    #expect(summary.max == 2)
    #expect(summary.count == 4)
    #expect(summary.sum == 0.5)
    #expect(summary.sumOfSquares == 14.25)
    #expect(
      summary.bucketLimits == [
        -3.1665833053880363, -2.8787120958073054, 0.47069243095356195, 0.5177616740489182,
        0.917246389039776, 1.0089710279437536, 1.9661990955585713, 2.1628190051144287, largest,
      ])
    #expect(summary.bucketCounts == [0, 1, 0, 1, 0, 1, 0, 1, 0])
  }

  @Test func zeroAndTinyValuesLandBesideTheZeroLimit() {
    // TensorFlow: [0.0] → limits [0, 1e-12, max], counts [0, 1, 0].
    let zero = HistogramSummary([0.0])
    #expect(zero.bucketLimits == [0, 1e-12, largest])
    #expect(zero.bucketCounts == [0, 1, 0])
    // TensorFlow: [1e-13, -1e-13, 1e25].
    let tiny = HistogramSummary([1e-13, -1e-13, 1e25])
    #expect(tiny.bucketLimits == [-1e-12, 0, 1e-12, 9.920775621859783e+19, largest])
    #expect(tiny.bucketCounts == [0, 1, 1, 0, 1])
    #expect(tiny.sumOfSquares == 1.0000000000000003e+50)
  }

  @Test func emptyHistogramIsTensorFlowsEmptyHistogram() {
    let empty = HistogramSummary([Double]())
    #expect(empty.min == largest)
    #expect(empty.max == -largest)
    #expect(empty.count == 0)
    #expect(empty.sum == 0)
    #expect(empty.bucketLimits == [largest])
    #expect(empty.bucketCounts == [0])
  }

  @Test func nonFiniteValuesAreLeftOutAndCounted() {
    // TensorFlow refuses NaN and infinities; Rill drops them and summarizes the rest, so the
    // result equals the histogram of [1.0] alone (TensorFlow: limits [0.917…, 1.0089…, max]).
    let summary = HistogramSummary([1.0, .nan, .infinity, -.infinity])
    #expect(summary.nonFiniteCount == 3)
    #expect(summary.count == 1)
    #expect(summary.min == 1 && summary.max == 1 && summary.sum == 1)
    #expect(summary.bucketLimits == [0.917246389039776, 1.0089710279437536, largest])
    #expect(summary.bucketCounts == [0, 1, 0])
  }

  @Test func tensorElementsAreCountedInAnyShape() {
    let tensor = Tensor(shape: [2, 2], scalars: [0.5, 1.0, 2.0, -3.0] as [Float])
    #expect(HistogramSummary(tensor) == HistogramSummary([0.5, 1.0, 2.0, -3.0]))
  }

  @Test func defaultLimitsAreSymmetricAroundZero() {
    let limits = HistogramSummary.defaultBucketLimits
    #expect(limits.count % 2 == 1)
    #expect(limits[limits.count / 2] == 0)
    #expect(limits.first == -largest && limits.last == largest)
    #expect(zip(limits, limits.dropFirst()).allSatisfy { $0 < $1 })
    #expect(limits[limits.count / 2 + 1] == 1e-12)
  }
}
