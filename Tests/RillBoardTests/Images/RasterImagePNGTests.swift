import Foundation
import RillCore
import Testing

@testable import RillBoard

/// PNG files decoded by an independent decoder (`Scripts/decode_png.py`: standard-library
/// zlib, its own CRC-32 and unfiltering) and compared with the tensors they came from.
@Suite struct RasterImagePNGTests {
  @Test func floatImageBecomesRoundedClampedGrayPixels() throws {
    // round(255 · clamp(v, 0, 1)) with NaN → 0: 0 → 0, 0.5 → 127.5 → 128, 1 → 255,
    // 2 → 255, -1 → 0, NaN → 0, +inf → 255, -inf → 0.
    let values: [Float] = [0, 0.5, 1, 2, -1, .nan, .infinity, -.infinity]
    let image = RasterImage(Tensor(shape: [2, 4], scalars: values))
    let decoded = try DecodedPNG.decode(image.pngData())
    #expect(decoded.width == 4 && decoded.height == 2)
    #expect(decoded.colorType == 0)
    #expect(decoded.pixels == [0, 128, 255, 255, 0, 0, 255, 0])
  }

  @Test func uint8ImagesKeepTheirBytesInEveryFormat() throws {
    var images: [RasterImage] = []
    var expected: [[UInt8]] = []
    for channels in 1...4 {
      // A pattern that differs between neighbours, so that every row filter is worth trying.
      let bytes = (0..<(7 * 5 * channels)).map { UInt8(truncatingIfNeeded: $0 * 37 + $0 / 3 * 11) }
      let shape: Shape = channels == 1 ? [7, 5] : [7, 5, channels]
      images.append(RasterImage(Tensor(shape: shape, scalars: bytes)))
      expected.append(bytes)
    }
    let decoded = try DecodedPNG.decode(images.map { $0.pngData() })
    #expect(decoded.map(\.colorType) == [0, 4, 2, 6])
    #expect(decoded.map(\.channels) == [1, 2, 3, 4])
    for (png, bytes) in zip(decoded, expected) {
      #expect(png.width == 5 && png.height == 7)
      #expect(png.pixels == bytes)
    }
  }

  @Test func smoothImageUsesSeveralRowFiltersAndDecodesExactly() throws {
    var bytes: [UInt8] = []
    for y in 0..<48 {
      for x in 0..<64 {
        bytes += [UInt8(x * 4), UInt8(y * 5), UInt8((x * y) % 256)]
      }
    }
    let image = RasterImage(width: 64, height: 48, format: .rgb, pixels: bytes)
    let decoded = try DecodedPNG.decode(image.pngData())
    #expect(decoded.pixels == bytes)
    #expect(decoded.filters.count >= 2)
    #expect(image.pngData().count < bytes.count / 2)
  }

  @Test func integerImagesAreClampedPixelValues() {
    let image = RasterImage(Tensor(shape: [1, 3], scalars: [-5, 100, 300] as [Int32]))
    #expect(image.pixels == [0, 100, 255])
  }

  @Test func perImageScalingStretchesEachImageToItsOwnRange() {
    // (v − 2) / (6 − 2): 2 → 0, 4 → 0.5 → 128, 6 → 255; the second image: 0 → 0, 10 → 255.
    let batch = Tensor(shape: [2, 1, 3], scalars: [2, 4, 6, 0, 10, 10] as [Float])
    let images = RasterImage.images(from: batch, scaling: .perImage)
    #expect(images.map(\.pixels) == [[0, 128, 255], [0, 255, 255]])
  }

  @Test func perImageScalingIgnoresNonFiniteValuesWhenFindingTheRange() {
    let image = RasterImage(
      Tensor(shape: [1, 5], scalars: [0, 2, .nan, .infinity, -.infinity] as [Float]),
      scaling: .perImage)
    #expect(image.pixels == [0, 255, 0, 255, 0])
  }

  @Test func rangeScalingMapsTheRangeToBlackAndWhite() {
    // (v + 10) / 50: -10 → 0, 15 → 0.5 → 128, 40 → 255, 90 → clamped 255.
    let image = RasterImage(
      Tensor(shape: [1, 4], scalars: [-10, 15, 40, 90] as [Double]), scaling: .range(-10...40))
    #expect(image.pixels == [0, 128, 255, 255])
  }

  @Test func batchesSplitIntoOneImagePerElement() throws {
    let bytes = (0..<(3 * 2 * 2 * 3)).map { UInt8($0 * 7) }
    let images = RasterImage.images(from: Tensor(shape: [3, 2, 2, 3], scalars: bytes))
    let decoded = try DecodedPNG.decode(images.map { $0.pngData() })
    #expect(
      decoded.map(\.pixels) == [Array(bytes[0..<12]), Array(bytes[12..<24]), Array(bytes[24..<36])])
  }

  @Test func colormappedImageIsRGBAWithTransparentNaN() {
    let image = RasterImage(
      Tensor(shape: [1, 3], scalars: [0, 1, .nan] as [Float]), colormap: .gray)
    #expect(image.format == .rgba)
    #expect(image.pixels == [0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0])
  }

  @Test func saveWritesThePNGAndRejectsOtherExtensions() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let image = RasterImage(width: 2, height: 1, format: .gray, pixels: [10, 20])
    try image.save(directory.file("a.png"))
    #expect(
      [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory.file("a.png"))))
        == image.pngData())
    #expect(
      throws: PictureFileError.unsupportedFormat(path: directory.file("a.jpg"), supported: ["png"])
    ) {
      try image.save(directory.file("a.jpg"))
    }
    #expect(try directory.contents() == ["a.png"])
  }
}
