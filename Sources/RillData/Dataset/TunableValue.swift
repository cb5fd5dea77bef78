import Foundation
import RillCore

/// A buffer size or degree of parallelism: a fixed number, or chosen by the pipeline.
///
/// Integer literals give fixed values:
///
/// ```swift
/// dataset.map(parallelCalls: 4) { $0 * 2 }          // four threads
/// dataset.map(parallelCalls: .automatic) { $0 * 2 } // one thread per processor
/// dataset.prefetch(2)                               // two elements ahead
/// dataset.prefetch(.automatic)                      // grows while the consumer waits
/// ```
/// TensorFlow: `tf.data.AUTOTUNE`.
public enum TunableValue: Hashable, Sendable, ExpressibleByIntegerLiteral {
  /// Exactly this value, at least 1.
  case fixed(Int)
  /// A value the pipeline chooses; each transformation documents its rule.
  case automatic

  /// Creates a fixed value from an integer literal.
  public init(integerLiteral value: Int) {
    self = .fixed(value)
  }

  /// The fixed value, or `automatic` for `.automatic`.
  ///
  /// - Precondition: a fixed value is at least 1.
  func resolved(automatic: Int, op: String) -> Int {
    switch self {
    case .fixed(let value):
      require(value >= 1, "\(op): \(value) must be at least 1")
      return value
    case .automatic:
      return automatic
    }
  }

  /// The number of processors the system makes available to this process.
  static var processorCount: Int {
    Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
  }
}
