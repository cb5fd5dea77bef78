import RillCore

/// A chart with axes, ticks, labels, a title and a legend, made of line, scatter and image
/// layers, saved as PNG or SVG.
///
/// A plot is a value built by chaining: each method returns a new plot with one more layer or
/// setting.
///
/// ```swift
/// try Plot().scatter(x, y, label: "data").line(x, x * m + b, label: "fit")
///   .title("Linear regression").xLabel("x").yLabel("y")
///   .save("fit.png")
///
/// try Plot().line(history["loss"], label: "loss").line(history["val_loss"], label: "val_loss")
///   .xLabel("epoch").save("loss.svg")
///
/// try Plot().imshow(W[0..., 3].reshaped(to: [28, 28]), colorbar: true).save("w3.png")
///
/// try Plot().heatmap(x: -1...1, y: -1...1) { points in model(points) }
///   .scatter(x1, x2).save("function.png")
/// ```
///
/// The axes span the data with a 5% margin (exactly the image extent when there are image
/// layers) unless ``xLimits(_:)`` or ``yLimits(_:)`` say otherwise. Series take the colors of
/// ``Color/palette`` in turn unless given one. Non-finite points are left out: a NaN breaks a
/// line in two.
public struct Plot: Sendable {
  /// Where the legend goes.
  public enum LegendPosition: Sendable {
    /// The corner where the legend covers the fewest data points.
    case automatic
    /// The upper right corner of the axes.
    case upperRight
    /// The upper left corner of the axes.
    case upperLeft
    /// The lower left corner of the axes.
    case lowerLeft
    /// The lower right corner of the axes.
    case lowerRight
    /// No legend.
    case hidden
  }

  /// How a line or scatter series is drawn.
  struct SeriesStyle: Sendable {
    var label: String?
    var color: Color?
    /// The line width or the marker radius, in pixels.
    var size: Double
  }

  /// A picture placed over a rectangle of data coordinates.
  struct ImageLayer: Sendable {
    var image: RasterImage
    var x: ClosedRange<Double>
    var y: ClosedRange<Double>
    /// Whether pixels must be square (imshow) rather than stretched over the axes (heatmap).
    var equalAspect: Bool
  }

  /// One layer of the chart.
  enum Layer: Sendable {
    case line(x: [Double], y: [Double], style: SeriesStyle)
    case scatter(x: [Double], y: [Double], style: SeriesStyle)
    case image(ImageLayer)
  }

  /// A color scale beside the axes.
  struct Colorbar: Sendable {
    var colormap: Colormap
    var range: ClosedRange<Double>
  }

  var layers: [Layer] = []
  var titleText: String?
  var xLabelText: String?
  var yLabelText: String?
  var width = 800
  var height = 600
  var xLimitsValue: ClosedRange<Double>?
  var yLimitsValue: ClosedRange<Double>?
  var showsGrid: Bool?
  var yAxisPointsDown = false
  var legendPosition = LegendPosition.automatic
  var colorbar: Colorbar?

  /// Creates an empty plot, 800 by 600 pixels.
  public init() {}

  /// The plot with a title above the axes.
  public func title(_ text: String) -> Plot {
    with { $0.titleText = text }
  }

  /// The plot with a label under the x axis.
  public func xLabel(_ text: String) -> Plot {
    with { $0.xLabelText = text }
  }

  /// The plot with a label beside the y axis.
  public func yLabel(_ text: String) -> Plot {
    with { $0.yLabelText = text }
  }

  /// The plot with another size in pixels (the text keeps its size).
  ///
  /// - Precondition: both sizes are at least 100.
  public func size(width: Int, height: Int) -> Plot {
    require(width >= 100 && height >= 100, "Plot.size: \(width)×\(height) is too small")
    return with {
      $0.width = width
      $0.height = height
    }
  }

  /// The plot with a fixed x-axis range.
  ///
  /// - Precondition: the range is finite and not a single value.
  public func xLimits(_ range: ClosedRange<Double>) -> Plot {
    Plot.requireAxisRange(range, "xLimits")
    return with { $0.xLimitsValue = range }
  }

  /// The plot with a fixed y-axis range.
  ///
  /// - Precondition: the range is finite and not a single value.
  public func yLimits(_ range: ClosedRange<Double>) -> Plot {
    Plot.requireAxisRange(range, "yLimits")
    return with { $0.yLimitsValue = range }
  }

  /// The plot with grid lines at the ticks shown or hidden (shown by default, except over
  /// images).
  public func grid(_ visible: Bool) -> Plot {
    with { $0.showsGrid = visible }
  }

  /// The plot with its legend at another place, or hidden.
  ///
  /// A legend lists the series that have a label.
  public func legend(_ position: LegendPosition) -> Plot {
    with { $0.legendPosition = position }
  }

  /// A copy of the plot with `change` applied: the body of every builder method.
  func with(_ change: (inout Plot) -> Void) -> Plot {
    var plot = self
    change(&plot)
    return plot
  }

  /// Traps unless `range` is finite and wider than a single value.
  static func requireAxisRange(_ range: ClosedRange<Double>, _ method: String) {
    require(
      range.lowerBound.isFinite && range.upperBound.isFinite && range.upperBound > range.lowerBound,
      "Plot.\(method): \(range) is empty or not finite")
  }

  /// Whether any layer is an image.
  var hasImageLayer: Bool {
    layers.contains { layer in
      if case .image = layer { return true }
      return false
    }
  }

  /// Whether an `imshow` layer asks for square pixels.
  var needsSquarePixels: Bool {
    layers.contains { layer in
      if case .image(let image) = layer { return image.equalAspect }
      return false
    }
  }

  /// The plot with one more layer.
  func adding(_ layer: Layer) -> Plot {
    with { $0.layers.append(layer) }
  }
}
