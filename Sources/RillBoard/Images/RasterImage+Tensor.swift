import RillCore

extension RasterImage {
  /// Creates an image from a tensor of shape `[height, width]` or `[height, width, channels]`
  /// with 1 (gray), 2 (gray and alpha), 3 (RGB) or 4 (RGBA) channels.
  ///
  /// ```swift
  /// let digit = RasterImage(test.images[0])                         // uint8 [28, 28]
  /// let column = RasterImage(W[0..., 3].reshaped(to: [28, 28]), scaling: .perImage)
  /// ```
  /// - Parameters:
  ///   - tensor: The pixels, top row first.
  ///   - scaling: How elements become 0…255 (see ``PixelScaling``).
  /// - Precondition: the shape is one of those above, with no zero dimension.
  public init(_ tensor: Tensor, scaling: PixelScaling = .unit) {
    let (height, width, format) = RasterImage.layout(of: tensor.shape, batched: false)
    self.init(
      width: width, height: height, format: format,
      pixels: scaling.bytes(tensor.scalars(as: Double.self), dtype: tensor.dtype))
  }

  /// Creates an RGBA image from a `[height, width]` tensor by coloring each element with a
  /// colormap; NaN elements become transparent.
  ///
  /// - Parameters:
  ///   - tensor: The values, top row first.
  ///   - colormap: The colors for 0…1.
  ///   - range: The values mapped to the colormap's ends, or `nil` for the smallest and largest
  ///     finite elements.
  /// - Precondition: `tensor` has rank 2 and no zero dimension.
  public init(_ tensor: Tensor, colormap: Colormap, range: ClosedRange<Double>? = nil) {
    require(
      tensor.rank == 2 && tensor.scalarCount > 0,
      "RasterImage(colormap:): the tensor has shape \(tensor.shape), not [height, width]")
    let values = tensor.scalars(as: Double.self)
    self.init(
      width: tensor.shape[1], height: tensor.shape[0], colormap: colormap,
      values: values, range: range ?? RasterImage.finiteRange(values))
  }

  /// Creates an RGBA image by coloring row-major values; NaN becomes transparent.
  init(width: Int, height: Int, colormap: Colormap, values: [Double], range: ClosedRange<Double>) {
    var pixels: [UInt8] = []
    pixels.reserveCapacity(values.count * 4)
    let span = range.upperBound - range.lowerBound
    for value in values {
      if value.isNaN {
        pixels += [0, 0, 0, 0]
      } else {
        let unit = span > 0 ? (value - range.lowerBound) / span : 0
        pixels += colormap.color(at: unit).components
      }
    }
    self.init(width: width, height: height, format: .rgba, pixels: pixels)
  }

  /// The images of a batch: a tensor of shape `[count, height, width]` (gray) or
  /// `[count, height, width, channels]`.
  ///
  /// ```swift
  /// let digits = RasterImage.images(from: test.images[0..<16])
  /// ```
  /// - Parameters:
  ///   - batch: The images, stacked along the first axis.
  ///   - scaling: How elements become 0…255; `.perImage` scales each image on its own.
  /// - Returns: One image per element of the first axis, in order.
  /// - Precondition: the shape is one of those above, with no zero dimension.
  public static func images(from batch: Tensor, scaling: PixelScaling = .unit) -> [RasterImage] {
    let (height, width, format) = layout(of: batch.shape, batched: true)
    let values = batch.scalars(as: Double.self)
    let size = height * width * format.channelCount
    return (0..<batch.shape[0]).map { index in
      let slice = Array(values[(index * size)..<((index + 1) * size)])
      return RasterImage(
        width: width, height: height, format: format,
        pixels: scaling.bytes(slice, dtype: batch.dtype))
    }
  }

  /// The height, width and format of an image tensor, or of each image in a batch.
  static func layout(of shape: Shape, batched: Bool) -> (Int, Int, Format) {
    let dimensions = batched ? Array(shape.dimensions.dropFirst()) : shape.dimensions
    let name = batched ? "RasterImage.images(from:)" : "RasterImage"
    let expected =
      batched
      ? "[count, height, width] or [count, height, width, channels]"
      : "[height, width] or [height, width, channels]"
    require(
      (!batched || shape.rank >= 1) && (dimensions.count == 2 || dimensions.count == 3)
        && shape.dimensions.allSatisfy({ $0 > 0 }),
      "\(name): shape \(shape) is not \(expected)")
    let channels = dimensions.count == 3 ? dimensions[2] : 1
    guard let format = Format(channelCount: channels) else {
      fatalError("\(name): shape \(shape) has \(channels) channels, not 1 to 4")
    }
    return (dimensions[0], dimensions[1], format)
  }

  /// The smallest and largest finite values, or 0…1 when there are none.
  static func finiteRange(_ values: [Double]) -> ClosedRange<Double> {
    let finite = values.filter(\.isFinite)
    guard let low = finite.min(), let high = finite.max() else { return 0...1 }
    return low...high
  }
}
