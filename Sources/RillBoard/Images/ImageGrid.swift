import RillCore

/// A batch of images laid out in rows and columns, optionally with a caption under each, saved
/// as PNG or SVG or sent to TensorBoard.
///
/// ```swift
/// try ImageGrid(test.images[0..<16]).save("digits.png")
///
/// let labels = test.labels[0..<16].scalars(as: Int.self).map(String.init)
/// try ImageGrid(test.images[0..<16], titles: labels).save("digits-with-labels.png")
///
/// // The ten weight columns of softmax regression, each scaled to its own range.
/// let columns = W.transposed().reshaped(to: [10, 28, 28])
/// try ImageGrid(columns, columns: 5, scaling: .perImage, colormap: .viridis).save("weights.png")
/// ```
public struct ImageGrid: Sendable {
  /// The images, in reading order.
  public var images: [RasterImage]
  /// The number of images per row.
  public var columns: Int
  /// The whole-pixel enlargement of every image.
  public var scale: Int
  /// The gap between images and around the grid, in pixels.
  public var spacing: Int
  /// The color of the gaps.
  public var background: Color
  /// A caption per image (missing ones are left blank).
  public var titles: [String]

  /// Creates a grid from a batch tensor.
  ///
  /// - Parameters:
  ///   - batch: Images of shape `[count, height, width]` (gray) or
  ///     `[count, height, width, channels]` with 1 to 4 channels.
  ///   - columns: Images per row, or `nil` for a square-ish grid (⌈√count⌉).
  ///   - scale: The enlargement, or `nil` to make each image at least 56 pixels tall.
  ///   - spacing: The gap between images in pixels.
  ///   - scaling: How elements become pixel values (see ``PixelScaling``).
  ///   - colormap: Colors for one-channel images, or `nil` for gray.
  ///   - titles: Captions drawn under the images.
  ///   - background: The color of the gaps.
  /// - Precondition: the shape is one of those above, with no zero dimension.
  public init(
    _ batch: Tensor, columns: Int? = nil, scale: Int? = nil, spacing: Int = 2,
    scaling: PixelScaling = .unit, colormap: Colormap? = nil, titles: [String] = [],
    background: Color = .white
  ) {
    var images = RasterImage.images(from: batch, scaling: scaling)
    if let colormap, images.first?.format == .gray {
      images = images.map { ImageGrid.colored($0, colormap: colormap) }
    }
    self.init(
      images: images, columns: columns, scale: scale, spacing: spacing, titles: titles,
      background: background)
  }

  /// Creates a grid from images of any sizes (each cell is as large as the largest image).
  ///
  /// - Parameters:
  ///   - images: The images, in reading order.
  ///   - columns: Images per row, or `nil` for ⌈√count⌉.
  ///   - scale: The enlargement, or `nil` to make each image at least 56 pixels tall.
  ///   - spacing: The gap between images in pixels.
  ///   - titles: Captions drawn under the images.
  ///   - background: The color of the gaps.
  /// - Precondition: there is at least one image; `columns` and `scale` are positive.
  public init(
    images: [RasterImage], columns: Int? = nil, scale: Int? = nil, spacing: Int = 2,
    titles: [String] = [], background: Color = .white
  ) {
    require(!images.isEmpty, "ImageGrid: there are no images")
    let tallest = images.map(\.height).max() ?? 1
    let columns = columns ?? Int(Double(images.count).squareRoot().rounded(.up))
    let scale = scale ?? max(1, (56 + tallest - 1) / tallest)
    require(
      columns > 0 && scale > 0, "ImageGrid: columns \(columns) and scale \(scale) must be positive")
    require(spacing >= 0, "ImageGrid: spacing \(spacing) is negative")
    self.images = images
    self.columns = columns
    self.scale = scale
    self.spacing = spacing
    self.titles = titles
    self.background = background
  }

  /// The grid drawn as an RGB raster image.
  public func render() -> RasterImage {
    var canvas = RasterCanvas(width: size.width, height: size.height, background: background)
    draw(on: &canvas)
    return canvas.image
  }

  /// The grid as a PNG file's bytes.
  public func pngData() -> [UInt8] {
    render().pngData()
  }

  /// The grid as an SVG document: one embedded PNG `<image>` per cell and `<text>` captions.
  public func svg() -> String {
    var canvas = SVGCanvas(width: size.width, height: size.height, background: background)
    draw(on: &canvas)
    return canvas.document
  }

  /// Writes the grid to a `.png` or `.svg` file, chosen by the extension, atomically.
  ///
  /// - Parameter path: The file to write.
  /// - Throws: ``PictureFileError`` when the extension is neither `.png` nor `.svg`, or the
  ///   file cannot be written (no partial file is left).
  public func save(_ path: String) throws(PictureFileError) {
    switch AtomicFile.pathExtension(path) {
    case "png": try AtomicFile.write(pngData(), to: path)
    case "svg": try AtomicFile.write(Array(svg().utf8), to: path)
    default: throw .unsupportedFormat(path: path, supported: ["png", "svg"])
    }
  }

  /// The caption style: the bitmap font at scale 2, or 1 for cells under 40 pixels wide.
  private var titleStyle: TextStyle {
    TextStyle(scale: cellWidth >= 40 ? 2 : 1, color: Color(gray: 40))
  }

  /// The width of a cell in pixels.
  private var cellWidth: Int { (images.map(\.width).max() ?? 1) * scale }

  /// The height of a cell in pixels, caption included.
  private var cellHeight: Int {
    let picture = (images.map(\.height).max() ?? 1) * scale
    return titles.isEmpty ? picture : picture + Int(titleStyle.lineHeight) + 4
  }

  /// The number of rows.
  private var rows: Int { (images.count + columns - 1) / columns }

  /// The size of the whole grid in pixels.
  var size: (width: Int, height: Int) {
    let shownColumns = min(columns, images.count)
    return (
      shownColumns * cellWidth + (shownColumns + 1) * spacing,
      rows * cellHeight + (rows + 1) * spacing
    )
  }

  /// Draws every image, centred in its cell, with its caption under it.
  private func draw<C: Canvas>(on canvas: inout C) {
    for (index, image) in images.enumerated() {
      let column = index % columns
      let row = index / columns
      let cellX = spacing + column * (cellWidth + spacing)
      let cellY = spacing + row * (cellHeight + spacing)
      let width = image.width * scale
      let height = image.height * scale
      let x = cellX + (cellWidth - width) / 2
      canvas.image(
        image,
        in: Rect(x: Double(x), y: Double(cellY), width: Double(width), height: Double(height)),
        clip: nil)
      if index < titles.count {
        let pictureHeight = (images.map(\.height).max() ?? 1) * scale
        canvas.text(
          titles[index],
          at: Point(x: Double(cellX) + Double(cellWidth) / 2, y: Double(cellY + pictureHeight + 3)),
          horizontal: .center, vertical: .top, style: titleStyle)
      }
    }
  }

  /// A gray image recolored through a colormap (0 → first stop, 255 → last).
  static func colored(_ image: RasterImage, colormap: Colormap) -> RasterImage {
    let table = (0..<256).map { colormap.color(at: Double($0) / 255) }
    var pixels: [UInt8] = []
    pixels.reserveCapacity(image.pixels.count * 3)
    for level in image.pixels {
      let color = table[Int(level)]
      pixels += [color.red, color.green, color.blue]
    }
    return RasterImage(width: image.width, height: image.height, format: .rgb, pixels: pixels)
  }
}
