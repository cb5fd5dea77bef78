import RillCore

/// A penalty on a weight's values that training adds to the loss.
///
/// ```swift
/// Dense(64, kernelRegularizer: L2(0.01))
/// ```
/// Keras: `keras.regularizers.Regularizer`.
public protocol Regularizer: Sendable {
  /// The penalty for `weight`, a scalar.
  func callAsFunction(_ weight: Tensor) -> Tensor
}

/// l1 · Σ|w|.
///
/// Keras: `keras.regularizers.L1`.
public struct L1: Regularizer {
  /// The factor.
  public var l1: Double
  /// Creates the regularizer.
  public init(_ l1: Double = 0.01) { self.l1 = l1 }
  /// The penalty.
  public func callAsFunction(_ weight: Tensor) -> Tensor { l1 * abs(weight).sum() }
}

/// l2 · Σw².
///
/// Keras: `keras.regularizers.L2`.
public struct L2: Regularizer {
  /// The factor.
  public var l2: Double
  /// Creates the regularizer.
  public init(_ l2: Double = 0.01) { self.l2 = l2 }
  /// The penalty.
  public func callAsFunction(_ weight: Tensor) -> Tensor { l2 * square(weight).sum() }
}

/// l1 · Σ|w| + l2 · Σw².
///
/// Keras: `keras.regularizers.L1L2`.
public struct L1L2: Regularizer {
  /// The L1 factor.
  public var l1: Double
  /// The L2 factor.
  public var l2: Double
  /// Creates the regularizer.
  public init(l1: Double = 0, l2: Double = 0) {
    self.l1 = l1
    self.l2 = l2
  }
  /// The penalty.
  public func callAsFunction(_ weight: Tensor) -> Tensor {
    l1 * abs(weight).sum() + l2 * square(weight).sum()
  }
}
