import RillCore
import Testing

@testable import RillBoard

/// Image grids: layout arithmetic worked by hand, pixels checked after independent decoding.
@Suite struct ImageGridTests {
  @Test func digitsGridIsSquareWithDefaultScale() {
    // 16 images of 28×28 → 4 columns, scale ⌈56 / 28⌉ = 2, spacing 2:
    // 4 · 56 + 5 · 2 = 234 pixels each way.
    let grid = ImageGrid(Tensor.zeros(shape: [16, 28, 28], dtype: .uint8))
    #expect(grid.columns == 4 && grid.scale == 2)
    let image = grid.render()
    #expect(image.width == 234 && image.height == 234)
  }

  @Test func cellsHoldTheirImagesEnlargedBetweenGaps() throws {
    // Two 1×2 gray images [10, 20] and [30, 40], scale 2, spacing 1, background red:
    // each cell is 4 wide and 2 tall; row y = 1…2 holds 10 10 20 20 | 30 30 40 40.
    let batch = Tensor(shape: [2, 1, 2], scalars: [10, 20, 30, 40] as [UInt8])
    let grid = ImageGrid(
      batch, columns: 2, scale: 2, spacing: 1, background: Color(red: 255, green: 0, blue: 0))
    let decoded = try DecodedPNG.decode(grid.pngData())
    #expect(decoded.width == 2 * 4 + 3 && decoded.height == 2 + 2)
    let pixels = decoded.pixels
    func gray(_ x: Int, _ y: Int) -> [UInt8] {
      Array(pixels[(3 * (y * decoded.width + x))..<(3 * (y * decoded.width + x) + 3)])
    }
    let red: [UInt8] = [255, 0, 0]
    #expect((0..<decoded.width).map { gray($0, 0) } == Array(repeating: red, count: 11))
    let row = (0..<decoded.width).map { gray($0, 1) }
    let expected: [[UInt8]] =
      [red] + [10, 10, 20, 20].map { [$0, $0, $0] } + [red]
      + [30, 30, 40, 40].map { [$0, $0, $0] } + [red]
    #expect(row == expected)
    #expect((0..<decoded.width).map { gray($0, 2) } == expected)
  }

  @Test func titlesAddACaptionRowUnderEachCell() {
    let batch = Tensor.zeros(shape: [3, 28, 28], dtype: .uint8)
    let plain = ImageGrid(batch, columns: 3).render()
    let titled = ImageGrid(batch, columns: 3, titles: ["7", "2", "1"]).render()
    #expect(titled.width == plain.width)
    // The caption row is the font's line height at scale 2 (18) plus 4 pixels.
    #expect(titled.height == plain.height + 22)
    // Captions are dark text on the white background under the cells.
    let captionRow = 2 + 56 + 3 + 7
    let dark = (0..<titled.width).filter { titled[$0, captionRow][0] < 128 }
    #expect(!dark.isEmpty)
  }

  @Test func colormapRecolorsGrayImages() {
    let batch = Tensor(shape: [1, 1, 2], scalars: [0, 255] as [UInt8])
    let image = ImageGrid(batch, scale: 1, spacing: 0, colormap: .viridis).render()
    #expect(image[0, 0] == [0x44, 0x01, 0x54])
    #expect(image[1, 0] == [0xFD, 0xE7, 0x25])
  }

  @Test func svgEmbedsOnePNGPerImage() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let grid = ImageGrid(Tensor.zeros(shape: [5, 4, 4], dtype: .uint8), titles: ["a", "b"])
    try grid.save(directory.file("grid.svg"))
    let report = try SVGReport.inspect(directory.file("grid.svg"))
    #expect(report.counts["image"] == 5)
    #expect(report.texts == ["a", "b"])
  }
}
