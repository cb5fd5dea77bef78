extension Plot {
  /// The plot drawn as an RGB raster image.
  public func render() -> RasterImage {
    var canvas = RasterCanvas(width: width, height: height)
    PlotRenderer(plot: self).draw(on: &canvas)
    return canvas.image
  }

  /// The plot as a PNG file's bytes.
  public func pngData() -> [UInt8] {
    render().pngData()
  }

  /// The plot as an SVG document, with real `<text>`, `<line>`, `<polyline>`, `<circle>` and
  /// `<image>` elements (images are embedded PNGs).
  public func svg() -> String {
    var canvas = SVGCanvas(width: width, height: height)
    PlotRenderer(plot: self).draw(on: &canvas)
    return canvas.document
  }

  /// Writes the plot to a `.png` or `.svg` file, chosen by the extension, atomically and
  /// durably (see `DurableFile`).
  ///
  /// ```swift
  /// try Plot().scatter(x, y).line(x, x * m + b).save("fit.png")
  /// ```
  /// - Parameter path: The file to write.
  /// - Throws: ``PictureFileError`` when the extension is neither `.png` nor `.svg`, or the
  ///   file cannot be written (no partial file is left).
  public func save(_ path: String) throws(PictureFileError) {
    try PictureFile.save(path, encodings: [("png", pngData), ("svg", { Array(svg().utf8) })])
  }
}
