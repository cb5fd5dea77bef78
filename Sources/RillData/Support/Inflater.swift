import CZlib
import Foundation

/// A zlib decoder over compressed bytes held in memory: the one inflate loop behind every
/// reader (gzip for IDX files, raw deflate for zip entries).
///
/// The decoder writes straight into the caller's buffer and never past it, so how much memory
/// decompression takes is the caller's decision, made from what the file's header declares,
/// never from the stream. Consecutive gzip members are joined, as `gunzip` does; zlib checks
/// each gzip member's CRC-32 and length.
///
/// ```swift
/// let inflater = try Inflater(compressed, format: .gzip)
/// var header = [UInt8](repeating: 0, count: 8)
/// let count = try header.withUnsafeMutableBytes { try inflater.read(into: $0) }
/// ```
final class Inflater {
  /// The wrapper around the deflate data.
  enum Format {
    /// RFC 1952, with a header and a CRC-32 per member.
    case gzip
    /// RFC 1951 with no wrapper, as inside zip archives.
    case raw
  }

  /// Why the compressed data cannot be decoded.
  enum Failure: Error, Hashable {
    /// The data ends before the stream does.
    case truncated
    /// zlib rejected the data; the text is zlib's reason.
    case corrupt(String)
  }

  /// The most bytes deflate can expand one input byte to.
  ///
  /// A 258-byte match costs at least two bits, so no stream expands by more than 1032:1
  /// (zlib's technical notes). A header that
  /// declares more than this allows is forged, and is refused before anything is allocated.
  static let maximumExpansion = 1032

  private var stream = z_stream()
  private let input: Data
  private let format: Format
  /// The bytes of `input` consumed so far.
  private var position = 0
  /// Whether the last member has ended with no input left after it.
  private(set) var isFinished = false
  /// The decompressed bytes written so far, told to ``tally`` when the decoder is released.
  private(set) var producedByteCount = 0

  /// Starts decoding `input`.
  ///
  /// - Throws: ``Failure/corrupt(_:)`` when zlib cannot start a decoder.
  init(_ input: Data, format: Format) throws {
    // A slice is read in place: withUnsafeBytes starts at its first byte.
    self.input = input
    self.format = format
    // windowBits 15 + 16: a gzip wrapper; −15: raw deflate; both with a 32 KiB window.
    let windowBits: Int32 = format == .gzip ? 15 + 16 : -15
    let status = inflateInit2_(
      &stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw Failure.corrupt("zlib could not start a decoder") }
  }

  deinit {
    inflateEnd(&stream)
    Inflater.tally?.add(producedByteCount)
  }

  /// The most bytes `compressedCount` bytes of deflate data can decompress to.
  static func largestOutput(ofCompressed compressedCount: Int) -> Int {
    let (product, overflow) = compressedCount.multipliedReportingOverflow(by: maximumExpansion)
    return overflow ? Int.max : product
  }

  /// Writes the next decompressed bytes into `buffer`, until it is full or the stream ends.
  ///
  /// - Returns: how many bytes were written: fewer than `buffer.count` only at the end.
  /// - Throws: ``Failure`` when the data is damaged or ends early.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard let start = buffer.baseAddress else { return 0 }
    var written = 0
    while written < buffer.count && !isFinished {
      let room = Swift.min(buffer.count - written, Int(UInt32.max))
      let (status, consumed, produced) = input.withUnsafeBytes {
        (bytes: UnsafeRawBufferPointer) -> (Int32, Int, Int) in
        // avail_in and avail_out are 32 bits wide: feed and drain very large buffers in pieces.
        let available = Swift.min(bytes.count - position, Int(UInt32.max))
        let next = bytes.baseAddress.map { $0 + position }
        stream.next_in = next.map {
          UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self))
        }
        stream.avail_in = UInt32(available)
        stream.next_out = (start + written).assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(room)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        return (status, available - Int(stream.avail_in), room - Int(stream.avail_out))
      }
      position += consumed
      written += produced
      producedByteCount += produced
      switch status {
      case Z_OK:
        continue
      case Z_STREAM_END:
        // Another gzip member may follow, as `cat a.gz b.gz` makes.
        if format == .gzip && position < input.count {
          guard inflateReset(&stream) == Z_OK else {
            throw Failure.corrupt("zlib could not restart for the next member")
          }
        } else {
          isFinished = true
        }
      case Z_BUF_ERROR where position >= input.count:
        throw Failure.truncated
      case Z_BUF_ERROR:
        throw Failure.corrupt("the decoder made no progress")
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
        throw Failure.corrupt(message)
      }
    }
    return written
  }

  /// Whether decompressed bytes remain after those read so far (decoding one more byte).
  ///
  /// - Throws: ``Failure`` when the rest of the data is damaged or ends early.
  func hasMoreOutput() throws -> Bool {
    var byte: UInt8 = 0
    return try withUnsafeMutableBytes(of: &byte) { try read(into: $0) } > 0
  }

  /// Decompresses all of `input` into new memory, refusing to produce more than `maximumSize`
  /// bytes.
  ///
  /// The output grows as the decoder produces data, so a stream that ends early costs only what
  /// it held.
  ///
  /// - Returns: the bytes, or `nil` when they are longer than `maximumSize`.
  /// - Throws: ``Failure`` when the data is damaged or ends early.
  static func decompress(_ input: Data, format: Format, maximumSize: Int) throws -> Data? {
    let inflater = try Inflater(input, format: format)
    let bound = Swift.min(maximumSize, largestOutput(ofCompressed: input.count) + 64)
    var output = Data(count: Swift.min(bound, Swift.max(input.count * 4, 1 << 16)))
    var count = 0
    while true {
      count += try output.withUnsafeMutableBytes { bytes in
        try inflater.read(into: UnsafeMutableRawBufferPointer(rebasing: bytes[count...]))
      }
      if inflater.isFinished { break }
      if count == bound {
        if try inflater.hasMoreOutput() { return nil }
        break
      }
      output.count = Swift.min(bound, output.count * 2)
    }
    output.count = count
    return output
  }
}

/// A count of the bytes decompressed by the decoders released while it is bound to
/// ``Inflater/tally`` (``Inflater`` and ``WholeGzipDecoder``), so that tests can prove a reader
/// stopped early instead of timing it.
final class DecompressionTally: @unchecked Sendable {
  private let lock = NSLock()
  private var total = 0

  /// The bytes counted so far.
  var byteCount: Int { lock.withLock { total } }

  /// Counts `bytes` more decompressed bytes.
  func add(_ bytes: Int) {
    lock.withLock { total += bytes }
  }
}

extension Inflater {
  /// Where the decoders of the current task report how many bytes they produced, once each
  /// (when released): `nil` outside tests.
  @TaskLocal static var tally: DecompressionTally?
}
