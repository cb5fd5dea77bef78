import Foundation

/// What `Scripts/inspect_svg.py` finds in an SVG file with Python's XML parser.
struct SVGReport: Decodable {
  /// The root's width attribute.
  var width: String?
  /// The root's height attribute.
  var height: String?
  /// How many elements of each name the document has.
  var counts: [String: Int]
  /// The strings of the `<text>` elements, in order.
  var texts: [String]
  /// The pixel sizes of the embedded PNGs, `[width, height]`.
  var images: [[Int]]

  /// Parses an SVG file (failing if it is not well-formed XML with an `<svg>` root).
  static func inspect(_ path: String) throws -> SVGReport {
    try JSONDecoder().decode([SVGReport].self, from: Python.runScript("inspect_svg.py", [path]))[0]
  }

  /// Parses an SVG document held in memory.
  static func inspect(document: String) throws -> SVGReport {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.file("document.svg")
    try Data(document.utf8).write(to: URL(fileURLWithPath: path))
    return try inspect(path)
  }
}
