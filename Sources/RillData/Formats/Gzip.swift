import CZlib
import Foundation

/// gzip (RFC 1952) decompression on zlib.
///
/// Decompression never trusts sizes written in the stream: the output grows only as real data
/// comes out of the decoder, and stops with an error past a caller's limit. Each member's CRC-32
/// and length are checked by zlib, and consecutive members are joined, as `gunzip` does.
enum Gzip {
  /// Whether `data` starts with the gzip magic bytes 1f 8b.
  static func isCompressed(_ data: Data) -> Bool {
    data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
  }

  /// The decompressed contents of a gzip stream.
  ///
  /// - Parameters:
  ///   - data: the gzip stream, one or more members.
  ///   - maximumSize: the most bytes the contents may have.
  /// - Returns: the contents.
  /// - Throws: ``GzipError`` when the stream is damaged, truncated or longer than
  ///   `maximumSize` when decompressed.
  static func decompress(_ data: Data, maximumSize: Int = Int.max) throws -> Data {
    try inflate(data, stopAfter: nil, maximumSize: maximumSize)
  }

  /// The first `count` bytes of the contents of a gzip stream (fewer if the contents are
  /// shorter), decompressing no more than needed.
  ///
  /// - Throws: ``GzipError`` when the part of the stream read is damaged or truncated.
  static func decompressPrefix(_ data: Data, count: Int) throws -> Data {
    try inflate(data, stopAfter: count, maximumSize: Int.max)
  }

  private static let chunkSize = 1 << 18

  private static func inflate(_ data: Data, stopAfter: Int?, maximumSize: Int) throws -> Data {
    guard isCompressed(data) else { throw GzipError(.notGzip) }
    var stream = z_stream()
    // windowBits 15 + 16: a gzip wrapper, with its CRC-32 and length checked by zlib.
    guard inflateInit2_(&stream, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    else { throw GzipError(.corrupt("zlib could not start a decoder")) }
    defer { inflateEnd(&stream) }

    var output = Data()
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    return try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) -> Data in
      guard let base = input.bindMemory(to: Bytef.self).baseAddress else {
        throw GzipError(.truncated)
      }
      stream.next_in = UnsafeMutablePointer(mutating: base)
      stream.avail_in = 0
      var remaining = input.count
      while true {
        if stream.avail_in == 0 && remaining > 0 {
          // avail_in is 32 bits wide: feed very large inputs in pieces.
          let piece = Swift.min(remaining, Int(UInt32.max))
          stream.avail_in = UInt32(piece)
          remaining -= piece
        }
        let status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          return CZlib.inflate(&stream, Z_NO_FLUSH)
        }
        let produced = chunkSize - Int(stream.avail_out)
        if produced > 0 {
          guard output.count + produced <= maximumSize else {
            throw GzipError(.tooLarge(maximumSize: maximumSize))
          }
          output.append(contentsOf: chunk[0..<produced])
        }
        if let stopAfter, output.count >= stopAfter { return output.prefix(stopAfter) }
        switch status {
        case Z_OK:
          continue
        case Z_STREAM_END:
          // Another member may follow, as `cat a.gz b.gz` makes.
          if stream.avail_in == 0 && remaining == 0 { return output }
          guard inflateReset(&stream) == Z_OK else {
            throw GzipError(.corrupt("zlib could not restart for the next member"))
          }
        case Z_BUF_ERROR where stream.avail_in == 0 && remaining == 0:
          throw GzipError(.truncated)
        case Z_BUF_ERROR where produced == 0 && stream.avail_in > 0:
          throw GzipError(.corrupt("the decoder made no progress"))
        case Z_BUF_ERROR:
          continue
        default:
          let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
          throw GzipError(.corrupt(message))
        }
      }
    }
  }
}
