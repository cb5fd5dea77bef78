import Foundation

/// The SHA-256 digest (FIPS 180-4), used to check downloaded and cached dataset files.
///
/// ```swift
/// SHA256.hexDigest(of: Data("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
enum SHA256 {
  /// The round constants: the first 32 bits of the fractional parts of the cube roots of the
  /// first 64 primes.
  private static let roundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  /// The initial hash value: the first 32 bits of the fractional parts of the square roots of
  /// the first 8 primes.
  private static let initialState: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19,
  ]

  /// The 32-byte digest of `data`.
  static func digest(of data: Data) -> [UInt8] {
    var state = initialState
    var schedule = [UInt32](repeating: 0, count: 64)
    data.withUnsafeBytes { bytes in
      let fullBlocks = bytes.count / 64
      for block in 0..<fullBlocks {
        compress(
          UnsafeRawBufferPointer(rebasing: bytes[(block * 64)..<(block * 64 + 64)]),
          state: &state, schedule: &schedule)
      }
      // Padding: a 1 bit, zeros, then the message length in bits as a 64-bit big-endian number,
      // filling one or two final blocks.
      var tail = [UInt8](bytes[(fullBlocks * 64)...])
      tail.append(0x80)
      while tail.count % 64 != 56 { tail.append(0) }
      let bitCount = UInt64(bytes.count) &* 8
      tail += (0..<8).map { UInt8(truncatingIfNeeded: bitCount >> (56 - 8 * $0)) }
      tail.withUnsafeBytes { padded in
        for block in 0..<(padded.count / 64) {
          compress(
            UnsafeRawBufferPointer(rebasing: padded[(block * 64)..<(block * 64 + 64)]),
            state: &state, schedule: &schedule)
        }
      }
    }
    return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * $0)) }
    }
  }

  /// The digest of `data` as 64 lowercase hexadecimal digits, as `sha256sum` prints it.
  static func hexDigest(of data: Data) -> String {
    digest(of: data).map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined()
  }

  /// Mixes one 64-byte block into `state`.
  private static func compress(
    _ block: UnsafeRawBufferPointer, state: inout [UInt32], schedule: inout [UInt32]
  ) {
    schedule.withUnsafeMutableBufferPointer { buffer in
      guard let w = buffer.baseAddress, let source = block.baseAddress else { return }
      // Plain while loops and inline rotations keep debug builds fast enough for tests (about
      // 30 MB/s, against 5 MB/s with helper functions and range loops).
      var t = 0
      while t < 16 {
        w[t] = UInt32(bigEndian: source.loadUnaligned(fromByteOffset: 4 * t, as: UInt32.self))
        t += 1
      }
      while t < 64 {
        let x = w[t - 15], y = w[t - 2]
        let s0 = (x >> 7 | x << 25) ^ (x >> 18 | x << 14) ^ (x >> 3)
        let s1 = (y >> 17 | y << 15) ^ (y >> 19 | y << 13) ^ (y >> 10)
        w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        t += 1
      }
      roundConstants.withUnsafeBufferPointer { constants in
        guard let k = constants.baseAddress else { return }
        var (a, b, c, d) = (state[0], state[1], state[2], state[3])
        var (e, f, g, h) = (state[4], state[5], state[6], state[7])
        var t = 0
        while t < 64 {
          let sum1 = (e >> 6 | e << 26) ^ (e >> 11 | e << 21) ^ (e >> 25 | e << 7)
          let temp1 = h &+ sum1 &+ ((e & f) ^ (~e & g)) &+ k[t] &+ w[t]
          let sum0 = (a >> 2 | a << 30) ^ (a >> 13 | a << 19) ^ (a >> 22 | a << 10)
          let temp2 = sum0 &+ ((a & b) ^ (a & c) ^ (b & c))
          h = g
          g = f
          f = e
          e = d &+ temp1
          d = c
          c = b
          b = a
          a = temp1 &+ temp2
          t += 1
        }
        state[0] &+= a
        state[1] &+= b
        state[2] &+= c
        state[3] &+= d
        state[4] &+= e
        state[5] &+= f
        state[6] &+= g
        state[7] &+= h
      }
    }
  }
}
