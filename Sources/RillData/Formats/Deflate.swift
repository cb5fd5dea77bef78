import CZlib
import Foundation
import RillCore

/// Raw deflate compression (RFC 1951, no zlib or gzip wrapper), the compression inside zip
/// archives, and CRC-32, their checksum, on zlib. (Decompression is ``Inflater``'s.)
enum Deflate {
  private static let chunkSize = 1 << 18

  /// `data` compressed at zlib's default level, as Python's `zipfile` compresses.
  static func compress(_ data: Data) -> Data {
    var stream = z_stream()
    // windowBits −15: raw deflate with a 32 KiB window.
    let started = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    require(started == Z_OK, "Deflate: zlib could not start an encoder (status \(started))")
    defer { deflateEnd(&stream) }
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
      let base = input.bindMemory(to: Bytef.self).baseAddress
      stream.next_in = base.map { UnsafeMutablePointer(mutating: $0) }
      var remaining = input.count
      var status = Z_OK
      while status != Z_STREAM_END {
        if stream.avail_in == 0 && remaining > 0 {
          // avail_in is 32 bits wide: feed very large inputs in pieces.
          let piece = Swift.min(remaining, Int(UInt32.max))
          stream.avail_in = UInt32(piece)
          remaining -= piece
        }
        let flush = remaining == 0 ? Z_FINISH : Z_NO_FLUSH
        status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          return deflate(&stream, flush)
        }
        require(
          status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR,
          "Deflate: zlib failed to compress (status \(status))")
        output.append(contentsOf: chunk[0..<(chunkSize - Int(stream.avail_out))])
      }
    }
    return output
  }

  /// The CRC-32 of `data` (the checksum of zip, gzip and PNG).
  static func crc32(_ data: Data) -> UInt32 {
    data.withUnsafeBytes { crc32($0) }
  }

  /// The CRC-32 of the bytes of `bytes`, or of the bytes whose CRC-32 is `previous` followed
  /// by them.
  static func crc32(_ bytes: UnsafeRawBufferPointer, continuing previous: UInt32 = 0) -> UInt32 {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: Bytef.self) else {
      return previous
    }
    var checksum = uLong(previous)
    var offset = 0
    while offset < bytes.count {
      let piece = Swift.min(bytes.count - offset, Int(UInt32.max))
      checksum = CZlib.crc32(checksum, base + offset, UInt32(piece))
      offset += piece
    }
    return UInt32(truncatingIfNeeded: checksum)
  }
}
