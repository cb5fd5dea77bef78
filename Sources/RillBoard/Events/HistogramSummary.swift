import RillCore
import TensorBoardProtos

/// The distribution of a set of values as TensorBoard's Histograms tab shows it: count, sum,
/// extremes and bucket counts (TensorFlow's `HistogramProto`).
///
/// The buckets are TensorFlow's default exponential ones, so a histogram written by Rill looks
/// like one written by `tf.compat.v1.summary.histogram`: bucket limits grow by 10% from 1e-12
/// to 1e20, mirrored for negative values, with 0 and ±`Double.greatestFiniteMagnitude` as the
/// outer and middle limits. Bucket *i* counts the values *v* with `limit[i-1] <= v < limit[i]`,
/// and runs of empty buckets are merged into one (empty) bucket that ends at the last limit of
/// the run, exactly as TensorFlow's `Histogram::EncodeToProto` does.
///
/// ```swift
/// let summary = HistogramSummary([0.5, 1.0, 2.0, -3.0])
/// summary.count          // 4
/// summary.bucketCounts   // [0, 1, 0, 1, 0, 1, 0, 1, 0]
/// ```
///
/// TensorFlow rejects non-finite values with an error. Rill leaves NaN and ±infinity out of
/// every statistic and bucket (``nonFiniteCount`` says how many were left out), so one bad
/// value does not lose the whole histogram. With no finite values at all the summary is
/// TensorFlow's empty histogram: `min` is `Double.greatestFiniteMagnitude`, `max` its
/// negative, and a single empty bucket ends at `Double.greatestFiniteMagnitude`.
public struct HistogramSummary: Equatable, Sendable {
  /// The smallest value.
  public var min: Double
  /// The largest value.
  public var max: Double
  /// The number of values counted.
  public var count: Double
  /// The sum of the values counted.
  public var sum: Double
  /// The sum of the squares of the values counted.
  public var sumOfSquares: Double
  /// The upper bound (exclusive) of each bucket.
  public var bucketLimits: [Double]
  /// The number of values in each bucket.
  public var bucketCounts: [Double]
  /// How many NaN or infinite values were left out.
  public var nonFiniteCount: Int

  /// Summarizes `values` into TensorFlow's default buckets.
  ///
  /// - Complexity: O(*n* log *b*) for *n* values and *b* ≈ 1,500 default buckets.
  public init<Values: Sequence>(_ values: Values) where Values.Element == Double {
    let limits = HistogramSummary.defaultBucketLimits
    var counts = [Double](repeating: 0, count: limits.count)
    var minimum = Double.greatestFiniteMagnitude
    var maximum = -Double.greatestFiniteMagnitude
    var count = 0.0
    var sum = 0.0
    var sumOfSquares = 0.0
    var nonFinite = 0
    for value in values {
      guard value.isFinite else {
        nonFinite += 1
        continue
      }
      counts[HistogramSummary.bucketIndex(of: value, limits: limits)] += 1
      minimum = Swift.min(minimum, value)
      maximum = Swift.max(maximum, value)
      count += 1
      sum += value
      sumOfSquares += value * value
    }
    self.min = minimum
    self.max = maximum
    self.count = count
    self.sum = sum
    self.sumOfSquares = sumOfSquares
    self.nonFiniteCount = nonFinite
    (bucketLimits, bucketCounts) = HistogramSummary.mergingEmptyRuns(limits: limits, counts: counts)
  }

  /// A histogram with the given statistics and buckets, as an event file stores them (the
  /// non-finite count is not stored there and is 0).
  init(
    min: Double, max: Double, count: Double, sum: Double, sumOfSquares: Double,
    bucketLimits: [Double], bucketCounts: [Double]
  ) {
    self.min = min
    self.max = max
    self.count = count
    self.sum = sum
    self.sumOfSquares = sumOfSquares
    self.bucketLimits = bucketLimits
    self.bucketCounts = bucketCounts
    self.nonFiniteCount = 0
  }

  /// The histogram that a `HistogramProto` read from an event file holds.
  init(_ message: Tensorflow_HistogramProto) {
    self.init(
      min: message.min, max: message.max, count: message.num, sum: message.sum,
      sumOfSquares: message.sumSquares, bucketLimits: message.bucketLimit,
      bucketCounts: message.bucket)
  }

  /// Summarizes every element of `tensor`, read as `Double`.
  public init(_ tensor: Tensor) {
    self.init(tensor.scalars(as: Double.self))
  }

  /// TensorFlow's default bucket limits: ±1e-12 · 1.1ᵏ up to 1e20, 0, and ±the largest double.
  ///
  /// The limits are made by repeated multiplication, as TensorFlow makes them, so that values
  /// on a boundary land in the same bucket.
  static let defaultBucketLimits: [Double] = {
    var positive: [Double] = []
    var limit = 1.0e-12
    while limit < 1.0e20 {
      positive.append(limit)
      limit *= 1.1
    }
    positive.append(Double.greatestFiniteMagnitude)
    return positive.reversed().map { -$0 } + [0] + positive
  }()

  /// The index of the first limit greater than `value` (C++'s `std::upper_bound`).
  static func bucketIndex(of value: Double, limits: [Double]) -> Int {
    var low = 0
    var high = limits.count - 1  // the last limit is the largest double, greater than any value
    while low < high {
      let middle = (low + high) / 2
      if limits[middle] > value { high = middle } else { low = middle + 1 }
    }
    return low
  }

  /// The buckets with each run of empty buckets merged into one that ends where the run ends.
  static func mergingEmptyRuns(limits: [Double], counts: [Double]) -> ([Double], [Double]) {
    var mergedLimits: [Double] = []
    var mergedCounts: [Double] = []
    var index = 0
    while index < counts.count {
      var end = limits[index]
      var count = counts[index]
      var next = index + 1
      while count <= 0 && next < counts.count && counts[next] <= 0 {
        end = limits[next]
        count = counts[next]
        next += 1
      }
      mergedLimits.append(end)
      mergedCounts.append(count)
      index = next
    }
    return (mergedLimits, mergedCounts)
  }

  /// The histogram as the generated `HistogramProto` message.
  var message: Tensorflow_HistogramProto {
    var proto = Tensorflow_HistogramProto()
    proto.min = min
    proto.max = max
    proto.num = count
    proto.sum = sum
    proto.sumSquares = sumOfSquares
    proto.bucketLimit = bucketLimits
    proto.bucket = bucketCounts
    return proto
  }
}
