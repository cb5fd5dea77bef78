/// Lays out a ``Plot`` (axes rectangle, ranges, ticks, margins) and draws it on a canvas.
///
/// The margins are measured from the text they hold: the title, the tick labels, the axis
/// labels and the colorbar. Everything is in whole pixels so that one-pixel lines stay crisp.
struct PlotRenderer {
  let plot: Plot
  /// The style of all text but the title.
  let textStyle = TextStyle(scale: 2)
  /// The style of the title.
  let titleStyle = TextStyle(scale: 2, bold: true)
  /// The axes rectangle.
  private(set) var area = Rect(x: 0, y: 0, width: 1, height: 1)
  /// The data range along x.
  private(set) var xRange = 0.0...1.0
  /// The data range along y.
  private(set) var yRange = 0.0...1.0
  /// The ticks along x.
  private(set) var xTicks = Ticks(from: 0, to: 1, targetCount: 5)
  /// The ticks along y.
  private(set) var yTicks = Ticks(from: 0, to: 1, targetCount: 5)
  /// The color of each layer (images get none).
  private(set) var layerColors: [Color?] = []

  // Spacing in pixels.
  static let padding = 14.0
  static let tickLength = 5.0
  static let tickGap = 6.0
  static let labelGap = 10.0
  static let titleGap = 14.0
  static let colorbarGap = 18.0
  static let colorbarWidth = 18.0

  /// Lays out `plot`.
  init(plot: Plot) {
    self.plot = plot
    (xRange, yRange) = dataRanges()
    layerColors = assignColors()
    layOut()
  }

  /// The colors of the series: given, or the palette's in turn.
  private func assignColors() -> [Color?] {
    var next = 0
    return plot.layers.map { layer in
      switch layer {
      case .line(_, _, let style), .scatter(_, _, let style):
        defer { next += 1 }
        return style.color ?? Color.palette[next % Color.palette.count]
      case .image:
        return nil
      }
    }
  }

  /// The x and y ranges: the data with a 5% margin, or the image extents, or the limits.
  private func dataRanges() -> (ClosedRange<Double>, ClosedRange<Double>) {
    var xs: [Double] = []
    var ys: [Double] = []
    for layer in plot.layers {
      switch layer {
      case .line(let x, let y, _), .scatter(let x, let y, _):
        for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
          xs.append(a)
          ys.append(b)
        }
      case .image(let image):
        xs += [image.x.lowerBound, image.x.upperBound]
        ys += [image.y.lowerBound, image.y.upperBound]
      }
    }
    func range(_ values: [Double], limits: ClosedRange<Double>?) -> ClosedRange<Double> {
      if let limits { return limits }
      guard let low = values.min(), let high = values.max() else { return 0...1 }
      if low == high {
        let delta = low == 0 ? 0.5 : abs(low) * 0.1
        return (low - delta)...(high + delta)
      }
      let margin = plot.hasImageLayer ? 0 : (high - low) * 0.05
      return (low - margin)...(high + margin)
    }
    return (range(xs, limits: plot.xLimitsValue), range(ys, limits: plot.yLimitsValue))
  }

  /// Places the axes rectangle and chooses the ticks.
  private mutating func layOut() {
    let padding = PlotRenderer.padding
    let width = Double(plot.width)
    let height = Double(plot.height)
    let line = textStyle.lineHeight
    let top =
      padding
      + (plot.titleText == nil
        ? textStyle.capHeight / 2 : titleStyle.capHeight + PlotRenderer.titleGap)
    var bottom = padding + PlotRenderer.tickLength + PlotRenderer.tickGap + line
    if plot.xLabelText != nil { bottom += PlotRenderer.labelGap + line }
    let areaHeight = max(20, height - top - bottom)
    yTicks = Ticks(
      from: yRange.lowerBound, to: yRange.upperBound, targetCount: max(2, Int(areaHeight / 70)))
    var left = padding + yTickLabelWidth + PlotRenderer.tickGap + PlotRenderer.tickLength
    if plot.yLabelText != nil { left += line + PlotRenderer.labelGap }
    var right = padding + 20
    if let colorbar = plot.colorbar {
      let ticks = colorbarTicks(colorbar, height: areaHeight)
      let labelWidth = ticks.labels.map { textStyle.width(of: $0) }.max() ?? 0
      right =
        padding + PlotRenderer.colorbarGap + PlotRenderer.colorbarWidth
        + PlotRenderer.tickLength + PlotRenderer.tickGap + labelWidth
    }
    area = Rect(
      x: left.rounded(), y: top.rounded(), width: max(20, width - left - right).rounded(),
      height: areaHeight.rounded())
    if plot.needsSquarePixels { keepSquarePixels() }
    xTicks = Ticks(
      from: xRange.lowerBound, to: xRange.upperBound, targetCount: max(2, Int(area.width / 100)))
    yTicks = Ticks(
      from: yRange.lowerBound, to: yRange.upperBound, targetCount: max(2, Int(area.height / 70)))
  }

  /// The width of the widest y tick label.
  private var yTickLabelWidth: Double {
    yTicks.labels.map { textStyle.width(of: $0) }.max() ?? 0
  }

  /// Shrinks the axes rectangle so that a data unit is as long along x as along y.
  private mutating func keepSquarePixels() {
    let xSpan = xRange.upperBound - xRange.lowerBound
    let ySpan = yRange.upperBound - yRange.lowerBound
    let scale = min(area.width / xSpan, area.height / ySpan)
    let width = (xSpan * scale).rounded()
    let height = (ySpan * scale).rounded()
    // Centre the shrunken axes in the room they had.
    let x = (area.x + (area.width - width) / 2).rounded()
    let y = (area.y + (area.height - height) / 2).rounded()
    area = Rect(x: x, y: y, width: width, height: height)
  }

  /// The ticks of a colorbar as tall as `height`.
  func colorbarTicks(_ colorbar: Plot.Colorbar, height: Double) -> Ticks {
    Ticks(
      from: colorbar.range.lowerBound, to: colorbar.range.upperBound,
      targetCount: max(2, Int(height / 70)))
  }

  /// The horizontal pixel position of `x`.
  func pixelX(_ x: Double) -> Double {
    area.minX + (x - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) * area.width
  }

  /// The vertical pixel position of `y` (up the page unless an image puts row 0 on top).
  func pixelY(_ y: Double) -> Double {
    let fraction = (y - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound)
    return plot.yAxisPointsDown
      ? area.minY + fraction * area.height : area.maxY - fraction * area.height
  }

  /// The first and last whole-pixel columns and rows of the axes frame.
  var frameBounds: (left: Int, top: Int, right: Int, bottom: Int) {
    (Int(area.minX), Int(area.minY), Int(area.maxX) - 1, Int(area.maxY) - 1)
  }

  /// Draws the whole plot.
  func draw<C: Canvas>(on canvas: inout C) {
    if plot.showsGrid ?? !plot.hasImageLayer { drawGrid(on: &canvas) }
    drawLayers(on: &canvas)
    canvas.frame(area, color: .black)
    drawTicks(on: &canvas)
    drawLabels(on: &canvas)
    drawLegend(on: &canvas)
    if let colorbar = plot.colorbar { drawColorbar(colorbar, on: &canvas) }
  }

  /// Light lines at the ticks, under the data.
  private func drawGrid<C: Canvas>(on canvas: inout C) {
    let (left, top, right, bottom) = frameBounds
    let gridColor = Color(gray: 232)
    for value in xTicks.values {
      let x = Int(pixelX(value))
      if x > left && x < right {
        canvas.line(fromX: x, y: top + 1, toX: x, y: bottom - 1, color: gridColor)
      }
    }
    for value in yTicks.values {
      let y = Int(pixelY(value))
      if y > top && y < bottom {
        canvas.line(fromX: left + 1, y: y, toX: right - 1, y: y, color: gridColor)
      }
    }
  }

  /// The images, lines and dots, clipped to the axes.
  private func drawLayers<C: Canvas>(on canvas: inout C) {
    for (index, layer) in plot.layers.enumerated() {
      switch layer {
      case .image(let image):
        let x0 = pixelX(image.x.lowerBound)
        let x1 = pixelX(image.x.upperBound)
        let y0 = pixelY(image.y.lowerBound)
        let y1 = pixelY(image.y.upperBound)
        // Row 0 of the picture is its top edge, whichever way the y axis points.
        let rect = Rect(x: min(x0, x1), y: min(y0, y1), width: abs(x1 - x0), height: abs(y1 - y0))
        canvas.image(image.image, in: rect, clip: area)
      case .line(let x, let y, let style):
        let color = layerColors[index] ?? .black
        for run in PlotRenderer.finiteRuns(x, y) {
          let points = run.map { Point(x: pixelX($0.0), y: pixelY($0.1)) }
          canvas.polyline(points, color: color, width: style.size, clip: area)
        }
      case .scatter(let x, let y, let style):
        let color = layerColors[index] ?? .black
        for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
          canvas.circle(
            center: Point(x: pixelX(a), y: pixelY(b)), radius: style.size, color: color, clip: area)
        }
      }
    }
  }

  /// The stretches of consecutive finite points: a NaN or infinity breaks a line.
  static func finiteRuns(_ x: [Double], _ y: [Double]) -> [[(Double, Double)]] {
    var runs: [[(Double, Double)]] = []
    var current: [(Double, Double)] = []
    for (a, b) in zip(x, y) {
      if a.isFinite && b.isFinite {
        current.append((a, b))
      } else if !current.isEmpty {
        runs.append(current)
        current = []
      }
    }
    if !current.isEmpty { runs.append(current) }
    return runs
  }

  /// Tick marks outside the frame and their labels.
  private func drawTicks<C: Canvas>(on canvas: inout C) {
    let (left, top, right, bottom) = frameBounds
    let length = Int(PlotRenderer.tickLength)
    for (value, label) in zip(xTicks.values, xTicks.labels) {
      let x = min(right, max(left, Int(pixelX(value))))
      canvas.line(fromX: x, y: bottom + 1, toX: x, y: bottom + length, color: .black)
      canvas.text(
        label, at: Point(x: Double(x) + 0.5, y: Double(bottom + 1 + length) + PlotRenderer.tickGap),
        horizontal: .center, vertical: .top, style: textStyle)
    }
    for (value, label) in zip(yTicks.values, yTicks.labels) {
      let y = min(bottom, max(top, Int(pixelY(value))))
      canvas.line(fromX: left - length, y: y, toX: left - 1, y: y, color: .black)
      canvas.text(
        label, at: Point(x: Double(left - length) - PlotRenderer.tickGap, y: Double(y) + 0.5),
        horizontal: .trailing, vertical: .center, style: textStyle)
    }
  }

  /// The title and the axis labels.
  private func drawLabels<C: Canvas>(on canvas: inout C) {
    let centreX = area.minX + area.width / 2
    if let title = plot.titleText {
      canvas.text(
        title, at: Point(x: centreX, y: area.minY - PlotRenderer.titleGap - titleStyle.capHeight),
        horizontal: .center, vertical: .top, style: titleStyle)
    }
    if let label = plot.xLabelText {
      let y =
        area.maxY + PlotRenderer.tickLength + PlotRenderer.tickGap + textStyle.lineHeight
        + PlotRenderer.labelGap
      canvas.text(
        label, at: Point(x: centreX, y: y), horizontal: .center, vertical: .top, style: textStyle)
    }
    if let label = plot.yLabelText {
      var style = textStyle
      style.rotated = true
      let x =
        area.minX - PlotRenderer.tickLength - PlotRenderer.tickGap - yTickLabelWidth
        - PlotRenderer.labelGap - textStyle.lineHeight + textStyle.capHeight / 2
      canvas.text(
        label, at: Point(x: x, y: area.minY + area.height / 2), horizontal: .center,
        vertical: .center, style: style)
    }
  }
}
