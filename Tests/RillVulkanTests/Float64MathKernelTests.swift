import Foundation
import RillVulkan
import Testing

@testable import RillCore

/// The float64 transcendentals of `math64.glsl` against the CPU's libm, in units in the last
/// place, on edge cases and on many values across the whole range of doubles.
@Suite struct Float64MathKernelTests {
  /// Zeros, subnormals, infinities, NaN, the thresholds of overflow and underflow and of the
  /// argument reductions, and large arguments.
  static let edgeCases: [Double] = [
    0, -0.0, 1, -1, 0.5, -0.5, 2, .infinity, -.infinity, .nan, 5e-324, -5e-324, 1e-310, -1e-310,
    2.2250738585072014e-308, 1e-20, -1e-20, 1e-9, 0.3465735902799726, -0.3465735902799727,
    0.5493, 0.55, -0.55, 0.7, 1.5, 2.5, 5.9, 6.1, 20, -20, 22.5, 38, -38, -40.5, 100, -100,
    709.78, 709.7827128933840, 709.8, 710, -708.4, -745.1, -745.2, -746, 1e10, -1e10,
    .pi / 4, .pi / 2, .pi, 2 * .pi, 1e6, 1_647_099, 1_647_100, -1_647_100, 1e15, 1e22, 1e100,
    -1e200, 1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 0x1p1023,
  ]

  /// Values of random sign and magnitude from 1e-300 to 1e300, and uniform ones near the origin.
  static func spread(_ count: Int, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    func unit() -> Double { Double(generator.next() >> 11) * 0x1p-53 }
    return (0..<count).map { index in
      let sign: Double = generator.next() & 1 == 0 ? 1 : -1
      switch index % 3 {
      case 0: return sign * Foundation.pow(10, -300 + 600 * unit())
      case 1: return sign * Foundation.pow(10, -8 + 11 * unit())
      default: return sign * 30 * unit()
      }
    }
  }

  /// How many doubles lie between a and b; 0 for two NaNs, and infinite when only one is NaN
  /// or when a zero or an infinity is not matched exactly (sign included).
  static func ulps(_ a: Double, _ b: Double) -> Double {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .infinity }
    if a == 0 || b == 0 || !a.isFinite || !b.isFinite {
      return a.bitPattern == b.bitPattern ? 0 : .infinity
    }
    func ordered(_ x: Double) -> Int64 {
      let bits = Int64(bitPattern: x.bitPattern & 0x7FFF_FFFF_FFFF_FFFF)
      return x.sign == .minus ? -bits : bits
    }
    return Double(Swift.abs(ordered(a) - ordered(b)))
  }

  /// The largest distance in ulps between the Vulkan and the CPU outputs, recording the worst
  /// element when it exceeds `tolerance`.
  @discardableResult
  static func expectUlps(
    _ y: DevicePair, inputs: [[Double]], tolerance: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Double {
    let expected = elements(y.cpu)
    let actual = elements(y.gpu)
    var worst = (ulps: 0.0, index: 0)
    for index in expected.indices {
      let distance = ulps(actual[index], expected[index])
      if distance > worst.ulps { worst = (distance, index) }
    }
    if worst.ulps > tolerance {
      let arguments = inputs.map { String($0[worst.index]) }.joined(separator: ", ")
      Issue.record(
        """
        \(what)(\(arguments)): Vulkan \(actual[worst.index]) vs CPU \(expected[worst.index]), \
        \(worst.ulps) ulps apart
        """, sourceLocation: sourceLocation)
    }
    return worst.ulps
  }

  @Test(arguments: [
    UnaryFunction.exp, .log, .log1p, .expm1, .sin, .cos, .tanh, .sigmoid, .erf,
  ])
  func unaryFunctionsAreWithinAFewUlpsOfTheCPU(_ function: UnaryFunction) {
    var values = Self.edgeCases + Self.spread(30_000, seed: 11)
    if function == .log || function == .log1p {
      values += values.map { Swift.abs($0) } + Self.edgeCases.map { $0 - 1 }
    }
    let x = DevicePair(values, dtype: .float64, shape: [values.count])
    let y = DevicePair.output(dtype: .float64, shape: [values.count])
    CPUDevice.shared.unary(function, x.cpu, into: y.cpu)
    vulkan.unary(function, x.gpu, into: y.gpu)
    // tanh's −e/(2 + e) near 0.5 magnifies expm1's rounding (libm is itself 1 ulp off there).
    Self.expectUlps(y, inputs: [values], tolerance: function == .tanh ? 3 : 2, function.name)
  }

  /// The double closest to a multiple of π/2, where libm's cosine is 8 ulps off: the exact
  /// reduction gives the correctly rounded values (computed with 3000-bit arithmetic).
  @Test func theHardestArgumentReductionIsExact() {
    let x = DevicePair([6_381_956_970_095_103 * 0x1p797], dtype: .float64, shape: [1])
    for (function, expected) in [(UnaryFunction.sin, 1.0), (.cos, -4.687165924254628e-19)] {
      let y = DevicePair.output(dtype: .float64, shape: [1])
      vulkan.unary(function, x.gpu, into: y.gpu)
      #expect(elements(y.gpu) == [expected], "\(function.name)")
    }
  }

  @Test func powIsWithinTwoUlpsOfTheCPU() {
    let special: [Double] = [
      0, -0.0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 2.5, -2.5, 1e-300, 1e300, 16_777_216, 1e10,
      .infinity, -.infinity, .nan, 5e-324, 1 + 0x1p-52, 1 - 0x1p-53,
    ]
    var bases = special.flatMap { a in special.map { _ in a } }
    var exponents = special.flatMap { _ in special }
    var generator = SplitMix64(seed: 5)
    func unit() -> Double { Double(generator.next() >> 11) * 0x1p-53 }
    for index in 0..<30_000 {
      switch index % 3 {
      case 0:  // anywhere in range
        bases.append(Foundation.pow(10, -30 + 60 * unit()))
        exponents.append(-40 + 80 * unit())
      case 1:  // negative bases with integral exponents
        bases.append(-8 * unit())
        exponents.append((-300 + 600 * unit()).rounded())
      default:  // bases near 1 with large exponents, where log(x) must be very accurate
        bases.append(1 + (unit() - 0.5) * 1e-6)
        exponents.append((unit() - 0.5) * 1e9)
      }
    }
    let a = DevicePair(bases, dtype: .float64, shape: [bases.count])
    let b = DevicePair(exponents, dtype: .float64, shape: [bases.count])
    let y = DevicePair.output(dtype: .float64, shape: [bases.count])
    CPUDevice.shared.binary(.pow, a.cpu, b.cpu, into: y.cpu)
    vulkan.binary(.pow, a.gpu, b.gpu, into: y.gpu)
    Self.expectUlps(y, inputs: [bases, exponents], tolerance: 2, "pow")
  }
}
