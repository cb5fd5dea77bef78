import Testing

@testable import RillBoard

/// Colormaps against the published viridis table (matplotlib's `_viridis_data`, entries
/// 0, 40, 64, 100, 128, 191, 220 and 255 rounded to bytes).
@Suite struct ColormapTests {
  private func distance(_ a: Color, _ b: Color) -> Int {
    max(
      abs(Int(a.red) - Int(b.red)), abs(Int(a.green) - Int(b.green)), abs(Int(a.blue) - Int(b.blue))
    )
  }

  @Test func viridisFollowsThePublishedTable() {
    let published: [(Int, UInt32)] = [
      (0, 0x440154), (40, 0x453781), (64, 0x3B528B), (100, 0x2A768E), (128, 0x21918C),
      (191, 0x5CC863), (220, 0xA2DA37), (255, 0xFDE725),
    ]
    for (index, hex) in published {
      let color = Colormap.viridis.color(at: Double(index) / 255)
      #expect(distance(color, Color(hex: hex)) <= 6, "viridis entry \(index)")
    }
    #expect(Colormap.viridis.color(at: 0) == Color(hex: 0x440154))
    #expect(Colormap.viridis.color(at: 1) == Color(hex: 0xFDE725))
  }

  @Test func grayInterpolatesAndClamps() {
    // Halfway: 127.5 rounds to 128.
    #expect(Colormap.gray.color(at: 0.5) == Color(gray: 128))
    #expect(Colormap.gray.color(at: -3) == .black)
    #expect(Colormap.gray.color(at: 7) == .white)
    #expect(Colormap.gray.color(at: .nan) == .black)
  }

  @Test func hexStringIsCSSNotation() {
    #expect(Color(hex: 0x0A0B0C).hexString == "#0a0b0c")
    #expect(Color(red: 255, green: 0, blue: 128).hexString == "#ff0080")
  }
}
