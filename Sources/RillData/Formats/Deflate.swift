import CZlib
import Foundation
import RillCore

/// Raw deflate (RFC 1951, no zlib or gzip wrapper), the compression inside zip archives, and
/// CRC-32, their checksum, on zlib.
enum Deflate {
  /// Why a deflate stream could not be decompressed.
  struct Failure: Error, Equatable, CustomStringConvertible {
    var description: String
  }

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

  /// The decompressed contents of a raw deflate stream that must decompress to exactly `size`
  /// bytes.
  ///
  /// The output grows only as the decoder produces data, and decoding stops as soon as it would
  /// pass `size`, so a forged size never causes a large allocation by itself.
  ///
  /// - Throws: ``Failure`` when the stream is damaged, ends early, or decompresses to more or
  ///   fewer than `size` bytes.
  static func decompress(_ data: Data, size: Int) throws -> Data {
    var stream = z_stream()
    guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw Failure(description: "zlib could not start a decoder") }
    defer { inflateEnd(&stream) }
    var output = Data()
    output.reserveCapacity(Swift.min(size, 1 << 24))
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    return try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Data in
      let base = input.bindMemory(to: Bytef.self).baseAddress
      stream.next_in = base.map { UnsafeMutablePointer(mutating: $0) }
      var remaining = input.count
      while true {
        if stream.avail_in == 0 && remaining > 0 {
          let piece = Swift.min(remaining, Int(UInt32.max))
          stream.avail_in = UInt32(piece)
          remaining -= piece
        }
        let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          return inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunkSize - Int(stream.avail_out)
        guard produced <= size - output.count else {
          throw Failure(description: "the data decompresses to more than \(size) bytes")
        }
        output.append(contentsOf: chunk[0..<produced])
        switch status {
        case Z_STREAM_END:
          guard output.count == size else {
            throw Failure(
              description: "the data decompresses to \(output.count) bytes, not \(size)")
          }
          return output
        case Z_OK:
          continue
        case Z_BUF_ERROR where stream.avail_in == 0 && remaining == 0:
          throw Failure(description: "the compressed data ends early")
        case Z_BUF_ERROR where produced == 0:
          throw Failure(description: "the decoder made no progress")
        case Z_BUF_ERROR:
          continue
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
          throw Failure(description: "the compressed data is damaged (\(message))")
        }
      }
    }
  }

  /// The CRC-32 of `data` (the checksum of zip, gzip and PNG).
  static func crc32(_ data: Data) -> UInt32 {
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> UInt32 in
      guard let base = bytes.bindMemory(to: Bytef.self).baseAddress else { return 0 }
      var checksum = CZlib.crc32(0, nil, 0)
      var offset = 0
      while offset < bytes.count {
        let piece = Swift.min(bytes.count - offset, Int(UInt32.max))
        checksum = CZlib.crc32(checksum, base + offset, UInt32(piece))
        offset += piece
      }
      return UInt32(truncatingIfNeeded: checksum)
    }
  }
}
