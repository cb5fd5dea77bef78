/// A point in pixels: x to the right, y down from the top-left corner.
struct Point: Equatable {
  var x: Double
  var y: Double
}

/// An axis-aligned rectangle in pixels.
struct Rect: Equatable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var minX: Double { x }
  var maxX: Double { x + width }
  var minY: Double { y }
  var maxY: Double { y + height }

  /// Whether the point lies inside or on the border.
  func contains(_ point: Point) -> Bool {
    point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
  }

  /// The rectangle grown by `amount` on every side.
  func insetBy(_ amount: Double) -> Rect {
    Rect(x: x + amount, y: y + amount, width: width - 2 * amount, height: height - 2 * amount)
  }
}

/// Where a text's anchor point lies along the text.
enum HorizontalAnchor {
  case leading, center, trailing
}

/// Where a text's anchor point lies across the text.
enum VerticalAnchor {
  /// The top of the capitals.
  case top
  /// Halfway up the capitals.
  case center
  /// The baseline.
  case baseline
  /// The bottom of the descenders.
  case bottom
}

/// How text is drawn.
struct TextStyle {
  /// The bitmap font's scale: 2 draws capitals 14 pixels tall.
  var scale = 2
  /// The text color.
  var color = Color.black
  /// Whether strokes are thickened by one pixel.
  var bold = false
  /// Whether the text runs upward (rotated a quarter turn counterclockwise), as a y-axis label.
  var rotated = false

  /// The distance from the top of the capitals to the baseline, in pixels.
  var capHeight: Double { Double(BitmapFont.capHeight * scale) }
  /// The height of a line including descenders, in pixels.
  var lineHeight: Double { Double(BitmapFont.height(scale: scale)) }

  /// The width of `text` in pixels.
  func width(of text: String) -> Double {
    Double(BitmapFont.width(of: text, scale: scale) + (bold ? 1 : 0))
  }
}

/// A surface that plots and image grids draw on, in pixel coordinates.
///
/// The raster canvas
/// makes a PNG and the SVG canvas an SVG document from the same drawing calls, so both files
/// show the same layout.
protocol Canvas {
  /// The width in pixels.
  var width: Int { get }
  /// The height in pixels.
  var height: Int { get }

  /// Fills a rectangle (pixels whose centres lie inside it).
  mutating func fill(_ rect: Rect, color: Color)
  /// Draws a crisp one-pixel horizontal or vertical line through whole pixels, both ends
  /// included.
  mutating func line(fromX x0: Int, y y0: Int, toX x1: Int, y y1: Int, color: Color)
  /// Strokes connected segments with round joins and caps, optionally clipped.
  mutating func polyline(_ points: [Point], color: Color, width: Double, clip: Rect?)
  /// Fills a disc, optionally clipped.
  mutating func circle(center: Point, radius: Double, color: Color, clip: Rect?)
  /// Draws text anchored at a point. A rotated text is centred on the point.
  mutating func text(
    _ text: String, at point: Point, horizontal: HorizontalAnchor, vertical: VerticalAnchor,
    style: TextStyle)
  /// Draws an image stretched over a rectangle with nearest-neighbour sampling, optionally
  /// clipped.
  mutating func image(_ image: RasterImage, in rect: Rect, clip: Rect?)
}

extension Canvas {
  /// Strokes a one-pixel frame just inside the rectangle's whole-pixel border.
  mutating func frame(_ rect: Rect, color: Color) {
    let (x0, y0) = (Int(rect.minX.rounded()), Int(rect.minY.rounded()))
    let (x1, y1) = (Int(rect.maxX.rounded()) - 1, Int(rect.maxY.rounded()) - 1)
    line(fromX: x0, y: y0, toX: x1, y: y0, color: color)
    line(fromX: x0, y: y1, toX: x1, y: y1, color: color)
    line(fromX: x0, y: y0, toX: x0, y: y1, color: color)
    line(fromX: x1, y: y0, toX: x1, y: y1, color: color)
  }
}
