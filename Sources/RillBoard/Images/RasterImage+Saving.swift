extension RasterImage {
  /// Writes the image to a `.png` file, atomically and durably (see `DurableFile`).
  ///
  /// ```swift
  /// try RasterImage(test.images[0]).save("digit.png")
  /// ```
  /// - Parameter path: The file to write; its extension must be `png`.
  /// - Throws: ``PictureFileError`` when the extension is not `.png` or the file cannot be
  ///   written (no partial file is left).
  public func save(_ path: String) throws(PictureFileError) {
    try PictureFile.save(path, encodings: [("png", pngData)])
  }
}
