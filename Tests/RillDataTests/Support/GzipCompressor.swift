import CZlib
import Foundation

/// gzip compression for building test inputs (the library only decompresses).
enum GzipCompressor {
  /// `data` compressed as one gzip member at zlib's default level.
  static func compress(_ data: Data) -> Data {
    var stream = z_stream()
    let started = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    precondition(started == Z_OK, "gzip: zlib could not start an encoder (status \(started))")
    defer { deflateEnd(&stream) }
    let chunkSize = 1 << 16
    var output = Data()
    var chunk = [UInt8](repeating: 0, count: chunkSize)
    var input = [UInt8](data)
    input.withUnsafeMutableBufferPointer { source in
      stream.next_in = source.baseAddress
      stream.avail_in = UInt32(source.count)
      var status = Z_OK
      while status != Z_STREAM_END {
        status = chunk.withUnsafeMutableBufferPointer { buffer -> Int32 in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          return deflate(&stream, Z_FINISH)
        }
        precondition(status == Z_OK || status == Z_STREAM_END, "gzip: deflate failed (\(status))")
        output.append(contentsOf: chunk[0..<(chunkSize - Int(stream.avail_out))])
      }
    }
    return output
  }
}
