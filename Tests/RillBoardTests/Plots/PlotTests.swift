import Foundation
import RillCore
import Testing

@testable import RillBoard

/// Plots rendered to PNG (decoded independently) and SVG (parsed as XML).
@Suite struct PlotTests {
  private let red = Color(red: 255, green: 0, blue: 0)

  /// The columns and rows of the axes frame: the longest runs of black pixels.
  private func frame(of png: DecodedPNG) -> (left: Int, right: Int, top: Int, bottom: Int) {
    let pixels = png.pixels
    func isBlack(_ x: Int, _ y: Int) -> Bool {
      let index = 3 * (y * png.width + x)
      return pixels[index] == 0 && pixels[index + 1] == 0 && pixels[index + 2] == 0
    }
    let columns = (0..<png.width).filter { x in
      (0..<png.height).filter { isBlack(x, $0) }.count > png.height / 3
    }
    let rows = (0..<png.height).filter { y in
      (0..<png.width).filter { isBlack($0, y) }.count > png.width / 3
    }
    return (columns.first ?? -1, columns.last ?? -1, rows.first ?? -1, rows.last ?? -1)
  }

  /// The positions of pure-red pixels.
  private func redPixels(of png: DecodedPNG) -> [(Int, Int)] {
    let pixels = png.pixels
    var found: [(Int, Int)] = []
    for y in 0..<png.height {
      for x in 0..<png.width {
        let index = 3 * (y * png.width + x)
        if pixels[index] == 255 && pixels[index + 1] == 0 && pixels[index + 2] == 0 {
          found.append((x, y))
        }
      }
    }
    return found
  }

  @Test func pngHasTheRequestedSizeAndAWhiteBackground() throws {
    let png = try DecodedPNG.decode(Plot().line([1, 3, 2]).size(width: 320, height: 240).pngData())
    #expect(png.width == 320 && png.height == 240 && png.colorType == 2)
    #expect(Array(png.pixels[0..<3]) == [255, 255, 255])
    #expect(Array(png.pixels.suffix(3)) == [255, 255, 255])
  }

  @Test func dotAtTheMiddleOfTheLimitsIsDrawnAtTheMiddleOfTheAxes() throws {
    let plot = Plot().scatter([5], [5], color: red, radius: 6).xLimits(0...10).yLimits(0...10)
      .size(width: 300, height: 260)
    let png = try DecodedPNG.decode(plot.pngData())
    let box = frame(of: png)
    #expect(box.left >= 0 && box.right > box.left + 100 && box.bottom > box.top + 100)
    let dot = redPixels(of: png)
    #expect(dot.count > 60)
    let centreX = Double(dot.map(\.0).reduce(0, +)) / Double(dot.count) + 0.5
    let centreY = Double(dot.map(\.1).reduce(0, +)) / Double(dot.count) + 0.5
    // The frame's outer edges are `left` and `right + 1`; the data centre lies halfway.
    #expect(abs(centreX - Double(box.left + box.right + 1) / 2) <= 1)
    #expect(abs(centreY - Double(box.top + box.bottom + 1) / 2) <= 1)
  }

  @Test func linesAreClippedToTheAxes() throws {
    let plot = Plot().line([-5, 15], [-5, 15], color: red, width: 3).xLimits(0...10).yLimits(0...10)
      .size(width: 300, height: 260)
    let png = try DecodedPNG.decode(plot.pngData())
    let box = frame(of: png)
    let line = redPixels(of: png)
    #expect(line.count > 100)
    #expect(
      line.allSatisfy {
        $0.0 >= box.left && $0.0 <= box.right && $0.1 >= box.top && $0.1 <= box.bottom
      })
  }

  @Test func imshowDrawsEachElementAsASquareBlock() throws {
    // A 2×2 image: the top-left element is the largest (yellow in viridis), the rest 0.
    let image = Tensor(shape: [2, 2], scalars: [1, 0, 0, 0] as [Float])
    let png = try DecodedPNG.decode(Plot().imshow(image).size(width: 300, height: 300).pngData())
    let box = frame(of: png)
    let width = box.right - box.left - 1
    let height = box.bottom - box.top - 1
    #expect(abs(width - height) <= 1)
    func color(_ x: Int, _ y: Int) -> [UInt8] {
      Array(png.pixels[(3 * (y * png.width + x))..<(3 * (y * png.width + x) + 3)])
    }
    let quarterX = box.left + width / 4
    let quarterY = box.top + height / 4
    #expect(color(quarterX, quarterY) == [0xFD, 0xE7, 0x25])
    #expect(color(box.right - width / 4, quarterY) == [0x44, 0x01, 0x54])
    #expect(color(quarterX, box.bottom - height / 4) == [0x44, 0x01, 0x54])
  }

  @Test func heatmapPutsTheFirstRowAtTheBottom() throws {
    // values[0, ·] = 1 is the bottom row (y near the lower bound).
    let values = Tensor(shape: [2, 1], scalars: [1, 0] as [Float])
    let plot = Plot().heatmap(values, x: 0...1, y: 0...1, colormap: .gray, colorbar: false)
      .size(width: 300, height: 300)
    let png = try DecodedPNG.decode(plot.pngData())
    let box = frame(of: png)
    let middleX = (box.left + box.right) / 2
    let upper = 3 * ((box.top + 10) * png.width + middleX)
    let lower = 3 * ((box.bottom - 10) * png.width + middleX)
    #expect(png.pixels[upper] == 0)
    #expect(png.pixels[lower] == 255)
  }

  @Test func svgUsesRealElementsForEveryPart() throws {
    let x: [Double] = [1, 2, 3, 4]
    let plot = Plot().scatter(x, [2, 4, 5, 8], label: "data").line(x, [2, 4, 6, 8], label: "fit")
      .title("Fit & <check>").xLabel("x").yLabel("y")
    let report = try SVGReport.inspect(document: plot.svg())
    #expect(report.width == "800" && report.height == "600")
    // Four data dots and one legend swatch; the fitted line and its legend swatch.
    #expect(report.counts["circle"] == 5)
    #expect(report.counts["polyline"] == 2)
    #expect((report.counts["line"] ?? 0) >= 8)
    #expect(report.texts.contains("Fit & <check>"))
    #expect(report.texts.contains("data") && report.texts.contains("fit"))
    #expect(report.texts.contains("x") && report.texts.contains("y"))
  }

  @Test func svgEmbedsImshowAsAPNGImage() throws {
    let plot = Plot().imshow(
      Tensor(shape: [3, 5], scalars: (0..<15).map(Float.init)), colorbar: true)
    let report = try SVGReport.inspect(document: plot.svg())
    // The image and the colorbar's gradient.
    #expect(report.counts["image"] == 2)
    #expect(report.images.contains { $0[0] % 5 == 0 && $0[1] % 3 == 0 && $0[0] / 5 == $0[1] / 3 })
  }

  @Test func nanBreaksALineInTwo() throws {
    let plot = Plot().line([0, 1, .nan, 3, 4]).line([1, 1], [.nan, .infinity])
    let report = try SVGReport.inspect(document: plot.svg())
    #expect(report.counts["polyline"] == 2)
    #expect(plot.render().width == 800)
  }

  @Test func saveChoosesTheFormatByExtension() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let plot = Plot().line([1, 2]).size(width: 200, height: 150)
    try plot.save(directory.file("a.png"))
    try plot.save(directory.file("b.SVG"))
    #expect(
      [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.file("a.png")))) == plot.pngData()
    )
    #expect(try String(contentsOfFile: directory.file("b.SVG"), encoding: .utf8) == plot.svg())
    #expect(
      throws: PictureFileError.unsupportedFormat(
        path: directory.file("c.gif"), supported: ["png", "svg"])
    ) {
      try plot.save(directory.file("c.gif"))
    }
    #expect(try directory.contents() == ["a.png", "b.SVG"])
  }

  @Test func saveIntoAMissingDirectoryThrowsAndLeavesNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("missing/plot.png")
    #expect {
      try Plot().line([1, 2]).save(path)
    } throws: { error in
      guard case .cannotWrite(let failedPath, let reason)? = error as? PictureFileError else {
        return false
      }
      return failedPath == path && !reason.isEmpty
    }
    #expect(try directory.contents().isEmpty)
  }

  @Test func saveReplacesAnExistingFileWhole() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("plot.png")
    try Data(repeating: 7, count: 100_000).write(to: URL(fileURLWithPath: path))
    let plot = Plot().line([3, 1, 2]).size(width: 200, height: 150)
    try plot.save(path)
    #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == plot.pngData())
    #expect(try directory.contents() == ["plot.png"])
  }
}
