import CDeflate
import Foundation

/// Decompresses a whole gzip stream into a buffer of known size with libdeflate, about twice
/// as fast as zlib's streaming inflate (``Inflater``).
///
/// It is the fast path of readers whose header declares the decompressed size, such as IDX
/// files: it succeeds only when every member decodes and checks (CRC-32 and length) and the
/// output fills the buffer exactly, and never writes past the buffer. On any other outcome it
/// says only that it failed, and the reader decodes again with ``Inflater``, whose errors say
/// what is wrong with the stream.
///
/// ```swift
/// var contents = [UInt8](repeating: 0, count: declaredSize)
/// let decoded = contents.withUnsafeMutableBytes { WholeGzipDecoder.decompress(gzip, into: $0) }
/// ```
enum WholeGzipDecoder {
  /// Decompresses `input`, one or more gzip members, into all of `buffer`.
  ///
  /// - Returns: whether the stream decoded to exactly `buffer.count` bytes; when `false`, the
  ///   buffer's contents are unspecified.
  static func decompress(_ input: Data, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
    guard let decompressor = libdeflate_alloc_decompressor() else { return false }
    defer { libdeflate_free_decompressor(decompressor) }
    return input.withUnsafeBytes { bytes in
      guard var next = bytes.baseAddress, bytes.count > 0 else { return false }
      var remaining = bytes.count
      var written = 0
      defer { Inflater.tally?.add(written) }
      // Members follow one another, as `cat a.gz b.gz` makes; each decodes after the last.
      while remaining > 0 {
        var consumed = 0
        var produced = 0
        let status = libdeflate_gzip_decompress_ex(
          decompressor, next, remaining, buffer.baseAddress.map { $0 + written },
          buffer.count - written, &consumed, &produced)
        guard status == LIBDEFLATE_SUCCESS, consumed > 0 else { return false }
        next += consumed
        remaining -= consumed
        written += produced
      }
      return written == buffer.count
    }
  }
}
