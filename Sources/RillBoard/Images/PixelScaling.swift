import RillCore

/// How tensor elements become 8-bit pixel values.
///
/// ```swift
/// RasterImage(probabilities)                               // floats in 0…1 → 0…255
/// RasterImage(weights, scaling: .perImage)                 // each image's min…max → 0…255
/// RasterImage(celsius, scaling: .range(-10...40))          // -10 → 0, 40 → 255
/// ```
///
/// In every mode a pixel is `round(255 · t)` for `t` clamped to 0…1, NaN becomes 0 (black or
/// transparent) and infinities clamp to 0 or 255, so no input makes an unreadable image.
public enum PixelScaling: Sendable, Equatable {
  /// Floats (and bools) in 0…1 are scaled to 0…255, clamped; integer dtypes such as `uint8`
  /// are taken as pixel values, clamped to 0…255. This is `tf.summary.image`'s rule.
  case unit
  /// Each image's smallest finite value becomes 0 and its largest 255 (an image with one value
  /// becomes all 0). Good for weights, which have no natural range.
  case perImage
  /// `range.lowerBound` becomes 0 and `range.upperBound` 255, clamped.
  case range(ClosedRange<Double>)

  /// The pixel values of `values`, elements of a tensor of `dtype`.
  func bytes(_ values: [Double], dtype: DType) -> [UInt8] {
    switch self {
    case .unit where dtype.isInteger:
      return values.map { UInt8(Swift.min(Swift.max($0, 0), 255)) }
    case .unit:
      return values.map(PixelScaling.byte)
    case .perImage:
      let finite = values.filter(\.isFinite)
      let low = finite.min() ?? 0
      let high = finite.max() ?? 0
      guard high > low else { return values.map { $0 == .infinity ? 255 : 0 } }
      return values.map { PixelScaling.byte(($0 - low) / (high - low)) }
    case .range(let range):
      let width = range.upperBound - range.lowerBound
      guard width > 0 else { return values.map { $0 > range.lowerBound ? 255 : 0 } }
      return values.map { PixelScaling.byte(($0 - range.lowerBound) / width) }
    }
  }

  /// `round(255 · t)` for `t` clamped to 0…1, with NaN giving 0.
  static func byte(_ unit: Double) -> UInt8 {
    guard !unit.isNaN else { return 0 }
    return UInt8((Swift.min(Swift.max(unit, 0), 1) * 255).rounded())
  }
}
