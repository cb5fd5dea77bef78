import RillTestSupport
import Testing

@testable import RillCore

/// The CPU device's reductions, scans and arg-reductions against the reference device.
struct ReduceKernelTests {
  @Test(arguments: ReduceFunction.allCases)
  func reduceMatchesReference(_ function: ReduceFunction) {
    var generator = LayoutGenerator(seed: 10)
    let dtypes: [DType] =
      function == .mean ? [.float32, .float64] : [.float32, .float64, .int32, .int64, .uint8]
    for dtype in dtypes {
      for trial in 0..<16 {
        // Trials 14 and 15 are large enough for blocked partial results and threads.
        let shape =
          trial == 14 ? [7, 70000] : (trial == 15 ? [300, 3, 401] : generator.shape(maxRank: 4))
        let axes = shape.indices.filter { _ in Bool.random(using: &generator.random) }
        let range: ClosedRange<Double> = function == .product ? 0.9...1.1 : -2...2
        let x = generator.operand(dtype, shape: shape, allowBroadcast: true, range: range)
        var outputShape = shape
        for axis in axes { outputShape[axis] = 1 }
        let (got, want) = (output(dtype, outputShape), output(dtype, outputShape))
        fast.reduce(function, x.view, axes: axes, into: got.view)
        reference.reduce(function, x.view, axes: axes, into: want.view)
        // Float sums differ from the reference's sequential order only by rounding.
        let count = Double(axes.map { shape[$0] }.reduce(1, *))
        let tolerance = dtype.isFloatingPoint ? 1e-6 * count.squareRoot() + 1e-6 : 0
        assertClose(
          got, want, rtol: tolerance, atol: tolerance,
          "\(function.name) \(dtype) \(shape) over \(axes)")
      }
    }
  }

  /// Column reductions equal the reference's sequential fold bit for bit.
  ///
  /// Reductions over outer axes of contiguous rows fold rows several at a time, but each output
  /// still sees its rows in order, for row counts around the kernel's group of eight and odd
  /// widths. Stepped or reversed inputs (the strided paths) agree up to rounding.
  @Test(arguments: [ReduceFunction.sum, .max, .min, .product])
  func columnReductionsMatchTheSequentialFold(_ function: ReduceFunction) {
    var generator = LayoutGenerator(seed: 12)
    let range: ClosedRange<Double> = function == .product ? 0.9...1.1 : -2...2
    for dtype in [DType.float32, .float64, .int32, .uint8] {
      for (rows, columns) in [(1, 5), (7, 3), (8, 17), (9, 1000), (17, 33), (300, 301), (64, 9000)]
      {
        for layout in 0..<3 {
          let x: TestOperand
          switch layout {
          case 0:
            x = .dense(
              generator.values(dtype, count: rows * columns, range: range)
                .reshaped(to: [rows, columns]))
          case 1:
            // Every other column of a wider matrix: the rows are not contiguous.
            let wide = generator.values(dtype, count: rows * columns * 2, range: range)
              .reshaped(to: [rows, columns * 2])
            let view = wide.view
            x = TestOperand(
              parent: wide,
              view: StridedView(
                data: view.data, dtype: dtype, shape: [rows, columns],
                strides: [columns * 2, 2], owner: view.owner))
          default:
            x = generator.operand(dtype, shape: [rows, columns], range: range)
          }
          let (got, want) = (output(dtype, [1, columns]), output(dtype, [1, columns]))
          fast.reduce(function, x.view, axes: [0], into: got.view)
          reference.reduce(function, x.view, axes: [0], into: want.view)
          if layout == 0 || !dtype.isFloatingPoint || function == .max || function == .min {
            assertIdentical(
              got, want, "\(function.name) \(dtype) [\(rows), \(columns)] layout \(layout)")
          } else {
            // Rows that are not contiguous take the strided path, whose float folds run in
            // interleaved lanes: equal up to rounding.
            let tolerance = 1e-6 * Double(rows).squareRoot() + 1e-6
            assertClose(
              got, want, rtol: tolerance, atol: tolerance,
              "\(function.name) \(dtype) [\(rows), \(columns)] layout \(layout)")
          }
        }
      }
    }
    // Two reduced axes around a kept contiguous one, rows not a multiple of eight.
    let cube = generator.values(.float32, count: 5 * 3 * 7 * 130).reshaped(to: [5, 3, 7, 130])
    let (got, want) = (output(.float32, [1, 3, 1, 130]), output(.float32, [1, 3, 1, 130]))
    fast.reduce(function, cube.view, axes: [0, 2], into: got.view)
    reference.reduce(function, cube.view, axes: [0, 2], into: want.view)
    assertIdentical(got, want, "\(function.name) over axes 0 and 2")
  }

  @Test func columnMaximumKeepsNaN() {
    var values = [Float](repeating: 1, count: 19 * 40)
    values[11 * 40 + 3] = .nan
    values[18 * 40 + 39] = .nan
    let x = Tensor(shape: [19, 40], scalars: values)
    let maxima = x.max(alongAxes: [0]).scalars(as: Float.self)
    let minima = x.min(alongAxes: [0]).scalars(as: Float.self)
    for column in 0..<40 {
      let poisoned = column == 3 || column == 39
      #expect(maxima[column].isNaN == poisoned, "max column \(column)")
      #expect(minima[column].isNaN == poisoned, "min column \(column)")
    }
  }

  @Test func reductionOfNothingIsTheIdentity() {
    let x = Tensor.zeros(shape: [3, 0])
    #expect(x.sum(alongAxes: [1]).scalars(as: Float.self) == [0, 0, 0])
    #expect(x.product(alongAxes: [1]).scalars(as: Float.self) == [1, 1, 1])
    #expect(x.max(alongAxes: [1]).scalars(as: Float.self) == [-.infinity, -.infinity, -.infinity])
  }

  @Test func largeReductionsAreBitIdenticalForAnyThreadCount() {
    var generator = LayoutGenerator(seed: 11)
    let x = generator.values(.float32, count: 1 << 20).reshaped(to: [1024, 1024])
    let saved = Threading.threadCount
    defer { Threading.threadCount = saved }
    var results: [[Tensor]] = []
    for threads in [1, 2, 3] {
      Threading.threadCount = threads
      results.append([
        x.sum(), x.sum(alongAxes: [0]), x.sum(alongAxes: [1]), x.mean(), x.max(alongAxes: [0]),
        x.cumulativeSum(alongAxis: 0), exp(x), matmul(x[..<64], x[..<64], transposeB: true),
      ])
    }
    for (one, other) in zip(results[0], results[1]) { assertIdentical(one, other) }
    for (one, other) in zip(results[0], results[2]) { assertIdentical(one, other) }
  }

  @Test(arguments: ArgReduceFunction.allCases)
  func argReduceMatchesReference(_ function: ArgReduceFunction) {
    var generator = LayoutGenerator(seed: 12)
    for dtype in [DType.float32, .float64, .int32, .int64, .uint8] {
      for trial in 0..<12 {
        var shape = trial == 11 ? [500, 300] : generator.shape(maxRank: 3)
        if shape.isEmpty { shape = [5] }
        let axis = Int.random(in: 0..<shape.count, using: &generator.random)
        let x = generator.operand(dtype, shape: shape, allowBroadcast: true, range: -3...3)
        var outputShape = shape
        outputShape[axis] = 1
        let (got, want) = (output(.int64, outputShape), output(.int64, outputShape))
        fast.argReduce(function, x.view, axis: axis, into: got.view)
        reference.argReduce(function, x.view, axis: axis, into: want.view)
        assertIdentical(got, want, "\(function.name) \(dtype) \(shape) along \(axis)")
      }
    }
  }

  @Test func argmaxPrefersTheFirstOfTiesAndNaN() {
    let x = Tensor([1, 3, 3, .nan, 2, .nan] as [Float])
    #expect(x.argmax(alongAxis: 0).item(as: Int.self) == 3)
    #expect(x[..<3].argmax(alongAxis: 0).item(as: Int.self) == 1)
    #expect(x[..<3].argmin(alongAxis: 0).item(as: Int.self) == 0)
  }

  @Test func cumulativeSumMatchesReference() {
    var generator = LayoutGenerator(seed: 13)
    for dtype in [DType.float32, .float64, .int32, .int64, .uint8] {
      for trial in 0..<16 {
        var shape = trial == 15 ? [1000, 300] : generator.shape(maxRank: 3)
        if shape.isEmpty { shape = [4] }
        let axis = Int.random(in: 0..<shape.count, using: &generator.random)
        let exclusive = trial % 2 == 0
        let reverse = trial % 4 < 2
        let x = generator.operand(dtype, shape: shape, allowBroadcast: true)
        let (got, want) = (output(dtype, shape), output(dtype, shape))
        fast.cumulativeSum(
          x.view, axis: axis, exclusive: exclusive, reverse: reverse, into: got.view)
        reference.cumulativeSum(
          x.view, axis: axis, exclusive: exclusive, reverse: reverse, into: want.view)
        assertIdentical(
          got, want,
          "cumsum \(dtype) \(shape) along \(axis) exclusive \(exclusive) reverse \(reverse)")
      }
    }
  }
}
