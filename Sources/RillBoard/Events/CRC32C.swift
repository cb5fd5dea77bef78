/// CRC-32C (Castagnoli), the checksum that TFRecord framing puts around every record.
///
/// This is the reflected CRC with polynomial 0x1EDC6F41 (0x82F63B78 reversed), initial value
/// and final XOR 0xFFFFFFFF, as in RFC 3720 (iSCSI). It is computed a byte at a time through a
/// 256-entry table, which is ample for event files.
enum CRC32C {
  /// The reflected Castagnoli polynomial.
  static let polynomial: UInt32 = 0x82F6_3B78

  /// The remainder of every byte value, the usual table-driven shortcut.
  static let table: [UInt32] = (0..<256).map { byte in
    var remainder = UInt32(byte)
    for _ in 0..<8 {
      remainder = remainder & 1 == 1 ? (remainder >> 1) ^ polynomial : remainder >> 1
    }
    return remainder
  }

  /// The CRC-32C of `bytes`.
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    table.withUnsafeBufferPointer { table in
      for byte in bytes {
        crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
      }
    }
    return crc ^ 0xFFFF_FFFF
  }

  /// The CRC-32C of `bytes`.
  static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  /// The checksum as TFRecord stores it: rotated right by 15 bits plus a constant.
  ///
  /// TensorFlow masks the CRC because computing the CRC of data that embeds CRCs is
  /// problematic (`tensorflow/core/lib/hash/crc32c.h`).
  static func masked(_ crc: UInt32) -> UInt32 {
    ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
  }
}
