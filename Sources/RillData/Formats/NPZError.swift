/// Why a NumPy `.npz` archive could not be read or written.
///
/// The error names the file (when there is one) and the array (when the problem is one
/// array's entry in the archive).
///
/// ```swift
/// do {
///   let arrays = try NPZ.read(contentsOf: url)
/// } catch let error as NPZError {
///   print(error)   // NPZ file data.npz, array 'x': the CRC-32 is 0x1c291ca3, not 0x8587d865 …
/// }
/// ```
public struct NPZError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// The file could not be read; the text is the system's reason.
    case unreadable(String)
    /// The file could not be written; the text is the system's reason.
    case unwritable(String)
    /// The data does not end with a zip archive's end-of-central-directory record.
    case notZip
    /// The zip structure is damaged or forged; the text says what is wrong where.
    case damagedArchive(String)
    /// The entry is encrypted.
    case encrypted
    /// The entry is compressed with a method other than stored (0) or deflate (8).
    case unsupportedCompression(method: Int)
    /// The entry's compressed data is damaged or does not have the declared size; the text
    /// says how.
    case damagedData(String)
    /// The entry's data does not have the CRC-32 its header declares.
    case checksumMismatch(expected: UInt32, actual: UInt32)
    /// The deflated entry declares more bytes than the reader's
    /// ``ReadingLimits/maximumDecompressedByteCount``, or than its compressed data can expand
    /// to; `maximumBytes` is the lower of the two.
    case tooLargeToDecompress(declaredBytes: Int, maximumBytes: Int)
    /// The memory for the entry's `byteCount` decompressed bytes could not be allocated.
    case outOfMemory(byteCount: Int)
    /// The archive holds more entries than the reader's ``ReadingLimits/maximumEntryCount``.
    case tooManyEntries(count: Int, maximumCount: Int)
    /// Two entries have the same array name.
    case duplicateName
    /// An array's name is too long for a zip entry (65,535 bytes of UTF-8 with `.npy`).
    case nameTooLong
    /// The entry is not a valid `.npy` file of a supported dtype.
    case invalidArray(NPYError)
  }

  /// What was wrong.
  public var reason: Reason
  /// The file's path, when the data came from or went to a file.
  public var path: String?
  /// The name of the array whose entry is wrong (without `.npy`), when the problem is one
  /// array's.
  public var array: String?

  /// Creates an error for `reason` in the entry of `array` in the file at `path`.
  ///
  /// - Parameters:
  ///   - reason: what was wrong.
  ///   - path: the file's path, if any.
  ///   - array: the array's name, if the problem is one array's.
  public init(_ reason: Reason, path: String? = nil, array: String? = nil) {
    self.reason = reason
    self.path = path
    self.array = array
  }

  /// A sentence naming the file and the array and saying what was wrong.
  public var description: String {
    var prefix = errorSubject(format: "NPZ", path: path)
    if let array { prefix += ", array " + JSONValue.quoted(array) }
    return prefix + ": " + explanation
  }

  private var explanation: String {
    switch reason {
    case .unreadable(let message): return "cannot be read (\(message))"
    case .unwritable(let message): return "cannot be written (\(message))"
    case .notZip:
      return "is not a zip archive (no end-of-central-directory record at its end)"
    case .damagedArchive(let message): return "the zip archive is damaged: \(message)"
    case .encrypted: return "the entry is encrypted"
    case .unsupportedCompression(let method):
      return "compression method \(method) is not supported; Rill reads stored (0) and "
        + "deflate (8) entries, as numpy.savez and numpy.savez_compressed write them"
    case .damagedData(let message): return "the entry's data is damaged: \(message)"
    case .checksumMismatch(let expected, let actual):
      return "the CRC-32 is 0x\(String(actual, radix: 16)), not 0x\(String(expected, radix: 16)) "
        + "as the archive declares"
    case .tooLargeToDecompress(let declared, let maximum):
      return "the entry declares \(declared) bytes, more than the \(maximum) that the reading "
        + "limits allow or its compressed data can hold"
    case .outOfMemory(let byteCount):
      return "cannot allocate the \(byteCount) bytes of the decompressed entry"
    case .tooManyEntries(let count, let maximum):
      return "the archive holds \(count) entries, more than the limit of \(maximum)"
    case .duplicateName: return "the archive holds two arrays of this name"
    case .nameTooLong: return "the name is longer than a zip entry's name may be"
    case .invalidArray(let error): return "the .npy entry is invalid: \(error)"
    }
  }
}

extension NPZError {
  /// The error for a deflated entry the decoder rejected.
  init(failure: Inflater.Failure) {
    switch failure {
    case .truncated: self.init(.damagedData("the compressed data ends early"))
    case .corrupt(let message):
      self.init(.damagedData("the compressed data is damaged (\(message))"))
    }
  }
}
