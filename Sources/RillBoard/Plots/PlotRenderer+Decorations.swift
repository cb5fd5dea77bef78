extension PlotRenderer {
  /// One row of the legend.
  struct LegendEntry {
    var label: String
    var color: Color
    var isLine: Bool
    var size: Double
  }

  /// The labelled series, in the order they were added.
  var legendEntries: [LegendEntry] {
    plot.layers.enumerated().compactMap { index, layer in
      switch layer {
      case .line(_, _, let style):
        return style.label.map {
          LegendEntry(
            label: $0, color: layerColors[index] ?? .black, isLine: true, size: style.size)
        }
      case .scatter(_, _, let style):
        return style.label.map {
          LegendEntry(
            label: $0, color: layerColors[index] ?? .black, isLine: false, size: style.size)
        }
      case .image:
        return nil
      }
    }
  }

  /// The legend's size in pixels.
  func legendSize(_ entries: [LegendEntry]) -> (width: Double, height: Double) {
    let labelWidth = entries.map { textStyle.width(of: $0.label) }.max() ?? 0
    let rowHeight = textStyle.lineHeight + 4
    return (10 + 28 + 8 + labelWidth + 10, 8 + Double(entries.count) * rowHeight + 4)
  }

  /// The legend's rectangle at a corner of the axes.
  func legendRect(_ position: Plot.LegendPosition, size: (width: Double, height: Double)) -> Rect {
    let inset = 10.0
    let left = area.minX + inset
    let right = area.maxX - inset - size.width
    let top = area.minY + inset
    let bottom = area.maxY - inset - size.height
    switch position {
    case .upperLeft: return Rect(x: left, y: top, width: size.width, height: size.height)
    case .lowerLeft: return Rect(x: left, y: bottom, width: size.width, height: size.height)
    case .lowerRight: return Rect(x: right, y: bottom, width: size.width, height: size.height)
    default: return Rect(x: right, y: top, width: size.width, height: size.height)
    }
  }

  /// The corner whose legend would hide the fewest data points (lines sampled every few
  /// pixels), preferring upper right, upper left, lower left, lower right in that order.
  func leastCrowdedCorner(size: (width: Double, height: Double)) -> Plot.LegendPosition {
    var samples: [Point] = []
    for layer in plot.layers {
      switch layer {
      case .line(let x, let y, _):
        for run in PlotRenderer.finiteRuns(x, y) {
          let points = run.map { Point(x: pixelX($0.0), y: pixelY($0.1)) }
          samples.append(points[0])
          for (a, b) in zip(points, points.dropFirst()) {
            let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
            let steps = min(200, max(1, Int(length / 4)))
            for step in 1...steps {
              let t = Double(step) / Double(steps)
              samples.append(Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t))
            }
          }
        }
      case .scatter(let x, let y, _):
        for (a, b) in zip(x, y) where a.isFinite && b.isFinite {
          samples.append(Point(x: pixelX(a), y: pixelY(b)))
        }
      case .image:
        break
      }
    }
    let corners: [Plot.LegendPosition] = [.upperRight, .upperLeft, .lowerLeft, .lowerRight]
    var best = Plot.LegendPosition.upperRight
    var fewest = Int.max
    for corner in corners {
      let rect = legendRect(corner, size: size).insetBy(-4)
      let count = samples.filter { rect.contains($0) }.count
      if count < fewest {
        fewest = count
        best = corner
      }
    }
    return best
  }

  /// The legend box with a swatch and a label per labelled series.
  func drawLegend<C: Canvas>(on canvas: inout C) {
    let entries = legendEntries
    guard !entries.isEmpty, plot.legendPosition != .hidden else { return }
    let size = legendSize(entries)
    let position =
      plot.legendPosition == .automatic ? leastCrowdedCorner(size: size) : plot.legendPosition
    let box = legendRect(position, size: size)
    let whole = Rect(
      x: box.x.rounded(), y: box.y.rounded(), width: box.width.rounded(),
      height: box.height.rounded())
    canvas.fill(whole, color: Color.white.withAlpha(235))
    canvas.frame(whole, color: Color(gray: 190))
    let rowHeight = textStyle.lineHeight + 4
    for (row, entry) in entries.enumerated() {
      let centreY = whole.minY + 8 + Double(row) * rowHeight + textStyle.capHeight / 2 + 0.5
      if entry.isLine {
        canvas.polyline(
          [Point(x: whole.minX + 10, y: centreY), Point(x: whole.minX + 38, y: centreY)],
          color: entry.color, width: entry.size, clip: nil)
      } else {
        canvas.circle(
          center: Point(x: whole.minX + 24, y: centreY), radius: entry.size, color: entry.color,
          clip: nil)
      }
      canvas.text(
        entry.label, at: Point(x: whole.minX + 46, y: centreY), horizontal: .leading,
        vertical: .center,
        style: textStyle)
    }
  }

  /// The color scale beside the axes, with its own ticks.
  func drawColorbar<C: Canvas>(_ colorbar: Plot.Colorbar, on canvas: inout C) {
    let bar = Rect(
      x: area.maxX + PlotRenderer.colorbarGap, y: area.minY, width: PlotRenderer.colorbarWidth,
      height: area.height)
    var gradient: [UInt8] = []
    for row in 0..<256 { gradient += colorbar.colormap.color(at: 1 - Double(row) / 255).components }
    canvas.image(
      RasterImage(width: 1, height: 256, format: .rgba, pixels: gradient), in: bar, clip: nil)
    canvas.frame(bar, color: .black)
    let ticks = colorbarTicks(colorbar, height: bar.height)
    let (low, high) = (colorbar.range.lowerBound, colorbar.range.upperBound)
    let right = Int(bar.maxX) - 1
    let length = Int(PlotRenderer.tickLength)
    for (value, label) in zip(ticks.values, ticks.labels) {
      let fraction = high > low ? (value - low) / (high - low) : 0.5
      let y = min(Int(bar.maxY) - 1, max(Int(bar.minY), Int(bar.maxY - fraction * bar.height)))
      canvas.line(fromX: right + 1, y: y, toX: right + length, y: y, color: .black)
      canvas.text(
        label, at: Point(x: Double(right + 1 + length) + PlotRenderer.tickGap, y: Double(y) + 0.5),
        horizontal: .leading, vertical: .center, style: textStyle)
    }
  }
}
