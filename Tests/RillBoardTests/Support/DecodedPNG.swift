import Foundation

@testable import RillBoard

/// A PNG decoded by `Scripts/decode_png.py`, independently of RillBoard.
struct DecodedPNG: Decodable {
  var width: Int
  var height: Int
  var colorType: Int
  var channels: Int
  var filters: [Int]
  var pixelsHex: String

  enum CodingKeys: String, CodingKey {
    case width, height, channels, filters
    case colorType = "color_type"
    case pixelsHex = "pixels"
  }

  /// The samples, row by row.
  var pixels: [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(pixelsHex.utf8.count / 2)
    var iterator = pixelsHex.utf8.makeIterator()
    while let high = iterator.next(), let low = iterator.next() {
      bytes.append(UInt8(DecodedPNG.nibble(high) << 4 | DecodedPNG.nibble(low)))
    }
    return bytes
  }

  private static func nibble(_ character: UInt8) -> UInt8 {
    character <= UInt8(ascii: "9")
      ? character - UInt8(ascii: "0") : character - UInt8(ascii: "a") + 10
  }

  /// Decodes PNG files written to disk.
  static func decode(files: [String]) throws -> [DecodedPNG] {
    try JSONDecoder().decode([DecodedPNG].self, from: Python.runScript("decode_png.py", files))
  }

  /// Decodes PNG bytes (written to a temporary file first).
  static func decode(_ pngs: [[UInt8]]) throws -> [DecodedPNG] {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let files = try pngs.enumerated().map { index, png in
      let path = directory.file("\(index).png")
      try Data(png).write(to: URL(fileURLWithPath: path))
      return path
    }
    return try decode(files: files)
  }

  /// Decodes one PNG.
  static func decode(_ png: [UInt8]) throws -> DecodedPNG {
    try decode([png])[0]
  }
}
