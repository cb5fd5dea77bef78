import Foundation

/// Round tick values for an axis and their labels.
///
/// The step is 1, 2, 2.5 or 5 times a power of ten, the smallest such step that keeps the
/// number of ticks at or below the target (Heckbert's "nice numbers"). Ticks are whole
/// multiples of the step, computed as `k · step` so that errors do not accumulate.
struct Ticks: Equatable {
  /// The tick positions, ascending.
  var values: [Double]
  /// The distance between ticks.
  var step: Double
  /// The labels, all with the same number of decimals.
  var labels: [String]

  /// The ticks between `low` and `high` (both included), about `targetCount` of them.
  init(from low: Double, to high: Double, targetCount: Int) {
    let span = high - low
    guard span > 0, span.isFinite else {
      values = [low]
      step = 1
      labels = Ticks.labels(for: [low], step: 1)
      return
    }
    let step = Ticks.niceStep(span / Double(max(1, targetCount)))
    let first = (low / step - 1e-9).rounded(.up)
    let last = (high / step + 1e-9).rounded(.down)
    let values = stride(from: first, through: last, by: 1).map { k in
      abs(k * step) < step * 1e-9 ? 0 : k * step
    }
    self.step = step
    self.values = values
    self.labels = Ticks.labels(for: values, step: step)
  }

  /// The smallest of 1, 2, 2.5, 5 and 10 times a power of ten that is at least `rough`.
  static func niceStep(_ rough: Double) -> Double {
    let magnitude = pow(10, (log10(rough)).rounded(.down))
    for multiple in [1, 2, 2.5, 5] where multiple * magnitude >= rough * (1 - 1e-9) {
      return multiple * magnitude
    }
    return 10 * magnitude
  }

  /// Labels with just enough decimals to tell the ticks apart; values of a million or more, or
  /// below 0.001, are written as `2.5e-4`.
  static func labels(for values: [Double], step: Double) -> [String] {
    let largest = values.map(abs).max() ?? 0
    if largest >= 1e6 || (largest > 0 && largest < 1e-3) {
      let exponent = Int(log10(largest).rounded(.down))
      let scale = pow(10, Double(exponent))
      let decimals = decimalsNeeded(step / scale)
      return values.map { value in
        value == 0 ? "0" : format(value / scale, decimals: decimals) + "e\(exponent)"
      }
    }
    let decimals = decimalsNeeded(step)
    return values.map { format($0, decimals: decimals) }
  }

  /// The fewest decimals (up to 10) that write `step` exactly.
  static func decimalsNeeded(_ step: Double) -> Int {
    for decimals in 0...10 {
      let scaled = step * pow(10, Double(decimals))
      if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return decimals }
    }
    return 10
  }

  /// `value` with a fixed number of decimals, never as `-0`.
  static func format(_ value: Double, decimals: Int) -> String {
    let text = String(format: "%.\(decimals)f", value)
    let isZero = text.allSatisfy { $0 == "-" || $0 == "0" || $0 == "." }
    return isZero && text.hasPrefix("-") ? String(text.dropFirst()) : text
  }
}
