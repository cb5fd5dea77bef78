/// The bitmap font that the PNG renderer draws text with: printable ASCII in a 5×9 grid.
///
/// Capitals and digits are 7 pixels tall and sit on the baseline under the seventh row;
/// lowercase letters are 5 pixels tall with ascenders and descenders (the last two rows). Digits
/// are all 5 pixels wide so that numbers line up; every other glyph is as wide as its lit
/// columns, and glyphs are spaced by one empty column. Characters outside printable ASCII are
/// drawn as `?`.
///
/// At scale 2 the glyphs are enlarged with the Scale2x rule (EPX), which rounds diagonal
/// strokes instead of doubling their stairs; larger scales enlarge that result by whole pixels.
enum BitmapFont {
  /// The rows of a glyph cell.
  static let cellHeight = 9
  /// The rows from the top of a capital to the baseline.
  static let capHeight = 7
  /// The columns of a glyph cell.
  static let cellWidth = 5

  /// Rendered text: a row-major grid of lit pixels.
  struct Mask {
    /// The width in pixels.
    var width: Int
    /// The height in pixels.
    var height: Int
    /// Whether each pixel is lit, row by row from the top.
    var bits: [Bool]
  }

  /// One character's pixels.
  struct Glyph {
    /// One bit mask per row, top row first; bit 4 is the leftmost column.
    var rows: [UInt8]
    /// The first column drawn.
    var left: Int
    /// The number of columns drawn.
    var width: Int
  }

  /// The glyph sheet: blocks of a line naming the characters, then nine rows of 5-column cells
  /// (`#` lit) separated by spaces.
  static let sheet = #"""
    ! " # $ % & ' ( ) * + , - . /
    ..#.. .#.#. .#.#. ..#.. ##... .##.. ..#.. ...#. .#... ..... ..... ..... ..... ..... ....#
    ..#.. .#.#. .#.#. .#### ##..# #..#. ..#.. ..#.. ..#.. ..#.. ..#.. ..... ..... ..... ....#
    ..#.. .#.#. ##### #.#.. ...#. #.#.. ..#.. .#... ...#. #.#.# ..#.. ..... ..... ..... ...#.
    ..#.. ..... .#.#. .###. ..#.. .#... ..... .#... ...#. .###. ##### ..... ##### ..... ..#..
    ..#.. ..... ##### ..#.# .#... #.#.# ..... .#... ...#. #.#.# ..#.. ..... ..... ..... .#...
    ..... ..... .#.#. ####. #..## #..#. ..... ..#.. ..#.. ..#.. ..#.. .##.. ..... .##.. #....
    ..#.. ..... .#.#. ..#.. ...## .##.# ..... ...#. .#... ..... ..... ..#.. ..... .##.. #....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .#... ..... ..... .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    0 1 2 3 4 5 6 7 8 9 : ; < = > ?
    .###. ..#.. .###. ##### ...#. ##### ..##. ##### .###. .###. ..... ..... ...#. ..... .#... .###.
    #...# .##.. #...# ...#. ..##. #.... .#... ....# #...# #...# ..... ..... ..#.. ..... ..#.. #...#
    #..## ..#.. ....# ..#.. .#.#. ####. #.... ...#. #...# #...# .##.. .##.. .#... ##### ...#. ....#
    #.#.# ..#.. ...#. ...#. #..#. ....# ####. ..#.. .###. .#### .##.. .##.. #.... ..... ....# ...#.
    ##..# ..#.. ..#.. ....# ##### ....# #...# .#... #...# ....# ..... ..... .#... ##### ...#. ..#..
    #...# ..#.. .#... #...# ...#. #...# #...# .#... #...# ...#. .##.. .##.. ..#.. ..... ..#.. .....
    .###. .###. ##### .###. ...#. .###. .###. .#... .###. .##.. .##.. ..#.. ...#. ..... .#... ..#..
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .#... ..... ..... ..... .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    @ A B C D E F G H I J K L M N O
    .###. .###. ####. .###. ###.. ##### ##### .###. #...# .###. ..### #...# #.... #...# #...# .###.
    #...# #...# #...# #...# #..#. #.... #.... #...# #...# ..#.. ...#. #..#. #.... ##.## #...# #...#
    #.### #...# #...# #.... #...# #.... #.... #.... #...# ..#.. ...#. #.#.. #.... #.#.# ##..# #...#
    #.#.# ##### ####. #.... #...# ####. ####. #.### ##### ..#.. ...#. ##... #.... #.#.# #.#.# #...#
    #.### #...# #...# #.... #...# #.... #.... #...# #...# ..#.. ...#. #.#.. #.... #...# #..## #...#
    #.... #...# #...# #...# #..#. #.... #.... #...# #...# ..#.. #..#. #..#. #.... #...# #...# #...#
    .###. #...# ####. .###. ###.. ##### #.... .#### #...# .###. .##.. #...# ##### #...# #...# .###.
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    P Q R S T U V W X Y Z [ \ ] ^ _
    ####. .###. ####. .#### ##### #...# #...# #...# #...# #...# ##### .###. #.... .###. ..#.. .....
    #...# #...# #...# #.... ..#.. #...# #...# #...# #...# #...# ....# .#... #.... ...#. .#.#. .....
    #...# #...# #...# #.... ..#.. #...# #...# #...# .#.#. .#.#. ...#. .#... .#... ...#. #...# .....
    ####. #...# ####. .###. ..#.. #...# .#.#. #.#.# ..#.. ..#.. ..#.. .#... ..#.. ...#. ..... .....
    #.... #.#.# #.#.. ....# ..#.. #...# .#.#. #.#.# .#.#. ..#.. .#... .#... ...#. ...#. ..... .....
    #.... #..#. #..#. ....# ..#.. #...# .#.#. #.#.# #...# ..#.. #.... .#... ....# ...#. ..... .....
    #.... .##.# #...# ####. ..#.. .###. ..#.. .#.#. #...# ..#.. ##### .###. ....# .###. ..... .....
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... #####
    ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... ..... .....
    ` a b c d e f g h i j k l m n o
    .#... ..... #.... ..... ....# ..... ..##. ..... #.... ..#.. ...#. #.... .#... ..... ..... .....
    ..#.. ..... #.... ..... ....# ..... .#..# ..... #.... ..... ..... #.... .#... ..... ..... .....
    ..... .###. #.##. .###. .##.# .###. .#... .#### #.##. .##.. ..##. #..#. .#... ##.#. #.##. .###.
    ..... ....# ##..# #.... #..## #...# ###.. #...# ##..# ..#.. ...#. #.#.. .#... #.#.# ##..# #...#
    ..... .#### #...# #.... #...# ##### .#... #...# #...# ..#.. ...#. ##... .#... #.#.# #...# #...#
    ..... #...# #...# #...# #...# #.... .#... #...# #...# ..#.. ...#. #.#.. .#... #.#.# #...# #...#
    ..... .#### ####. .###. .#### .###. .#... .#### #...# .###. ...#. #..#. ..##. #.#.# #...# .###.
    ..... ..... ..... ..... ..... ..... ..... ....# ..... ..... #..#. ..... ..... ..... ..... .....
    ..... ..... ..... ..... ..... ..... ..... .###. ..... ..... .##.. ..... ..... ..... ..... .....
    p q r s t u v w x y z { | } ~
    ..... ..... ..... ..... .#... ..... ..... ..... ..... ..... ..... ...## ..#.. ##... .....
    ..... ..... ..... ..... .#... ..... ..... ..... ..... ..... ..... ..#.. ..#.. ..#.. .....
    ####. .#### #.##. .#### ###.. #...# #...# #...# #...# #...# ##### ..#.. ..#.. ..#.. .#...
    #...# #...# ##..# #.... .#... #...# #...# #...# .#.#. #...# ...#. .#... ..#.. ...#. #.#.#
    #...# #...# #.... .###. .#... #...# #...# #.#.# ..#.. #...# ..#.. ..#.. ..#.. ..#.. ...#.
    #...# #...# #.... ....# .#..# #..## .#.#. #.#.# .#.#. #...# .#... ..#.. ..#.. ..#.. .....
    ####. .#### #.... ####. ..##. .##.# ..#.. .#.#. #...# .#### ##### ...## ..#.. ##... .....
    #.... ....# ..... ..... ..... ..... ..... ..... ..... ....# ..... ..... ..#.. ..... .....
    #.... ....# ..... ..... ..... ..... ..... ..... ..... .###. ..... ..... ..... ..... .....
    """#

  /// The glyphs of the characters 32 (space) to 126 (`~`), indexed by code − 32.
  static let glyphs: [Glyph] = {
    let space = Glyph(rows: Array(repeating: 0, count: cellHeight), left: 0, width: 2)
    var glyphs = [Glyph](repeating: space, count: 95)
    let lines = sheet.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var index = 0
    while index + cellHeight < lines.count {
      let characters = lines[index].split(separator: " ")
      let rows = lines[(index + 1)...(index + cellHeight)].map { $0.split(separator: " ") }
      for (position, name) in characters.enumerated() {
        guard let character = name.first, let scalar = character.unicodeScalars.first else {
          continue
        }
        let cell = rows.map { row in
          row[position].reduce(UInt8(0)) { mask, pixel in mask << 1 | (pixel == "#" ? 1 : 0) }
        }
        glyphs[Int(scalar.value) - 32] = makeGlyph(cell, isDigit: character.isNumber)
      }
      index += cellHeight + 1
    }
    return glyphs
  }()

  /// A glyph trimmed to its lit columns, or kept whole for digits.
  static func makeGlyph(_ rows: [UInt8], isDigit: Bool) -> Glyph {
    let lit = rows.reduce(0, |)
    guard !isDigit && lit != 0 else { return Glyph(rows: rows, left: 0, width: cellWidth) }
    let litColumns = (0..<cellWidth).filter { lit & (0x10 >> $0) != 0 }
    let left = litColumns.first ?? 0
    let right = litColumns.last ?? 0
    return Glyph(rows: rows, left: left, width: right - left + 1)
  }

  /// The glyph for a character (`?` for characters the font lacks).
  static func glyph(for character: Character) -> Glyph {
    guard let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1,
      scalar.value >= 32 && scalar.value < 127
    else { return glyphs[Int(UInt8(ascii: "?")) - 32] }
    return glyphs[Int(scalar.value) - 32]
  }

  /// The width in pixels of `text` drawn at `scale`.
  static func width(of text: String, scale: Int) -> Int {
    guard !text.isEmpty else { return 0 }
    return (text.reduce(0) { $0 + glyph(for: $1).width + 1 } - 1) * scale
  }

  /// The height in pixels of a line of text at `scale`, descenders included.
  static func height(scale: Int) -> Int { cellHeight * scale }

  /// The pixels of `text` at `scale`: a row-major mask `width(of:scale:)` wide and
  /// `height(scale:)` tall.
  static func mask(for text: String, scale: Int) -> Mask {
    let width = width(of: text, scale: 1)
    guard width > 0 else { return Mask(width: 0, height: 0, bits: []) }
    var bits = [Bool](repeating: false, count: width * cellHeight)
    var x = 0
    for character in text {
      let glyph = glyph(for: character)
      for (row, mask) in glyph.rows.enumerated() {
        for column in 0..<glyph.width where mask & (0x10 >> (glyph.left + column)) != 0 {
          bits[row * width + x + column] = true
        }
      }
      x += glyph.width + 1
    }
    var result = Mask(width: width, height: cellHeight, bits: bits)
    var remaining = max(scale, 1)
    if remaining % 2 == 0 {
      result = scale2x(result)
      remaining /= 2
    }
    return remaining == 1 ? result : enlarged(result, by: remaining)
  }

  /// Doubles a mask with the Scale2x rule: a new corner pixel copies its two neighbours on that
  /// side when they agree and the opposite neighbours differ, else the centre pixel.
  static func scale2x(_ mask: Mask) -> Mask {
    let (width, height, bits) = (mask.width, mask.height, mask.bits)
    func at(_ x: Int, _ y: Int) -> Bool {
      x >= 0 && x < width && y >= 0 && y < height && bits[y * width + x]
    }
    var output = [Bool](repeating: false, count: width * height * 4)
    for y in 0..<height {
      for x in 0..<width {
        let p = at(x, y)
        let (up, right, left, down) = (at(x, y - 1), at(x + 1, y), at(x - 1, y), at(x, y + 1))
        let corners = [
          left == up && left != down && up != right ? up : p,
          up == right && up != left && right != down ? right : p,
          down == left && down != right && left != up ? left : p,
          right == down && right != up && down != left ? down : p,
        ]
        for (corner, lit) in corners.enumerated() {
          output[(2 * y + corner / 2) * 2 * width + 2 * x + corner % 2] = lit
        }
      }
    }
    return Mask(width: width * 2, height: height * 2, bits: output)
  }

  /// Enlarges a mask by a whole factor, each pixel becoming a square.
  static func enlarged(_ mask: Mask, by factor: Int) -> Mask {
    let width = mask.width * factor
    let height = mask.height * factor
    var output = [Bool](repeating: false, count: width * height)
    for y in 0..<height {
      for x in 0..<width {
        output[y * width + x] = mask.bits[(y / factor) * mask.width + x / factor]
      }
    }
    return Mask(width: width, height: height, bits: output)
  }
}
