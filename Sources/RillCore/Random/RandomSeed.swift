/// The program-wide random seed.
///
/// Every random op without an explicit seed draws its key from this seed and a counter of such
/// draws, so a program makes the same random numbers on every run (and for any number of
/// threads) unless it sets a different seed. The default seed is 0. An op given an explicit
/// seed returns the same numbers every time it is called with that seed, whatever the global
/// seed.
///
/// ```swift
/// RandomSeed.global = 42
/// let a = Tensor.randomNormal(shape: [3])   // the same three numbers on every run
/// let b = Tensor.randomNormal(shape: [3])   // three other numbers, also reproducible
/// ```
/// TensorFlow: `tf.random.set_seed`.
public enum RandomSeed {
  private static let state = GlobalSeedState()

  /// The global seed.
  ///
  /// Setting it also restarts the sequence of keys drawn from it.
  public static var global: UInt64 {
    get { state.read().seed }
    set { state.reset(seed: newValue) }
  }

  /// The next 64-bit seed of the global sequence, for randomness outside tensors (the order of a
  /// shuffle, say) that should be reproducible from ``global``.
  public static func nextSeed() -> UInt64 {
    key(for: nil).value
  }

  /// The key for a random op: from its explicit seed, or the next one from the global sequence.
  static func key(for seed: UInt64?) -> RandomKey {
    // Nearby seeds give unrelated keys through the SplitMix64 mixer.
    if let seed { return RandomKey(value: mix(seed ^ 0x5EED_5EED_5EED_5EED)) }
    let (seed, draw) = state.next()
    return RandomKey(value: mix(mix(seed) &+ draw))
  }

  private static func mix(_ value: UInt64) -> UInt64 {
    SplitMix64.mix(value &+ 0x9E37_79B9_7F4A_7C15)
  }
}

private final class GlobalSeedState: @unchecked Sendable {
  private let lock = Lock()
  private var seed: UInt64 = 0
  private var draws: UInt64 = 0

  func read() -> (seed: UInt64, draws: UInt64) { lock.withLock { (seed, draws) } }

  func reset(seed newSeed: UInt64) {
    lock.withLock {
      seed = newSeed
      draws = 0
    }
  }

  func next() -> (seed: UInt64, draw: UInt64) {
    lock.withLock {
      draws += 1
      return (seed, draws)
    }
  }
}
