import Foundation

/// The distributions that random tensors are drawn from.
///
/// Numbers come from the counter-based Philox-4×32-10 generator: element `i` of a tensor is a
/// pure function of the tensor's ``RandomKey`` and of `i`, so the result is the same however the
/// work is split across threads, and the same on every run.
public enum RandomDistribution: Hashable, Sendable {
  /// Uniform on [lower, upper).
  case uniform(lower: Double, upper: Double)
  /// Normal with the given mean and standard deviation.
  case normal(mean: Double, standardDeviation: Double)
  /// Normal, with values more than two standard deviations from the mean drawn again.
  case truncatedNormal(mean: Double, standardDeviation: Double)

  /// TensorFlow's name for the distribution.
  public var name: String {
    switch self {
    case .uniform: return "random_uniform"
    case .normal: return "random_normal"
    case .truncatedNormal: return "truncated_normal"
    }
  }

  // MARK: Meaning

  /// How many consecutive elements one Philox block yields.
  var elementsPerBlock: Int {
    switch self {
    case .uniform: return 2
    case .normal: return 4
    case .truncatedNormal: return 1
    }
  }

  /// Elements `block * elementsPerBlock` up to the next block of a tensor drawn with `key`, in
  /// float64 before conversion to the tensor's dtype.
  ///
  /// `wide` asks for 53 random bits in uniform samples instead of 24.
  func samples(key: RandomKey, block: Int, wide: Bool) -> SIMD4<Double> {
    switch self {
    case .uniform(let lower, let upper):
      let words = Philox.block(key: key.value, counter: UInt64(block), stream: 0)
      let u0 = wide ? Philox.unitInterval53(words[0], words[1]) : Philox.unitInterval24(words[0])
      let u1 = wide ? Philox.unitInterval53(words[2], words[3]) : Philox.unitInterval24(words[2])
      return SIMD4(lower + (upper - lower) * u0, lower + (upper - lower) * u1, 0, 0)
    case .normal(let mean, let standardDeviation):
      let words = Philox.block(key: key.value, counter: UInt64(block), stream: 0)
      let (z0, z1) = Philox.boxMuller(words[0], words[1])
      let (z2, z3) = Philox.boxMuller(words[2], words[3])
      return SIMD4(z0, z1, z2, z3) * standardDeviation + SIMD4(repeating: mean)
    case .truncatedNormal(let mean, let standardDeviation):
      // Each element draws from its own counter, retrying in further streams until a value
      // falls within two standard deviations; about 1 in 22 draws is rejected.
      var attempt: UInt64 = 1
      while true {
        let words = Philox.block(key: key.value, counter: UInt64(block), stream: attempt)
        let z = Philox.boxMuller(words[0], words[1]).0
        if Swift.abs(z) <= 2 { return SIMD4(mean + standardDeviation * z, 0, 0, 0) }
        attempt += 1
      }
    }
  }

  /// Element `index` of a tensor drawn with `key`.
  func sample(key: RandomKey, index: Int, wide: Bool) -> Double {
    samples(key: key, block: index / elementsPerBlock, wide: wide)[index % elementsPerBlock]
  }

  /// Calls `store(index, value)` for each element in `range`, one Philox block at a time.
  func fill(key: RandomKey, range: Range<Int>, wide: Bool, store: (Int, Double) -> Void) {
    let perBlock = elementsPerBlock
    var block = range.lowerBound / perBlock
    while block * perBlock < range.upperBound {
      let values = samples(key: key, block: block, wide: wide)
      let first = Swift.max(range.lowerBound, block * perBlock)
      let last = Swift.min(range.upperBound, (block + 1) * perBlock)
      for index in first..<last { store(index, values[index - block * perBlock]) }
      block += 1
    }
  }

  // MARK: Kernel

  func execute(key: RandomKey, output: TensorSpec) -> Tensor {
    let y = Tensor.uninitialized(
      dtype: output.dtype, shape: output.shape, on: ExecutionContext.current.device)
    y.device.random(self, key: key, into: y.deviceView)
    return y
  }
}

/// The spec of a random primitive: its own, or, given an input, that input's shape (known only when
/// a graph runs).
///
/// Random numbers have no gradient.
func randomOutputSpec(_ spec: TensorSpec, like input: TensorSpec?) -> Result<TensorSpec, ShapeError>
{
  .success(input.map { TensorSpec(dtype: spec.dtype, shape: $0.shape) } ?? spec)
}

/// The key that selects one stream of random numbers.
public struct RandomKey: Hashable, Sendable {
  /// The 64-bit Philox key.
  public var value: UInt64
}

/// The Philox-4×32-10 counter-based generator (Salmon et al., "Parallel random numbers: as easy
/// as 1, 2, 3", SC 2011): ten rounds of multiply–xor mixing of a 128-bit counter under a 64-bit
/// key, giving four independent 32-bit words per counter value.
enum Philox {
  /// The four words for `counter` in `stream` under `key`.
  @inline(__always)
  static func block(key: UInt64, counter: UInt64, stream: UInt64) -> SIMD4<UInt32> {
    var c = SIMD4<UInt32>(
      UInt32(truncatingIfNeeded: counter), UInt32(truncatingIfNeeded: counter >> 32),
      UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32))
    var k0 = UInt32(truncatingIfNeeded: key)
    var k1 = UInt32(truncatingIfNeeded: key >> 32)
    for _ in 0..<10 {
      let (high0, low0) = UInt32(0xD251_1F53).multipliedFullWidth(by: c[0])
      let (high1, low1) = UInt32(0xCD9E_8D57).multipliedFullWidth(by: c[2])
      c = SIMD4(high1 ^ c[1] ^ k0, low1, high0 ^ c[3] ^ k1, low0)
      k0 &+= 0x9E37_79B9
      k1 &+= 0xBB67_AE85
    }
    return c
  }

  /// A uniform number in [0, 1) from the top 24 bits of a word (exact in float32).
  @inline(__always)
  static func unitInterval24(_ word: UInt32) -> Double {
    Double(word >> 8) * 0x1p-24
  }

  /// A uniform number in [0, 1) from 53 bits of two words (exact in float64).
  @inline(__always)
  static func unitInterval53(_ high: UInt32, _ low: UInt32) -> Double {
    Double((UInt64(high) << 32 | UInt64(low)) >> 11) * 0x1p-53
  }

  /// Two independent standard normal numbers from two words (the Box–Muller transform).
  @inline(__always)
  static func boxMuller(_ first: UInt32, _ second: UInt32) -> (Double, Double) {
    let u1 = (Double(first >> 8) + 1) * 0x1p-24  // in (0, 1], so the logarithm is finite
    let u2 = unitInterval24(second)
    let radius = (-2 * Foundation.log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    return (radius * Foundation.cos(angle), radius * Foundation.sin(angle))
  }
}
