/// Why a picture (a plot, an image grid or a raster image) could not be saved.
///
/// ```swift
/// do {
///   try Plot().line([1, 2, 3]).save("loss.gif")
/// } catch {
///   print(error)   // cannot save loss.gif: the extension is not .png or .svg
/// }
/// ```
public enum PictureFileError: Error, Equatable, CustomStringConvertible {
  /// The file name does not end in a supported extension.
  case unsupportedFormat(path: String, supported: [String])
  /// The file could not be written (the directory is missing or not writable, the disk is
  /// full, …). No partial file is left behind.
  case cannotWrite(path: String, reason: String)

  /// A sentence that says what failed and where.
  public var description: String {
    switch self {
    case .unsupportedFormat(let path, let supported):
      let list = supported.map { "." + $0 }.joined(separator: " or ")
      return "cannot save \(path): the extension is not \(list)"
    case .cannotWrite(let path, let reason):
      return "cannot save \(path): \(reason)"
    }
  }
}
