import RillCore

extension Plot {
  /// The plot with a line through the points (`x[i]`, `y[i]`), in order.
  ///
  /// ```swift
  /// Plot().line(x, x * m + b, label: "fit")
  /// ```
  /// - Parameters:
  ///   - x: The x coordinates (any shape; read in row-major order).
  ///   - y: The y coordinates, as many as `x`.
  ///   - label: The name shown in the legend, or `nil` for none.
  ///   - color: The color, or `nil` for the next color of ``Color/palette``.
  ///   - width: The line width in pixels.
  /// - Returns: The plot with the new series drawn over the earlier layers.
  /// - Precondition: `x` and `y` have the same number of elements.
  public func line(
    _ x: Tensor, _ y: Tensor, label: String? = nil, color: Color? = nil, width: Double = 2
  ) -> Plot {
    line(
      x.scalars(as: Double.self), y.scalars(as: Double.self), label: label, color: color,
      width: width)
  }

  /// The plot with a line through the values of `y` at x = 0, 1, 2, ….
  ///
  /// - Parameters:
  ///   - y: The y coordinates (any shape; read in row-major order).
  ///   - label: The name shown in the legend, or `nil` for none.
  ///   - color: The color, or `nil` for the next color of ``Color/palette``.
  ///   - width: The line width in pixels.
  /// - Returns: The plot with the new series drawn over the earlier layers.
  public func line(_ y: Tensor, label: String? = nil, color: Color? = nil, width: Double = 2)
    -> Plot
  {
    line(y.scalars(as: Double.self), label: label, color: color, width: width)
  }

  /// The plot with a line through the points (`x[i]`, `y[i]`), in order.
  ///
  /// ```swift
  /// Plot().line([1, 2, 3, 4], [0.9, 0.5, 0.35, 0.3], label: "loss")
  /// ```
  /// - Parameters:
  ///   - x: The x coordinates.
  ///   - y: The y coordinates, as many as `x`.
  ///   - label: The name shown in the legend, or `nil` for none.
  ///   - color: The color, or `nil` for the next color of ``Color/palette``.
  ///   - width: The line width in pixels.
  /// - Returns: The plot with the new series drawn over the earlier layers.
  /// - Precondition: `x` and `y` have the same count.
  public func line(
    _ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil, width: Double = 2
  ) -> Plot {
    require(x.count == y.count, "Plot.line: \(x.count) x values but \(y.count) y values")
    return adding(.line(x: x, y: y, style: SeriesStyle(label: label, color: color, size: width)))
  }

  /// The plot with a line through the values of `y` at x = 0, 1, 2, …, such as a loss per
  /// epoch.
  ///
  /// ```swift
  /// Plot().line(history["loss"], label: "loss").line(history["val_loss"], label: "val_loss")
  /// ```
  /// - Parameters:
  ///   - y: The y coordinates.
  ///   - label: The name shown in the legend, or `nil` for none.
  ///   - color: The color, or `nil` for the next color of ``Color/palette``.
  ///   - width: The line width in pixels.
  /// - Returns: The plot with the new series drawn over the earlier layers.
  public func line(_ y: [Double], label: String? = nil, color: Color? = nil, width: Double = 2)
    -> Plot
  {
    line(y.indices.map(Double.init), y, label: label, color: color, width: width)
  }

  /// The plot with a dot at each point (`x[i]`, `y[i]`).
  ///
  /// ```swift
  /// Plot().scatter(x, y, label: "data")
  /// ```
  /// - Parameters:
  ///   - x: The x coordinates (any shape; read in row-major order).
  ///   - y: The y coordinates, as many as `x`.
  ///   - label: The name shown in the legend, or `nil` for none.
  ///   - color: The color, or `nil` for the next color of ``Color/palette``.
  ///   - radius: The dot radius in pixels.
  /// - Returns: The plot with the new series drawn over the earlier layers.
  /// - Precondition: `x` and `y` have the same number of elements.
  public func scatter(
    _ x: Tensor, _ y: Tensor, label: String? = nil, color: Color? = nil, radius: Double = 4
  ) -> Plot {
    scatter(
      x.scalars(as: Double.self), y.scalars(as: Double.self), label: label, color: color,
      radius: radius)
  }

  /// The plot with a dot at each point (`x[i]`, `y[i]`).
  ///
  /// - Parameters:
  ///   - x: The x coordinates.
  ///   - y: The y coordinates, as many as `x`.
  ///   - label: The name shown in the legend, or `nil` for none.
  ///   - color: The color, or `nil` for the next color of ``Color/palette``.
  ///   - radius: The dot radius in pixels.
  /// - Returns: The plot with the new series drawn over the earlier layers.
  /// - Precondition: `x` and `y` have the same count.
  public func scatter(
    _ x: [Double], _ y: [Double], label: String? = nil, color: Color? = nil, radius: Double = 4
  ) -> Plot {
    require(x.count == y.count, "Plot.scatter: \(x.count) x values but \(y.count) y values")
    return adding(
      .scatter(x: x, y: y, style: SeriesStyle(label: label, color: color, size: radius)))
  }
}
