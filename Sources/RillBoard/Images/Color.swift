/// An sRGB color with opacity, 8 bits a channel.
///
/// ```swift
/// let orange = Color(red: 240, green: 138, blue: 36)
/// let sameOrange = Color(hex: 0xF08A24)
/// let faint = orange.withAlpha(64)
/// ```
public struct Color: Hashable, Sendable {
  /// Red, 0 to 255.
  public var red: UInt8
  /// Green, 0 to 255.
  public var green: UInt8
  /// Blue, 0 to 255.
  public var blue: UInt8
  /// Opacity, 0 (transparent) to 255 (opaque).
  public var alpha: UInt8

  /// Creates a color from its channels.
  ///
  /// - Parameters:
  ///   - red: Red, 0 to 255.
  ///   - green: Green, 0 to 255.
  ///   - blue: Blue, 0 to 255.
  ///   - alpha: Opacity, 0 to 255 (opaque unless given).
  public init(red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8 = 255) {
    self.red = red
    self.green = green
    self.blue = blue
    self.alpha = alpha
  }

  /// Creates an opaque color from a 24-bit `0xRRGGBB` number.
  public init(hex: UInt32) {
    self.init(
      red: UInt8(truncatingIfNeeded: hex >> 16), green: UInt8(truncatingIfNeeded: hex >> 8),
      blue: UInt8(truncatingIfNeeded: hex))
  }

  /// Creates an opaque gray.
  ///
  /// - Parameter level: 0 (black) to 255 (white).
  public init(gray level: UInt8) {
    self.init(red: level, green: level, blue: level)
  }

  /// The same color with another opacity.
  public func withAlpha(_ alpha: UInt8) -> Color {
    Color(red: red, green: green, blue: blue, alpha: alpha)
  }

  /// Red, green, blue and alpha in that order.
  public var components: [UInt8] { [red, green, blue, alpha] }

  /// The color as CSS and SVG write it, `#rrggbb` (without alpha).
  public var hexString: String {
    "#"
      + [red, green, blue].map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
      }.joined()
  }

  /// Black.
  public static let black = Color(gray: 0)
  /// White.
  public static let white = Color(gray: 255)
  /// Mid gray.
  public static let gray = Color(gray: 128)

  /// The colors that plot series take in turn: ten hues that stay apart from each other on a
  /// white background.
  public static let palette: [Color] = [
    Color(hex: 0x2A6FDB), Color(hex: 0xF08A24), Color(hex: 0x2E9D4A), Color(hex: 0xD6423B),
    Color(hex: 0x8A5CC2), Color(hex: 0x8C5A3C), Color(hex: 0xD45FA6), Color(hex: 0x6F6F6F),
    Color(hex: 0xA6A824), Color(hex: 0x1FB3C4),
  ]
}
