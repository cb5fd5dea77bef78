import Foundation
import RillTestSupport
import Testing

@testable import RillCore

/// The CPU device's elementwise kernels against the reference device, on random shapes and
/// layouts (transposed, reversed, stepped and broadcast operands).
struct ElementwiseKernelTests {
  /// Float tolerance for the CPU's own exp, log and tanh approximations (a few ulp).
  static let floatTolerance = 1e-6

  @Test(arguments: UnaryFunction.allCases)
  func unaryMatchesReference(_ function: UnaryFunction) {
    var generator = LayoutGenerator(seed: 1)
    let dtypes: [DType] =
      function == .logicalNot
      ? [.bool]
      : [.float32, .float64] + (function.acceptsIntegers ? [.int32, .int64, .uint8] : [])
    let positiveOnly: Set<UnaryFunction> = [.sqrt, .rsqrt, .log, .log1p]
    for dtype in dtypes {
      for trial in 0..<12 {
        // The last trial is large enough for the threaded path.
        let shape = trial == 11 ? [3, function.isCostly ? 9000 : 50000] : generator.shape()
        let x = generator.operand(
          dtype, shape: shape, allowBroadcast: true,
          range: positiveOnly.contains(function) ? 0.01...6 : -6...6)
        let (got, want) = (output(dtype, shape), output(dtype, shape))
        fast.unary(function, x.view, into: got.view)
        reference.unary(function, x.view, into: want.view)
        assertClose(
          got, want, rtol: Self.floatTolerance, atol: 0, "\(function.name) \(dtype) \(shape)")
      }
    }
  }

  @Test func transcendentalsHandleSpecialValues() {
    let inputs: [Float] = [
      -.infinity, -200, -104, -103.9, -100, -88, -87.5, -20, -1e-3, -0.0, 0, 1e-30, 1e-8, 0.25,
      0.5, 0.49999, 1, 20, 88, 88.7, 89, 100, .infinity, .nan, .leastNonzeroMagnitude,
      .leastNormalMagnitude, .greatestFiniteMagnitude,
    ]
    let x = Tensor(inputs)
    for function in [UnaryFunction.exp, .log, .tanh, .sigmoid] {
      let got = output(.float32, [inputs.count])
      let want = output(.float32, [inputs.count])
      fast.unary(function, x.view, into: got.view)
      reference.unary(function, x.view, into: want.view)
      assertClose(
        got, want, rtol: Self.floatTolerance, atol: 1e-44, "\(function.name) at \(inputs)")
    }
  }

  /// The vectorized square root is IEEE's correctly rounded one: bit for bit the scalar result,
  /// NaN for negative inputs, over special values and a span long enough for the vector loop.
  @Test func squareRootsAreCorrectlyRounded() {
    var generator = LayoutGenerator(seed: 13)
    let special: [Double] = [
      -.infinity, -2, -1e-30, -0.0, 0, 1e-40, 1e-30, 0.25, 2, 3, 1e30, .infinity, .nan,
    ]
    let random = generator.values(.float64, count: 1000, range: 0...1e6).scalars(as: Double.self)
    for dtype in [DType.float32, .float64] {
      let x = Tensor(special + random).cast(to: dtype)
      for function in [UnaryFunction.sqrt, .rsqrt] {
        let (got, want) = (output(dtype, [x.scalarCount]), output(dtype, [x.scalarCount]))
        fast.unary(function, x.view, into: got.view)
        reference.unary(function, x.view, into: want.view)
        assertIdentical(got, want, "\(function.name) \(dtype)")
      }
    }
  }

  @Test(arguments: BinaryFunction.allCases)
  func binaryMatchesReference(_ function: BinaryFunction) {
    var generator = LayoutGenerator(seed: 2)
    for dtype in [DType.float32, .float64, .int32, .int64, .uint8] {
      for trial in 0..<12 {
        let shape = trial == 11 ? [400, 700] : generator.shape()
        let positive = function == .pow
        let range: ClosedRange<Double> = positive ? 0.1...3 : -6...6
        let a = generator.operand(dtype, shape: shape, allowBroadcast: true, range: range)
        let b = generator.operand(dtype, shape: shape, allowBroadcast: true, range: range)
        let (got, want) = (output(dtype, shape), output(dtype, shape))
        fast.binary(function, a.view, b.view, into: got.view)
        reference.binary(function, a.view, b.view, into: want.view)
        // floorMod's u − ⌊u/v⌋·v may be computed with a fused multiply-add: its rounding error
        // is relative to the operands, not to the (smaller) result.
        let atol = function == .floorMod && dtype.isFloatingPoint ? 1e-6 : 0
        assertClose(got, want, rtol: 1e-6, atol: atol, "\(function.name) \(dtype) \(shape)")
      }
    }
  }

  @Test func integerDivisionFloorsAndNeverTraps() {
    let a = Tensor([7, -7, 7, -7, 5, Int32.min, 3] as [Int32])
    let b = Tensor([2, 2, -2, -2, 0, -1, 0] as [Int32])
    let quotient = output(.int32, [7])
    let remainder = output(.int32, [7])
    fast.binary(.divide, a.view, b.view, into: quotient.view)
    fast.binary(.floorMod, a.view, b.view, into: remainder.view)
    // Python: 7 // 2 = 3, -7 // 2 = -4, 7 // -2 = -4, -7 // -2 = 3; zero divisors give 0 here.
    #expect(quotient.scalars(as: Int32.self) == [3, -4, -4, 3, 0, Int32.min, 0])
    #expect(remainder.scalars(as: Int32.self) == [1, 1, -1, -1, 0, 0, 0])
  }

  @Test(arguments: ComparisonFunction.allCases)
  func comparisonMatchesReference(_ function: ComparisonFunction) {
    var generator = LayoutGenerator(seed: 3)
    let logical = function == .logicalAnd || function == .logicalOr
    let dtypes: [DType] = logical ? [.bool] : [.float32, .float64, .int32, .int64, .uint8, .bool]
    for dtype in dtypes {
      for trial in 0..<10 {
        let shape = trial == 9 ? [200, 1000] : generator.shape()
        let a = generator.operand(dtype, shape: shape, allowBroadcast: true, range: -2...2)
        let b = generator.operand(dtype, shape: shape, allowBroadcast: true, range: -2...2)
        let (got, want) = (output(.bool, shape), output(.bool, shape))
        fast.compare(function, a.view, b.view, into: got.view)
        reference.compare(function, a.view, b.view, into: want.view)
        assertIdentical(got, want, "\(function.name) \(dtype) \(shape)")
      }
    }
  }

  @Test func selectMatchesReference() {
    var generator = LayoutGenerator(seed: 4)
    for dtype in DType.allCases {
      for trial in 0..<10 {
        let shape = trial == 9 ? [300, 500] : generator.shape()
        let condition = generator.operand(.bool, shape: shape, allowBroadcast: true)
        let a = generator.operand(dtype, shape: shape, allowBroadcast: true)
        let b = generator.operand(dtype, shape: shape, allowBroadcast: true)
        let (got, want) = (output(dtype, shape), output(dtype, shape))
        fast.select(condition.view, a.view, b.view, into: got.view)
        reference.select(condition.view, a.view, b.view, into: want.view)
        assertIdentical(got, want, "select \(dtype) \(shape)")
      }
    }
  }

  @Test func selectWithOneScalarBranchMatchesReference() {
    // A relu gradient's where(y > 0, g, 0): a dense condition and branch, the other a scalar.
    for dtype in [DType.float32, .float64, .int32, .uint8] {
      let shape = [3, 1029]
      let condition = Tensor.randomUniform(shape: Shape(shape), seed: 5) .> 0.5
      let dense = Tensor.randomUniform(shape: Shape(shape), seed: 6).cast(to: dtype)
      let scalar = Tensor(7, dtype: dtype).view(broadcastTo: Shape(shape))
      for (a, b) in [(dense.view, scalar), (scalar, dense.view)] {
        let (got, want) = (output(dtype, shape), output(dtype, shape))
        fast.select(condition.view, a, b, into: got.view)
        reference.select(condition.view, a, b, into: want.view)
        assertIdentical(got, want, "select \(dtype) with a scalar branch")
      }
    }
  }

  @Test func castMatchesReferenceForEveryPair() {
    var generator = LayoutGenerator(seed: 5)
    for from in DType.allCases {
      for to in DType.allCases {
        for trial in 0..<4 {
          let shape = trial == 3 ? [100, 1400] : generator.shape()
          let x = generator.operand(from, shape: shape, allowBroadcast: true, range: -300...300)
          let (got, want) = (output(to, shape), output(to, shape))
          fast.cast(x.view, into: got.view)
          reference.cast(x.view, into: want.view)
          assertIdentical(got, want, "cast \(from) → \(to) \(shape)")
        }
      }
    }
  }

  @Test func castSaturatesOutOfRangeFloatsAndMapsNaNToZero() {
    let x = Tensor([3e9, -3e9, .nan, -1.9, 1.9, 300, -5] as [Float])
    #expect(
      x.cast(to: .int32).scalars(as: Int32.self) == [Int32.max, Int32.min, 0, -1, 1, 300, -5])
    #expect(x.cast(to: .uint8).scalars(as: UInt8.self) == [255, 0, 0, 0, 1, 255, 0])
    #expect(x.cast(to: .bool).scalars(as: Bool.self) == [true, true, true, true, true, true, true])
  }

  @Test func copyMatchesReferenceIntoStridedOutputs() {
    var generator = LayoutGenerator(seed: 6)
    for dtype in DType.allCases {
      for trial in 0..<10 {
        let shape = trial == 9 ? [250, 900] : generator.shape()
        let x = generator.operand(dtype, shape: shape, allowBroadcast: true)
        // The outputs are themselves strided views of larger buffers.
        var layouts = LayoutGenerator(seed: UInt64(trial))
        let got = layouts.operand(dtype, shape: shape)
        layouts = LayoutGenerator(seed: UInt64(trial))
        let want = layouts.operand(dtype, shape: shape)
        fast.copy(x.view, into: got.view)
        reference.copy(x.view, into: want.view)
        assertIdentical(got.parent, want.parent, "copy \(dtype) \(shape)")
      }
    }
  }
}
