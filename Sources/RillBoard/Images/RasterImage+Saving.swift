extension RasterImage {
  /// Writes the image to a `.png` file, atomically.
  ///
  /// ```swift
  /// try RasterImage(test.images[0]).save("digit.png")
  /// ```
  /// - Parameter path: The file to write; its extension must be `png`.
  /// - Throws: ``PictureFileError`` when the extension is not `.png` or the file cannot be
  ///   written (no partial file is left).
  public func save(_ path: String) throws(PictureFileError) {
    guard AtomicFile.pathExtension(path) == "png" else {
      throw .unsupportedFormat(path: path, supported: ["png"])
    }
    try AtomicFile.write(pngData(), to: path)
  }
}
