import Testing

@testable import RillBoard

/// The bitmap font's sheet and metrics.
@Suite struct BitmapFontTests {
  @Test func everyPrintableCharacterHasAGlyph() {
    let lit = (33..<127).filter { code in
      BitmapFont.glyphs[code - 32].rows.contains { $0 != 0 }
    }
    #expect(lit.count == 94)
    #expect(BitmapFont.glyphs[0].rows.allSatisfy { $0 == 0 })
  }

  @Test func digitsAreFullWidthAndOtherGlyphsAreTrimmed() {
    // "1.5" at scale 1: 5 (digit) + 1 + 2 (the dot's lit columns) + 1 + 5 = 14.
    #expect(BitmapFont.width(of: "1.5", scale: 1) == 14)
    #expect(BitmapFont.width(of: "1.5", scale: 2) == 28)
    #expect(BitmapFont.glyph(for: "i").width < BitmapFont.glyph(for: "m").width)
    #expect(BitmapFont.width(of: "", scale: 2) == 0)
  }

  @Test func unknownCharactersAreDrawnAsQuestionMarks() {
    #expect(BitmapFont.glyph(for: "ü").rows == BitmapFont.glyph(for: "?").rows)
  }

  @Test func scale2xRoundsDiagonalsButKeepsStraightStrokes() {
    // A 2×2 diagonal (lit top-left and bottom-right): each lit pixel becomes a 2×2 block and
    // each unlit one gains the corner pixel next to both blocks, 4 + 1 + 1 + 4 = 10.
    let diagonal = BitmapFont.Mask(width: 2, height: 2, bits: [true, false, false, true])
    let doubled = BitmapFont.scale2x(diagonal)
    #expect(doubled.width == 4 && doubled.height == 4)
    #expect(doubled.bits.filter { $0 }.count == 10)
    // A vertical bar doubles to a 2-pixel-wide bar.
    let bar = BitmapFont.Mask(
      width: 3, height: 3, bits: [false, true, false, false, true, false, false, true, false])
    let wide = BitmapFont.scale2x(bar)
    for row in 0..<6 {
      #expect(wide.bits[(row * 6)..<(row * 6 + 6)] == [false, false, true, true, false, false])
    }
  }

  @Test func maskHasTheMeasuredSize() {
    let mask = BitmapFont.mask(for: "Loss", scale: 2)
    #expect(mask.width == BitmapFont.width(of: "Loss", scale: 2))
    #expect(mask.height == 18)
    #expect(mask.bits.contains(true))
  }
}
