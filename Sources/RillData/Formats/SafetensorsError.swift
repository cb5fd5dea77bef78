/// Why a safetensors file could not be read or written.
///
/// The error names the file (when there is one) and the tensor (when the problem is one
/// tensor's entry).
///
/// ```swift
/// do {
///   let (weights, _) = try Safetensors.read(contentsOf: url)
/// } catch let error as SafetensorsError {
///   print(error)
///   // safetensors file model.safetensors, tensor 'dense.kernel': dtype 'F16' is not
///   // supported; Rill reads F32, F64, I32, I64, U8 and BOOL
/// }
/// ```
public struct SafetensorsError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// The file could not be read; the text is the system's reason.
    case unreadable(String)
    /// The file could not be written; the text is the system's reason.
    case unwritable(String)
    /// The data is shorter than the 8-byte header length.
    case tooShort(byteCount: Int)
    /// The declared header length is above ``Safetensors/maximumHeaderSize``.
    case headerTooLarge(Int)
    /// The declared header runs past the end of the data.
    case headerOutOfBounds(headerSize: Int, byteCount: Int)
    /// The header is not the JSON object the format specifies; the text says what and where.
    case badHeader(String)
    /// The dtype is not one Rill reads (see ``Safetensors``).
    case unsupportedDType(String)
    /// The header holds more tensors than the reader's ``ReadingLimits/maximumEntryCount``.
    case tooManyEntries(count: Int, maximumCount: Int)
    /// The shape has more dimensions than the reader's ``ReadingLimits/maximumRank``.
    case rankTooLarge(rank: Int, maximumRank: Int)
    /// The memory for the tensor's `byteCount` bytes could not be allocated.
    case outOfMemory(byteCount: Int)
    /// A dimension of the shape is negative.
    case negativeDimension(shape: [Int])
    /// The shape's sizes multiply to more bytes than a program can address.
    case sizeOverflow(shape: [Int])
    /// The data offsets do not span the number of bytes the dtype and shape require.
    case sizeMismatch(shape: [Int], expectedBytes: Int, actualBytes: Int)
    /// The data offsets are reversed or end past the data.
    case offsetsOutOfRange(begin: Int, end: Int, dataSize: Int)
    /// The tensor's data does not start where the previous one (in offset order) ends: the
    /// tensors overlap, or leave a hole between them.
    case misplacedData(begin: Int, expectedBegin: Int)
    /// Bytes after the last tensor's data belong to no tensor.
    case unusedData(byteCount: Int)
    /// A tensor to write is named `__metadata__`, the key the format reserves.
    case reservedName
  }

  /// What was wrong.
  public var reason: Reason
  /// The file's path, when the data came from or went to a file.
  public var path: String?
  /// The name of the tensor whose entry is wrong, when the problem is one tensor's.
  public var tensor: String?

  /// Creates an error for `reason` in the entry of `tensor` in the file at `path`.
  ///
  /// - Parameters:
  ///   - reason: what was wrong.
  ///   - path: the file's path, if any.
  ///   - tensor: the tensor's name, if the problem is one tensor's.
  public init(_ reason: Reason, path: String? = nil, tensor: String? = nil) {
    self.reason = reason
    self.path = path
    self.tensor = tensor
  }

  /// A sentence naming the file and the tensor and saying what was wrong.
  public var description: String {
    var prefix = errorSubject(format: "safetensors", path: path)
    if let tensor { prefix += ", tensor " + JSONValue.quoted(tensor) }
    return prefix + ": " + explanation
  }

  private var explanation: String {
    switch reason {
    case .unreadable(let message): return "cannot be read (\(message))"
    case .unwritable(let message): return "cannot be written (\(message))"
    case .tooShort(let count):
      return "\(count) bytes are too few for the 8-byte header length"
    case .headerTooLarge(let size):
      return "the header length \(size) is above the limit of \(Safetensors.maximumHeaderSize)"
    case .headerOutOfBounds(let size, let count):
      return "the header of \(size) bytes runs past the end of the \(count) bytes"
    case .badHeader(let message): return "the header is invalid: \(message)"
    case .unsupportedDType(let dtype):
      return "dtype \(JSONValue.quoted(dtype)) is not supported; Rill reads F32, F64, I32, I64, "
        + "U8 and BOOL"
    case .tooManyEntries(let count, let maximum):
      return "the header holds \(count) tensors, more than the limit of \(maximum)"
    case .rankTooLarge(let rank, let maximum):
      return "the shape has \(rank) dimensions, more than the limit of \(maximum)"
    case .outOfMemory(let byteCount): return "cannot allocate the \(byteCount) bytes of the tensor"
    case .negativeDimension(let shape): return "shape \(shape) has a negative dimension"
    case .sizeOverflow(let shape): return "shape \(shape) is too large to address"
    case .sizeMismatch(let shape, let expected, let actual):
      return "the data offsets span \(actual) bytes, but shape \(shape) requires \(expected)"
    case .offsetsOutOfRange(let begin, let end, let size):
      return "the data offsets [\(begin), \(end)] do not lie within the \(size) bytes of data"
    case .misplacedData(let begin, let expected):
      return "the data starts at byte \(begin), but the previous tensor's ends at \(expected) "
        + "(tensors must follow one another without overlaps or holes)"
    case .unusedData(let count): return "the last \(count) bytes of data belong to no tensor"
    case .reservedName: return "the name __metadata__ is reserved for the metadata"
    }
  }
}
