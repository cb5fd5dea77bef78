import Crypto
import Foundation

/// The SHA-256 digest (FIPS 180-4) in lowercase hex, used to check downloaded and cached dataset
/// files.
///
/// The hashing is swift-crypto's `SHA256` (BoringSSL's code on Linux, CryptoKit on Apple
/// platforms); this type only spells the digest as the dataset tables write it.
///
/// ```swift
/// SHA256.hexDigest(of: Data("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
enum SHA256 {
  /// The digest of `data` as 64 lowercase hex digits.
  static func hexDigest<Bytes: DataProtocol>(of data: Bytes) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in Crypto.SHA256.hash(data: data) {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
