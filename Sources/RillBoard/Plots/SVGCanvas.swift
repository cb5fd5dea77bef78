import Foundation

/// A canvas that records drawing calls as SVG elements: `<rect>`, `<line>`, `<polyline>`,
/// `<circle>`, `<text>` and `<image>` (a base64 PNG), with `<clipPath>`s for clipping.
struct SVGCanvas: Canvas {
  let width: Int
  let height: Int
  /// The elements drawn so far.
  private var elements: [String] = []
  /// The clip rectangles defined so far, by identifier.
  private var clipIdentifiers: [String: String] = [:]

  /// Creates an empty canvas with a background rectangle.
  init(width: Int, height: Int, background: Color = .white) {
    self.width = width
    self.height = height
    elements.append(
      "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" "
        + "\(SVGCanvas.fill(background))/>")
  }

  /// The complete SVG document.
  var document: String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" \
    version="1.1" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)">

    """ + elements.joined(separator: "\n") + "\n</svg>\n"
  }

  mutating func fill(_ rect: Rect, color: Color) {
    elements.append(
      "<rect x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" "
        + "height=\"\(n(rect.height))\" \(SVGCanvas.fill(color))/>")
  }

  mutating func line(fromX x0: Int, y y0: Int, toX x1: Int, y y1: Int, color: Color) {
    // The raster canvas covers both end pixels, so the stroke runs from edge to edge.
    let horizontal = y0 == y1
    let (a, b) = (Double(min(x0, x1)), Double(max(x0, x1)))
    let (c, d) = (Double(min(y0, y1)), Double(max(y0, y1)))
    let coordinates =
      horizontal
      ? (a, c + 0.5, b + 1, c + 0.5) : (a + 0.5, c, a + 0.5, d + 1)
    elements.append(
      "<line x1=\"\(n(coordinates.0))\" y1=\"\(n(coordinates.1))\" x2=\"\(n(coordinates.2))\" "
        + "y2=\"\(n(coordinates.3))\" \(SVGCanvas.stroke(color)) stroke-width=\"1\"/>")
  }

  mutating func polyline(_ points: [Point], color: Color, width: Double, clip: Rect?) {
    let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
    elements.append(
      "<polyline points=\"\(list)\" fill=\"none\" \(SVGCanvas.stroke(color)) "
        + "stroke-width=\"\(n(width))\" stroke-linejoin=\"round\" stroke-linecap=\"round\""
        + "\(clipAttribute(clip))/>")
  }

  mutating func circle(center: Point, radius: Double, color: Color, clip: Rect?) {
    elements.append(
      "<circle cx=\"\(n(center.x))\" cy=\"\(n(center.y))\" r=\"\(n(radius))\" "
        + "\(SVGCanvas.fill(color))\(clipAttribute(clip))/>")
  }

  mutating func text(
    _ text: String, at point: Point, horizontal: HorizontalAnchor, vertical: VerticalAnchor,
    style: TextStyle
  ) {
    let anchor: String
    switch horizontal {
    case .leading: anchor = "start"
    case .center: anchor = "middle"
    case .trailing: anchor = "end"
    }
    // Place the baseline explicitly: `dominant-baseline` is not honoured everywhere.
    let shift: Double
    switch vertical {
    case .top: shift = style.capHeight
    case .center: shift = style.capHeight / 2
    case .baseline: shift = 0
    case .bottom: shift = style.capHeight - style.lineHeight
    }
    let rotation = style.rotated ? " transform=\"rotate(-90 \(n(point.x)) \(n(point.y)))\"" : ""
    let weight = style.bold ? " font-weight=\"bold\"" : ""
    // A font size of 1.4 times the cap height gives common sans-serif fonts the bitmap
    // font's cap height.
    elements.append(
      "<text x=\"\(n(point.x))\" y=\"\(n(point.y + shift))\" text-anchor=\"\(anchor)\" "
        + "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" "
        + "font-size=\"\(n(style.capHeight * 1.4))\"\(weight) \(SVGCanvas.fill(style.color))"
        + "\(rotation)>\(SVGCanvas.escaped(text))</text>")
  }

  mutating func image(_ image: RasterImage, in rect: Rect, clip: Rect?) {
    // Renderers that ignore `image-rendering` would blur a small image; enlarging it by whole
    // pixels first keeps each element a sharp block everywhere.
    let factor = min(
      Int((rect.width / Double(image.width)).rounded(.up)),
      Int((rect.height / Double(image.height)).rounded(.up)),
      Int((4_000_000 / Double(image.width * image.height)).squareRoot()))
    let embedded = factor > 1 ? SVGCanvas.enlarged(image, by: factor) : image
    let data = "data:image/png;base64," + Data(embedded.pngData()).base64EncodedString()
    elements.append(
      "<image x=\"\(n(rect.x))\" y=\"\(n(rect.y))\" width=\"\(n(rect.width))\" "
        + "height=\"\(n(rect.height))\" preserveAspectRatio=\"none\" "
        + "image-rendering=\"optimizeSpeed\" style=\"image-rendering:pixelated\""
        + "\(clipAttribute(clip)) href=\"\(data)\" xlink:href=\"\(data)\"/>")
  }

  /// The image with every pixel repeated as a `factor` × `factor` block.
  static func enlarged(_ image: RasterImage, by factor: Int) -> RasterImage {
    let channels = image.format.channelCount
    var pixels: [UInt8] = []
    pixels.reserveCapacity(image.pixels.count * factor * factor)
    for y in 0..<image.height {
      var row: [UInt8] = []
      row.reserveCapacity(image.width * factor * channels)
      for x in 0..<image.width {
        let start = (y * image.width + x) * channels
        let pixel = image.pixels[start..<(start + channels)]
        for _ in 0..<factor { row += pixel }
      }
      for _ in 0..<factor { pixels += row }
    }
    return RasterImage(
      width: image.width * factor, height: image.height * factor, format: image.format,
      pixels: pixels)
  }

  /// A `clip-path` attribute for `clip`, defining the clip path on first use.
  private mutating func clipAttribute(_ clip: Rect?) -> String {
    guard let clip else { return "" }
    let key = "\(n(clip.x)) \(n(clip.y)) \(n(clip.width)) \(n(clip.height))"
    if clipIdentifiers[key] == nil {
      let identifier = "clip\(clipIdentifiers.count + 1)"
      clipIdentifiers[key] = identifier
      elements.append(
        "<clipPath id=\"\(identifier)\"><rect x=\"\(n(clip.x))\" y=\"\(n(clip.y))\" "
          + "width=\"\(n(clip.width))\" height=\"\(n(clip.height))\"/></clipPath>")
    }
    return " clip-path=\"url(#\(clipIdentifiers[key] ?? ""))\""
  }

  /// A number with at most two decimals and no trailing zeros.
  private func n(_ value: Double) -> String {
    SVGCanvas.number(value)
  }

  /// A number with at most two decimals and no trailing zeros.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    var text = String(format: "%.2f", value)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text == "-0" ? "0" : text
  }

  /// `fill` attributes for a color, with `fill-opacity` when it is translucent.
  static func fill(_ color: Color) -> String {
    let opacity = color.alpha == 255 ? "" : " fill-opacity=\"\(number(Double(color.alpha) / 255))\""
    return "fill=\"\(color.hexString)\"" + opacity
  }

  /// `stroke` attributes for a color, with `stroke-opacity` when it is translucent.
  static func stroke(_ color: Color) -> String {
    let opacity =
      color.alpha == 255 ? "" : " stroke-opacity=\"\(number(Double(color.alpha) / 255))\""
    return "stroke=\"\(color.hexString)\"" + opacity
  }

  /// Text with XML's special characters escaped.
  static func escaped(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      default: result.append(character)
      }
    }
    return result
  }
}
