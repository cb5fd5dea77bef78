import CZlib
import Foundation

/// gzip (RFC 1952) decompression on zlib.
///
/// Decompression never trusts sizes written in the stream: the output grows only as real data
/// comes out of the decoder (``Inflater``), and stops with an error past a caller's limit. Each
/// member's CRC-32 and length are checked by zlib, and consecutive members are joined, as
/// `gunzip` does.
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
    guard isCompressed(data) else { throw GzipError(.notGzip) }
    do {
      guard let contents = try Inflater.decompress(data, format: .gzip, maximumSize: maximumSize)
      else { throw GzipError(.tooLarge(maximumSize: maximumSize)) }
      return contents
    } catch let failure as Inflater.Failure {
      throw GzipError(failure: failure)
    }
  }
}

extension GzipError {
  /// The error for a failure of the decoder.
  init(failure: Inflater.Failure) {
    switch failure {
    case .truncated: self.init(Reason.truncated)
    case .corrupt(let message): self.init(Reason.corrupt(message))
    }
  }
}
