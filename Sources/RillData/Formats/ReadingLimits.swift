/// The most a file may make a reader do: how far compressed data may expand, how many
/// dimensions a tensor and how many entries a file may have.
///
/// Files come from outside the program, often from the internet, so readers check what a
/// header declares against these limits before they allocate or decompress anything: a file
/// that would exceed them throws the reader's typed error instead of exhausting the machine.
/// The defaults accept every real file of the classic datasets and models with room to spare
/// (MNIST's largest file expands to 47 MB); pass other limits to read bigger files.
///
/// ```swift
/// var limits = ReadingLimits.default
/// limits.maximumDecompressedByteCount = 8 << 30   // an NPZ file with 8 GiB arrays
/// let arrays = try NPZ.read(contentsOf: url, limits: limits)
/// ```
///
/// Whatever the limits, a compressed stream is never decompressed past the size its header or
/// zip directory declares, nor past what deflate can expand its bytes to (1032:1).
public struct ReadingLimits: Hashable, Sendable {
  /// The most bytes one compressed stream may decompress to.
  ///
  /// The stream is an IDX file's gzip contents or one deflated NPZ entry. Default: 1 GiB.
  public var maximumDecompressedByteCount: Int
  /// The most dimensions a tensor read from a file may have.
  ///
  /// Default: 64, NumPy's limit.
  public var maximumRank: Int
  /// The most tensors one file may hold (safetensors entries, NPZ arrays).
  ///
  /// Default: 1,048,576.
  public var maximumEntryCount: Int

  /// Creates limits, by default the ones of ``default``.
  ///
  /// - Parameters:
  ///   - maximumDecompressedByteCount: the most bytes one compressed stream may expand to.
  ///   - maximumRank: the most dimensions of a tensor.
  ///   - maximumEntryCount: the most tensors in one file.
  public init(
    maximumDecompressedByteCount: Int = 1 << 30, maximumRank: Int = 64,
    maximumEntryCount: Int = 1 << 20
  ) {
    self.maximumDecompressedByteCount = maximumDecompressedByteCount
    self.maximumRank = maximumRank
    self.maximumEntryCount = maximumEntryCount
  }

  /// The limits readers use unless told otherwise.
  public static let `default` = ReadingLimits()
}
