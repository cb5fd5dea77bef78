import RillCore

/// A map from numbers in 0…1 to colors, for `imshow`, heatmaps and colorbars.
///
/// A colormap interpolates linearly (per sRGB channel) between evenly spaced color stops.
///
/// ```swift
/// Colormap.viridis.color(at: 0)     // dark purple #440154
/// Colormap.viridis.color(at: 1)     // yellow #fde725
/// let redBlue = Colormap(stops: [Color(hex: 0x2166AC), .white, Color(hex: 0xB2182B)])
/// ```
public struct Colormap: Sendable, Equatable {
  /// The colors at 0, 1/(n−1), 2/(n−1), …, 1.
  public let stops: [Color]

  /// Creates a colormap through evenly spaced stops.
  ///
  /// - Parameter stops: The colors at 0 and 1 and evenly in between.
  /// - Precondition: there are at least two stops.
  public init(stops: [Color]) {
    require(stops.count >= 2, "Colormap: needs at least two stops, got \(stops.count)")
    self.stops = stops
  }

  /// The color for `value`, clamped to 0…1; NaN gives the first stop.
  public func color(at value: Double) -> Color {
    let clamped = value.isNaN ? 0 : Swift.min(Swift.max(value, 0), 1)
    let position = clamped * Double(stops.count - 1)
    let lower = Swift.min(Int(position), stops.count - 2)
    let fraction = position - Double(lower)
    let (a, b) = (stops[lower], stops[lower + 1])
    func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
      UInt8((Double(x) + (Double(y) - Double(x)) * fraction).rounded())
    }
    return Color(
      red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue),
      alpha: mix(a.alpha, b.alpha))
  }

  /// Black to white.
  public static let gray = Colormap(stops: [.black, .white])

  /// Viridis, the perceptually uniform colormap of Stéfan van der Walt and Nathaniel Smith
  /// (matplotlib's default): dark purple through blue and green to yellow, readable in gray
  /// and by color-blind viewers.
  ///
  /// The stops are the published viridis table sampled at 17 evenly spaced points; linear
  /// interpolation between them stays within 6/255 per channel of the full 256-entry table.
  public static let viridis = Colormap(
    stops: [
      0x440154, 0x48186A, 0x472D7B, 0x424086, 0x3B528B, 0x33638D, 0x2C728E, 0x26828E,
      0x21918C, 0x1FA088, 0x28AE80, 0x3FBC73, 0x5EC962, 0x84D44B, 0xADDC30, 0xD8E219,
      0xFDE725,
    ].map { Color(hex: $0) })
}
