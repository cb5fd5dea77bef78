import RillCore

extension Plot {
  /// The plot showing a tensor as an image with square pixels, row 0 at the top, as
  /// matplotlib's `imshow` does; the axes count pixels.
  ///
  /// A `[height, width]` tensor (or `[height, width, 1]`) is colored with `colormap`; a
  /// `[height, width, 3]` or `[height, width, 4]` tensor is shown as RGB(A), floats in 0…1 and
  /// integers in 0…255 (see ``PixelScaling/unit``). NaN elements are left transparent.
  ///
  /// ```swift
  /// try Plot().imshow(W[0..., 3].reshaped(to: [28, 28]), colorbar: true).save("w3.png")
  /// try Plot().imshow(test.images[0], colormap: .gray).save("digit.png")
  /// ```
  /// - Parameters:
  ///   - image: The pixels.
  ///   - colormap: The colors for one-channel images.
  ///   - range: The values at the colormap's ends, or `nil` for the smallest and largest finite
  ///     elements.
  ///   - colorbar: Whether to draw the color scale beside the axes (one-channel images only).
  /// - Returns: The plot with the image layer; its y axis points down, as an image's rows do.
  /// - Precondition: the shape is one of those above, with no zero dimension.
  public func imshow(
    _ image: Tensor, colormap: Colormap = .viridis, range: ClosedRange<Double>? = nil,
    colorbar: Bool = false
  ) -> Plot {
    let (height, width, format) = RasterImage.layout(of: image.shape, batched: false)
    var plot = self
    plot.yAxisPointsDown = true
    let extentX = -0.5...(Double(width) - 0.5)
    let extentY = -0.5...(Double(height) - 0.5)
    if format == .gray {
      let values = image.scalars(as: Double.self)
      let limits = range ?? RasterImage.finiteRange(values)
      let picture = RasterImage(
        width: width, height: height, colormap: colormap, values: values, range: limits)
      if colorbar { plot.colorbar = Colorbar(colormap: colormap, range: limits) }
      return plot.adding(
        .image(ImageLayer(image: picture, x: extentX, y: extentY, equalAspect: true)))
    }
    let picture = RasterImage(image)
    return plot.adding(
      .image(ImageLayer(image: picture, x: extentX, y: extentY, equalAspect: true)))
  }

  /// The plot showing a grid of values as colored cells over the rectangle `x` × `y`.
  ///
  /// `values[i, j]` colors the cell in row `i` from the *bottom* and column `j` from the left,
  /// so a grid made with `y` ascending along the first axis (as `meshgrid` makes it) is drawn
  /// the right way up.
  ///
  /// - Parameters:
  ///   - values: A `[rows, columns]` tensor.
  ///   - x: The x range the columns cover.
  ///   - y: The y range the rows cover.
  ///   - colormap: The colors.
  ///   - range: The values at the colormap's ends, or `nil` for the smallest and largest finite
  ///     elements.
  ///   - colorbar: Whether to draw the color scale beside the axes.
  /// - Returns: The plot with the heatmap layer.
  /// - Precondition: `values` has rank 2 and no zero dimension; the ranges are not single
  ///   values.
  public func heatmap(
    _ values: Tensor, x: ClosedRange<Double>, y: ClosedRange<Double>,
    colormap: Colormap = .viridis, range: ClosedRange<Double>? = nil, colorbar: Bool = true
  ) -> Plot {
    require(
      values.rank == 2 && values.scalarCount > 0,
      "Plot.heatmap: values have shape \(values.shape), not [rows, columns]")
    require(
      x.upperBound > x.lowerBound && y.upperBound > y.lowerBound,
      "Plot.heatmap: the ranges \(x) and \(y) must not be single values")
    let (rows, columns) = (values.shape[0], values.shape[1])
    let elements = values.scalars(as: Double.self)
    // The image's first row is its top, so the rows are turned upside down.
    var flipped: [Double] = []
    flipped.reserveCapacity(elements.count)
    for row in (0..<rows).reversed() {
      flipped += elements[(row * columns)..<((row + 1) * columns)]
    }
    let limits = range ?? RasterImage.finiteRange(elements)
    let picture = RasterImage(
      width: columns, height: rows, colormap: colormap, values: flipped, range: limits)
    var plot = self
    if colorbar { plot.colorbar = Colorbar(colormap: colormap, range: limits) }
    return plot.adding(.image(ImageLayer(image: picture, x: x, y: y, equalAspect: false)))
  }

  /// The plot showing a function of two variables as colored cells, evaluated in one batch:
  /// for example what a model learned over its input plane.
  ///
  /// ```swift
  /// try Plot().heatmap(x: -1...1, y: -1...1) { points in model(points) }.save("learned.png")
  /// ```
  /// - Parameters:
  ///   - x: The x range.
  ///   - y: The y range.
  ///   - resolution: The cells along each axis.
  ///   - colormap: The colors.
  ///   - range: The values at the colormap's ends, or `nil` for the smallest and largest.
  ///   - colorbar: Whether to draw the color scale beside the axes.
  ///   - function: Maps float32 points of shape `[resolution², 2]` (cell centres, x varying
  ///     fastest, y ascending) to `resolution²` values of any shape.
  /// - Returns: The plot with the heatmap layer.
  /// - Precondition: the function returns `resolution²` elements.
  public func heatmap(
    x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 100,
    colormap: Colormap = .viridis, range: ClosedRange<Double>? = nil, colorbar: Bool = true,
    _ function: (Tensor) -> Tensor
  ) -> Plot {
    let (xs, ys) = Plot.cellCentres(x: x, y: y, resolution: resolution)
    var points: [Float] = []
    for yValue in ys {
      for xValue in xs { points += [Float(xValue), Float(yValue)] }
    }
    let output = function(Tensor(shape: [resolution * resolution, 2], scalars: points))
    require(
      output.scalarCount == resolution * resolution,
      "Plot.heatmap: the function returned shape \(output.shape) for "
        + "\(resolution * resolution) points")
    return heatmap(
      output.reshaped(to: [resolution, resolution]), x: x, y: y, colormap: colormap, range: range,
      colorbar: colorbar)
  }

  /// The plot showing a function of two numbers as colored cells.
  ///
  /// ```swift
  /// try Plot().heatmap(x: -3...3, y: -3...3) { x, y in sin(x) * cos(y) }.save("waves.png")
  /// ```
  /// - Parameters:
  ///   - x: The x range.
  ///   - y: The y range.
  ///   - resolution: The cells along each axis.
  ///   - colormap: The colors.
  ///   - range: The values at the colormap's ends, or `nil` for the smallest and largest.
  ///   - colorbar: Whether to draw the color scale beside the axes.
  ///   - function: The function, evaluated at each cell's centre.
  /// - Returns: The plot with the heatmap layer.
  public func heatmap(
    x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int = 100,
    colormap: Colormap = .viridis, range: ClosedRange<Double>? = nil, colorbar: Bool = true,
    _ function: (Double, Double) -> Double
  ) -> Plot {
    let (xs, ys) = Plot.cellCentres(x: x, y: y, resolution: resolution)
    let values = ys.flatMap { yValue in xs.map { xValue in function(xValue, yValue) } }
    return heatmap(
      Tensor(shape: [resolution, resolution], scalars: values), x: x, y: y, colormap: colormap,
      range: range, colorbar: colorbar)
  }

  /// The centres of `resolution` equal cells along each range.
  static func cellCentres(
    x: ClosedRange<Double>, y: ClosedRange<Double>, resolution: Int
  ) -> ([Double], [Double]) {
    require(resolution >= 1, "Plot.heatmap: resolution \(resolution) is not positive")
    func centres(_ range: ClosedRange<Double>) -> [Double] {
      let cell = (range.upperBound - range.lowerBound) / Double(resolution)
      return (0..<resolution).map { range.lowerBound + (Double($0) + 0.5) * cell }
    }
    return (centres(x), centres(y))
  }
}
