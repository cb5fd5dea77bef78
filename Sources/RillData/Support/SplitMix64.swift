/// A small, fast, seeded random number generator (Steele, Lea and Flood's SplitMix64), used to
/// shuffle datasets.
///
/// The sequence is fixed by the seed on every platform and Swift version: bounded numbers come
/// from ``bounded(_:)`` (Lemire's multiply-and-reject), not from the standard library's
/// `random(in:using:)`, whose algorithm is not promised to stay the same.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  /// Creates a generator whose sequence is fixed by `seed`.
  init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// A uniformly distributed number in `0..<bound`.
  ///
  /// - Precondition: `bound > 0`.
  mutating func bounded(_ bound: Int) -> Int {
    precondition(bound > 0, "bounded: bound \(bound) is not positive")
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
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
