/// Why a NumPy `.npy` file could not be read or written.
///
/// ```swift
/// do {
///   let weights = try NPY.read(contentsOf: url)
/// } catch let error as NPYError {
///   print(error)   // NPY file w.npy: dtype '<f2' is not supported; Rill reads '<f4', …
/// }
/// ```
public struct NPYError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// The file could not be read or written; the text is the system's reason.
    case unreadable(String)
    /// The data does not start with the magic string `\x93NUMPY`.
    case notNPY
    /// The format version is not 1.0, 2.0 or 3.0.
    case unsupportedVersion(major: UInt8, minor: UInt8)
    /// The file ends inside its preamble or header.
    case tooShort(byteCount: Int)
    /// The header is longer than ``NPY/maximumHeaderSize`` bytes.
    case headerTooLarge(Int)
    /// The header is not the Python dictionary literal NumPy writes; the text says where.
    case badHeader(String)
    /// The dtype is not one Rill reads (see ``NPY``).
    case unsupportedDType(String)
    /// The array has more dimensions than the reader's ``ReadingLimits/maximumRank``.
    case rankTooLarge(rank: Int, maximumRank: Int)
    /// The shape's sizes multiply to more bytes than a program can address.
    case sizeOverflow(shape: [Int])
    /// The memory for the array's `byteCount` bytes could not be allocated.
    case outOfMemory(byteCount: Int)
    /// The data after the header is not as long as the shape and dtype require.
    case lengthMismatch(expectedBytes: Int, actualBytes: Int)
  }

  /// What was wrong.
  public var reason: Reason
  /// The file's path, when the data came from or went to a file.
  public var path: String?

  /// Creates an error for `reason` in the file at `path`.
  public init(_ reason: Reason, path: String? = nil) {
    self.reason = reason
    self.path = path
  }

  /// A sentence naming the file and saying what was wrong.
  public var description: String { errorSubject(format: "NPY", path: path) + ": " + explanation }

  private var explanation: String {
    switch reason {
    case .unreadable(let message): return "cannot be read or written (\(message))"
    case .notNPY: return "does not start with the NumPy magic string \\x93NUMPY"
    case .unsupportedVersion(let major, let minor):
      return "format version \(major).\(minor) is not 1.0, 2.0 or 3.0"
    case .tooShort(let count): return "\(count) bytes end inside the header"
    case .headerTooLarge(let size):
      return "the header of \(size) bytes is longer than \(NPY.maximumHeaderSize)"
    case .badHeader(let message): return "the header is invalid: \(message)"
    case .unsupportedDType(let descr):
      return "dtype '\(descr)' is not supported; Rill reads "
        + "'<f4', '<f8', '<i4', '<i8', '|u1' and '|b1' (little-endian)"
    case .rankTooLarge(let rank, let maximum):
      return "the array has \(rank) dimensions, more than the limit of \(maximum)"
    case .sizeOverflow(let shape): return "shape \(shape) is too large to address"
    case .outOfMemory(let byteCount):
      return "cannot allocate the \(byteCount) bytes of the array"
    case .lengthMismatch(let expected, let actual):
      return "\(actual) bytes of data, but the shape and dtype require \(expected)"
    }
  }
}
