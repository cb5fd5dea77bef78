import RillCore

/// A picture as 8-bit pixels: grayscale, grayscale with alpha, RGB or RGBA.
///
/// Pixels are stored row by row from the top, each pixel's channels side by side. A raster
/// image is what the plots render to, what ``SummaryWriter`` sends to TensorBoard, and what
/// ``pngData()`` encodes.
///
/// ```swift
/// var image = RasterImage(width: 2, height: 1, format: .rgb, pixels: [255, 0, 0, 0, 0, 255])
/// image[1, 0] = [0, 255, 0]       // x 1, y 0 is now green
/// try image.save("two-pixels.png")
/// ```
public struct RasterImage: Equatable, Sendable {
  /// The channels of a pixel.
  public enum Format: Int, Sendable, CaseIterable {
    /// One channel: gray level.
    case gray = 1
    /// Gray level and opacity.
    case grayAlpha = 2
    /// Red, green and blue.
    case rgb = 3
    /// Red, green, blue and opacity.
    case rgba = 4

    /// The number of bytes per pixel.
    public var channelCount: Int { rawValue }

    /// The format with `count` channels, or `nil` unless `count` is 1 to 4.
    public init?(channelCount count: Int) {
      self.init(rawValue: count)
    }
  }

  /// The width in pixels.
  public let width: Int
  /// The height in pixels.
  public let height: Int
  /// The channels of each pixel.
  public let format: Format
  /// The samples, `height` rows of `width` pixels of `format.channelCount` bytes.
  public var pixels: [UInt8]

  /// Creates an image from its samples.
  ///
  /// - Parameters:
  ///   - width: The width in pixels.
  ///   - height: The height in pixels.
  ///   - format: The channels of each pixel.
  ///   - pixels: `height` rows of `width` pixels, each `format.channelCount` bytes.
  /// - Precondition: the sizes are positive and `pixels` has exactly the bytes they need.
  public init(width: Int, height: Int, format: Format, pixels: [UInt8]) {
    require(width > 0 && height > 0, "RasterImage: size \(width)×\(height) is empty")
    require(
      pixels.count == width * height * format.channelCount,
      "RasterImage: \(pixels.count) bytes do not fill \(width)×\(height) \(format) pixels")
    self.width = width
    self.height = height
    self.format = format
    self.pixels = pixels
  }

  /// Creates an RGB or RGBA image filled with one color.
  ///
  /// - Parameters:
  ///   - width: The width in pixels.
  ///   - height: The height in pixels.
  ///   - color: The fill.
  ///   - format: `.rgb` (the color's alpha is dropped) or `.rgba`.
  /// - Precondition: the sizes are positive and `format` is `.rgb` or `.rgba`.
  public init(width: Int, height: Int, filledWith color: Color, format: Format = .rgb) {
    require(format == .rgb || format == .rgba, "RasterImage: fill needs an RGB format")
    let pixel = format == .rgb ? [color.red, color.green, color.blue] : color.components
    var pixels: [UInt8] = []
    pixels.reserveCapacity(width * height * pixel.count)
    for _ in 0..<(width * height) { pixels += pixel }
    self.init(width: width, height: height, format: format, pixels: pixels)
  }

  /// The channels of the pixel at column `x` and row `y` (row 0 is the top).
  ///
  /// - Precondition: the position is inside the image and a new value has
  ///   `format.channelCount` elements.
  public subscript(x: Int, y: Int) -> [UInt8] {
    get {
      let start = offset(x, y)
      return Array(pixels[start..<(start + format.channelCount)])
    }
    set {
      require(newValue.count == format.channelCount, "RasterImage: wrong channel count")
      let start = offset(x, y)
      pixels.replaceSubrange(start..<(start + format.channelCount), with: newValue)
    }
  }

  /// The index of the first byte of a pixel.
  private func offset(_ x: Int, _ y: Int) -> Int {
    require(
      x >= 0 && x < width && y >= 0 && y < height,
      "RasterImage: pixel (\(x), \(y)) is outside \(width)×\(height)")
    return (y * width + x) * format.channelCount
  }

  /// The image as RGBA, whatever its format (gray repeats into red, green and blue; a missing
  /// alpha is opaque).
  public func convertedToRGBA() -> RasterImage {
    if format == .rgba { return self }
    var rgba = [UInt8](repeating: 255, count: width * height * 4)
    let channels = format.channelCount
    for pixel in 0..<(width * height) {
      let source = pixel * channels
      let target = pixel * 4
      switch format {
      case .gray, .grayAlpha:
        rgba[target] = pixels[source]
        rgba[target + 1] = pixels[source]
        rgba[target + 2] = pixels[source]
        if format == .grayAlpha { rgba[target + 3] = pixels[source + 1] }
      case .rgb:
        rgba[target] = pixels[source]
        rgba[target + 1] = pixels[source + 1]
        rgba[target + 2] = pixels[source + 2]
      case .rgba:
        break
      }
    }
    return RasterImage(width: width, height: height, format: .rgba, pixels: rgba)
  }
}
