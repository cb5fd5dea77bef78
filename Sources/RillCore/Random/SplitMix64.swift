/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64), for
/// randomness outside tensors: the order of a shuffle, say.
///
/// The sequence is fixed by the seed on every platform and Swift version: bounded numbers come
/// from ``bounded(_:)`` (Lemire's multiply-and-reject) and permutations from ``shuffle(_:)``,
/// not from the standard library's `random(in:using:)` or `shuffle(using:)`, whose algorithms
/// are not promised to stay the same.
///
/// ```swift
/// var generator = SplitMix64(seed: RandomSeed.nextSeed())
/// var order = Array(0..<10)
/// generator.shuffle(&order)
/// ```
public struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  /// Creates a generator whose sequence is fixed by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// A uniformly distributed number in `0..<bound`.
  ///
  /// - Precondition: `bound > 0`.
  public mutating func bounded(_ bound: Int) -> Int {
    require(bound > 0, "bounded: bound \(bound) is not positive")
    let limit = UInt64(bound)
    // 64×64→128-bit product; the high word is uniform once the biased low words are rejected.
    var product = next().multipliedFullWidth(by: limit)
    if product.low < limit {
      let threshold = (0 &- limit) % limit
      while product.low < threshold {
        product = next().multipliedFullWidth(by: limit)
      }
    }
    return Int(product.high)
  }

  /// A bijective 64-bit mixer (the SplitMix64 finalizer): nearby inputs give unrelated outputs.
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Shuffles `elements` in place (Fisher–Yates with ``bounded(_:)``).
  public mutating func shuffle<Element>(_ elements: inout [Element]) {
    guard elements.count > 1 else { return }
    for index in stride(from: elements.count - 1, to: 0, by: -1) {
      elements.swapAt(index, bounded(index + 1))
    }
  }
}
