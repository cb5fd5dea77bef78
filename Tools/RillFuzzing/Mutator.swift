/// SplitMix64: a small, fast generator whose whole state is one number, so that every input
/// the fuzzer makes is reproduced from its format's seed and its index alone.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// Creates a generator whose numbers follow from `seed`.
  ///
  /// - Parameter seed: any number; equal seeds give equal streams.
  public init(seed: UInt64) {
    state = seed
  }

  /// The next 64 random bits.
  ///
  /// - Returns: a number uniform over all `UInt64` values.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Damages valid files the ways that find bugs in readers: flipped bits, bytes and integers set
/// to boundary values, bytes inserted, deleted or repeated, truncation, and splices of two
/// files.
public enum Mutator {
  /// Integers at the edges of the types headers use, written over 1, 2, 4 or 8 bytes.
  static let interestingValues: [UInt64] = [
    0, 1, 2, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0x7FFF_FFFF, 0x8000_0000,
    0xFFFF_FFFF, 0x1_0000_0000, 0x7FFF_FFFF_FFFF_FFFF, 0x8000_0000_0000_0000, .max,
  ]

  /// Text that format headers are made of (JSON, Python literals, CSV), to splice in.
  static let tokens: [[UInt8]] = [
    "{", "}", "[", "]", "(", ")", ",", ":", "\"", "'", "\\", "\\u", "-1", "0", "1e999",
    "99999999999999999999", "True", "False", "null", "\n", "\r", "\"\"", ",,", "\u{FEFF}",
    "4294967296", "2147483647", "-9223372036854775808",
  ].map { Array($0.utf8) }

  /// A damaged copy of one of `seeds`: one to four mutations of a randomly chosen seed.
  ///
  /// - Parameters:
  ///   - seeds: the valid files; not empty.
  ///   - random: the generator, seeded for this input.
  /// - Returns: the damaged bytes.
  public static func mutate(_ seeds: [[UInt8]], using random: inout SplitMix64) -> [UInt8] {
    var bytes = seeds[Int(random.next() % UInt64(seeds.count))]
    let count = 1 + Int(random.next() % 4)
    for _ in 0..<count {
      mutateOnce(&bytes, seeds: seeds, using: &random)
    }
    return bytes
  }

  private static func mutateOnce(
    _ bytes: inout [UInt8], seeds: [[UInt8]], using random: inout SplitMix64
  ) {
    func position(_ extra: Int = 0) -> Int {
      Int(random.next() % UInt64(bytes.count + extra))
    }
    guard !bytes.isEmpty else {
      bytes = [UInt8(truncatingIfNeeded: random.next())]
      return
    }
    switch random.next() % 9 {
    case 0:  // Flip one bit.
      bytes[position()] ^= 1 << (random.next() % 8)
    case 1:  // Set one byte to anything.
      bytes[position()] = UInt8(truncatingIfNeeded: random.next())
    case 2:  // Write a boundary integer over 1, 2, 4 or 8 bytes, in either byte order.
      let width = 1 << Int(random.next() % 4)
      let value = interestingValues[Int(random.next() % UInt64(interestingValues.count))]
      let start = position()
      let bigEndian = random.next() % 2 == 0
      for index in 0..<Swift.min(width, bytes.count - start) {
        let shift = 8 * (bigEndian ? width - 1 - index : index)
        bytes[start + index] = UInt8(truncatingIfNeeded: value >> UInt64(shift))
      }
    case 3:  // Delete a run.
      let start = position()
      let length = 1 + Int(random.next() % UInt64(Swift.min(64, bytes.count - start)))
      bytes.removeSubrange(start..<(start + length))
    case 4:  // Insert random bytes.
      let length = 1 + Int(random.next() % 16)
      let insert = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
      bytes.insert(contentsOf: insert, at: position(1))
    case 5:  // Repeat a run.
      let start = position()
      let length = 1 + Int(random.next() % UInt64(Swift.min(256, bytes.count - start)))
      bytes.insert(contentsOf: bytes[start..<(start + length)], at: position(1))
    case 6:  // Truncate.
      bytes.removeSubrange(position()...)
    case 7:  // Insert a token of header syntax.
      let token = tokens[Int(random.next() % UInt64(tokens.count))]
      bytes.insert(contentsOf: token, at: position(1))
    default:  // Splice: this file's start with another seed's end.
      let other = seeds[Int(random.next() % UInt64(seeds.count))]
      guard !other.isEmpty else { return }
      let cut = position()
      let otherCut = Int(random.next() % UInt64(other.count))
      bytes = Array(bytes[..<cut]) + other[otherCut...]
    }
  }
}
