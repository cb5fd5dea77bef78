/// Why a gzip-compressed file could not be decompressed.
///
/// ```swift
/// do {
///   _ = try IDX.read(contentsOf: url)
/// } catch let error as IDXError {
///   print(error)   // IDX file …/train-images-idx3-ubyte.gz: the gzip stream ends early
/// }
/// ```
public struct GzipError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// The data does not start with the gzip magic bytes 1f 8b.
    case notGzip
    /// The stream ends before its last member is complete.
    case truncated
    /// zlib rejected the stream (a damaged header or block, or a CRC-32 or length that does not
    /// match); the message is zlib's.
    case corrupt(String)
    /// The contents are longer than the caller allowed.
    case tooLarge(maximumSize: Int)
  }

  /// What was wrong.
  public var reason: Reason

  /// Creates an error for `reason`.
  public init(_ reason: Reason) {
    self.reason = reason
  }

  /// A sentence saying what was wrong.
  public var description: String {
    switch reason {
    case .notGzip: return "the data is not gzip-compressed (it does not start with 1f 8b)"
    case .truncated: return "the gzip stream ends early: the file is truncated"
    case .corrupt(let message): return "the gzip stream is damaged (\(message))"
    case .tooLarge(let maximumSize):
      return "the gzip stream decompresses to more than the expected \(maximumSize) bytes"
    }
  }
}
