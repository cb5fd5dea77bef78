/// A canvas of RGB pixels on a white background, drawn with antialiased lines and discs and
/// the bitmap font.
struct RasterCanvas: Canvas {
  let width: Int
  let height: Int
  /// Three bytes a pixel, row by row from the top.
  private var pixels: [UInt8]

  /// Creates a canvas filled with `background`.
  init(width: Int, height: Int, background: Color = .white) {
    self.width = width
    self.height = height
    var pixels = [UInt8](repeating: 0, count: width * height * 3)
    for index in 0..<(width * height) {
      pixels[3 * index] = background.red
      pixels[3 * index + 1] = background.green
      pixels[3 * index + 2] = background.blue
    }
    self.pixels = pixels
  }

  /// The picture drawn so far.
  var image: RasterImage {
    RasterImage(width: width, height: height, format: .rgb, pixels: pixels)
  }

  /// Mixes `color` into a pixel with the given coverage (0…1) times the color's alpha.
  private mutating func blend(_ x: Int, _ y: Int, _ color: Color, coverage: Double = 1) {
    guard x >= 0 && x < width && y >= 0 && y < height else { return }
    let opacity = coverage * Double(color.alpha) / 255
    guard opacity > 0 else { return }
    let index = 3 * (y * width + x)
    for (offset, channel) in [color.red, color.green, color.blue].enumerated() {
      let old = Double(pixels[index + offset])
      pixels[index + offset] = UInt8((old + (Double(channel) - old) * opacity).rounded())
    }
  }

  /// The whole pixels whose centres lie in `rect`, cut to the canvas and to `clip`.
  private func pixelBounds(_ rect: Rect, clip: Rect?) -> (Range<Int>, Range<Int>) {
    var bounds = rect
    if let clip {
      let x0 = max(bounds.minX, clip.minX)
      let y0 = max(bounds.minY, clip.minY)
      let x1 = min(bounds.maxX, clip.maxX)
      let y1 = min(bounds.maxY, clip.maxY)
      bounds = Rect(x: x0, y: y0, width: max(0, x1 - x0), height: max(0, y1 - y0))
    }
    let columns = max(0, Int(bounds.minX.rounded()))..<min(width, Int(bounds.maxX.rounded()))
    let rows = max(0, Int(bounds.minY.rounded()))..<min(height, Int(bounds.maxY.rounded()))
    return (columns.isEmpty ? 0..<0 : columns, rows.isEmpty ? 0..<0 : rows)
  }

  mutating func fill(_ rect: Rect, color: Color) {
    let (columns, rows) = pixelBounds(rect, clip: nil)
    for y in rows {
      for x in columns { blend(x, y, color) }
    }
  }

  mutating func line(fromX x0: Int, y y0: Int, toX x1: Int, y y1: Int, color: Color) {
    for y in min(y0, y1)...max(y0, y1) {
      for x in min(x0, x1)...max(x0, x1) { blend(x, y, color) }
    }
  }

  mutating func polyline(_ points: [Point], color: Color, width lineWidth: Double, clip: Rect?) {
    guard let first = points.first else { return }
    // Coverage is the largest over all segments (not a sum), so joins are not darker.
    let radius = lineWidth / 2
    var coverage: [Int: Double] = [:]
    let segments = points.count == 1 ? [(first, first)] : Array(zip(points, points.dropFirst()))
    for (a, b) in segments {
      let box = Rect(
        x: min(a.x, b.x) - radius - 1, y: min(a.y, b.y) - radius - 1,
        width: abs(a.x - b.x) + 2 * radius + 2, height: abs(a.y - b.y) + 2 * radius + 2)
      let (columns, rows) = pixelBounds(box, clip: clip)
      for y in rows {
        for x in columns {
          let distance = RasterCanvas.distance(
            from: Point(x: Double(x) + 0.5, y: Double(y) + 0.5), toSegment: a, b)
          let covered = min(1, max(0, radius + 0.5 - distance))
          if covered > 0 {
            let key = y * width + x
            coverage[key] = max(coverage[key] ?? 0, covered)
          }
        }
      }
    }
    for (key, covered) in coverage { blend(key % width, key / width, color, coverage: covered) }
  }

  mutating func circle(center: Point, radius: Double, color: Color, clip: Rect?) {
    let box = Rect(
      x: center.x - radius - 1, y: center.y - radius - 1, width: 2 * radius + 2,
      height: 2 * radius + 2)
    let (columns, rows) = pixelBounds(box, clip: clip)
    for y in rows {
      for x in columns {
        let dx = Double(x) + 0.5 - center.x
        let dy = Double(y) + 0.5 - center.y
        let covered = min(1, max(0, radius + 0.5 - (dx * dx + dy * dy).squareRoot()))
        blend(x, y, color, coverage: covered)
      }
    }
  }

  mutating func text(
    _ text: String, at point: Point, horizontal: HorizontalAnchor, vertical: VerticalAnchor,
    style: TextStyle
  ) {
    let mask = BitmapFont.mask(for: text, scale: style.scale)
    guard mask.width > 0 else { return }
    let textWidth = Double(mask.width)
    let alongOffset: Double
    switch horizontal {
    case .leading: alongOffset = 0
    case .center: alongOffset = textWidth / 2
    case .trailing: alongOffset = textWidth
    }
    let acrossOffset: Double
    switch vertical {
    case .top: acrossOffset = 0
    case .center: acrossOffset = style.capHeight / 2
    case .baseline: acrossOffset = style.capHeight
    case .bottom: acrossOffset = style.lineHeight
    }
    let extra = style.bold ? 1 : 0
    for row in 0..<mask.height {
      for column in 0..<mask.width where mask.bits[row * mask.width + column] {
        for thicken in 0...extra {
          if style.rotated {
            // Reading upward: text column c goes up from the anchor, text row r goes right.
            let x = Int((point.x - acrossOffset).rounded()) + row
            let y = Int((point.y + alongOffset).rounded()) - 1 - column - thicken
            blend(x, y, style.color)
          } else {
            let x = Int((point.x - alongOffset).rounded()) + column + thicken
            let y = Int((point.y - acrossOffset).rounded()) + row
            blend(x, y, style.color)
          }
        }
      }
    }
  }

  mutating func image(_ image: RasterImage, in rect: Rect, clip: Rect?) {
    guard rect.width > 0 && rect.height > 0 else { return }
    let rgba = image.convertedToRGBA()
    let (columns, rows) = pixelBounds(rect, clip: clip)
    for y in rows {
      let sourceY = min(
        image.height - 1, Int((Double(y) + 0.5 - rect.y) / rect.height * Double(image.height)))
      for x in columns {
        let sourceX = min(
          image.width - 1, Int((Double(x) + 0.5 - rect.x) / rect.width * Double(image.width)))
        let index = 4 * (max(0, sourceY) * image.width + max(0, sourceX))
        let color = Color(
          red: rgba.pixels[index], green: rgba.pixels[index + 1], blue: rgba.pixels[index + 2],
          alpha: rgba.pixels[index + 3])
        blend(x, y, color)
      }
    }
  }

  /// The distance from `point` to the segment from `a` to `b`.
  static func distance(from point: Point, toSegment a: Point, _ b: Point) -> Double {
    let (dx, dy) = (b.x - a.x, b.y - a.y)
    let lengthSquared = dx * dx + dy * dy
    var t = lengthSquared > 0 ? ((point.x - a.x) * dx + (point.y - a.y) * dy) / lengthSquared : 0
    t = min(1, max(0, t))
    let (nearestX, nearestY) = (a.x + t * dx, a.y + t * dy)
    return
      ((point.x - nearestX) * (point.x - nearestX) + (point.y - nearestY) * (point.y - nearestY))
      .squareRoot()
  }
}
