/// Why an IDX file could not be read.
///
/// ```swift
/// do {
///   let labels = try IDX.read(contentsOf: url)
/// } catch let error as IDXError {
///   print(error)   // IDX file labels.idx: 59999 bytes, but its header declares 60008
/// }
/// ```
public struct IDXError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// The file could not be read; the text is the system's reason.
    case unreadable(String)
    /// The file is gzip-compressed and the compressed stream is damaged.
    case compression(GzipError)
    /// The file ends inside its header.
    case tooShort(byteCount: Int)
    /// The first two bytes are not zero; the value is the first four bytes, big-endian.
    case badMagic(UInt32)
    /// The type code (third byte) is not one IDX defines.
    case unsupportedType(UInt8)
    /// The number of dimensions (fourth byte) is 0 or above ``IDX/maximumRank``.
    case badRank(Int)
    /// A dimension is above 2³¹ − 1 (negative as the signed 32-bit number IDX specifies).
    case badDimension(axis: Int, value: UInt32)
    /// The dimensions multiply to more bytes than a program can address.
    case sizeOverflow(dimensions: [Int])
    /// The header of a compressed file declares more bytes than the reader's
    /// ``ReadingLimits/maximumDecompressedByteCount``, or than the compressed stream can
    /// expand to; `maximumBytes` is the lower of the two.
    case tooLargeToDecompress(declaredBytes: Int, maximumBytes: Int)
    /// The memory for the tensor's `byteCount` bytes could not be allocated.
    case outOfMemory(byteCount: Int)
    /// The file is not as long as its header declares; `actualBytes` is `nil` when it is
    /// longer (a compressed file is not decompressed past the declared length).
    case lengthMismatch(expectedBytes: Int, actualBytes: Int?)
  }

  /// What was wrong.
  public var reason: Reason
  /// The file's path, when the data came from a file.
  public var path: String?

  /// Creates an error for `reason` in the file at `path`.
  public init(_ reason: Reason, path: String? = nil) {
    self.reason = reason
    self.path = path
  }

  /// A sentence naming the file and saying what was wrong.
  public var description: String { errorSubject(format: "IDX", path: path) + ": " + explanation }

  private var explanation: String {
    switch reason {
    case .unreadable(let message): return "cannot be read (\(message))"
    case .compression(let error): return error.description
    case .tooShort(let count): return "\(count) bytes end inside the header"
    case .badMagic(let magic):
      return "magic number 0x\(String(magic, radix: 16)) does not start with two zero bytes"
    case .unsupportedType(let code):
      return "type code 0x\(String(code, radix: 16)) is not an IDX type "
        + "(0x08, 0x09, 0x0b, 0x0c, 0x0d or 0x0e)"
    case .badRank(let rank):
      return "\(rank) dimensions; expected 1 to \(IDX.maximumRank)"
    case .badDimension(let axis, let value):
      return "dimension \(axis) has size \(value), above 2147483647"
    case .sizeOverflow(let dimensions):
      return "dimensions \(dimensions) are too large to address"
    case .tooLargeToDecompress(let declared, let maximum):
      return "the header declares \(declared) bytes, more than the \(maximum) that the "
        + "reading limits allow or the compressed stream can hold"
    case .outOfMemory(let byteCount):
      return "cannot allocate the \(byteCount) bytes of the tensor"
    case .lengthMismatch(let expected, let actual?):
      return "\(actual) bytes, but its header declares \(expected)"
    case .lengthMismatch(let expected, nil):
      return "longer than the \(expected) bytes its header declares"
    }
  }
}
