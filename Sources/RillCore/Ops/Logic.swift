// Elementwise comparisons (bool results) and logical connectives. The pointwise operators
// follow Swift's SIMD types: `.==`, `.<` and so on compare element by element.

/// Whether the elements are equal, with broadcasting.
///
/// TensorFlow: `tf.equal`.
public func .== (lhs: Tensor, rhs: Tensor) -> Tensor { compare(.equal, lhs, rhs) }
/// Whether the elements differ, with broadcasting.
///
/// TensorFlow: `tf.not_equal`.
public func .!= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(.notEqual, lhs, rhs) }
/// Whether lhs < rhs elementwise, with broadcasting.
///
/// TensorFlow: `tf.less`.
public func .< (lhs: Tensor, rhs: Tensor) -> Tensor { compare(.less, lhs, rhs) }
/// Whether lhs ≤ rhs elementwise, with broadcasting.
///
/// TensorFlow: `tf.less_equal`.
public func .<= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(.lessEqual, lhs, rhs) }
/// Whether lhs > rhs elementwise, with broadcasting.
///
/// TensorFlow: `tf.greater`.
public func .> (lhs: Tensor, rhs: Tensor) -> Tensor { compare(.greater, lhs, rhs) }
/// Whether lhs ≥ rhs elementwise, with broadcasting.
///
/// TensorFlow: `tf.greater_equal`.
public func .>= (lhs: Tensor, rhs: Tensor) -> Tensor { compare(.greaterEqual, lhs, rhs) }

/// Elementwise and of two bool tensors, with broadcasting.
///
/// TensorFlow: `tf.logical_and`.
public func logicalAnd(_ x: Tensor, _ y: Tensor) -> Tensor { apply(.compare(.logicalAnd), x, y) }
/// Elementwise or of two bool tensors, with broadcasting.
///
/// TensorFlow: `tf.logical_or`.
public func logicalOr(_ x: Tensor, _ y: Tensor) -> Tensor { apply(.compare(.logicalOr), x, y) }
/// Elementwise negation of a bool tensor.
///
/// TensorFlow: `tf.logical_not`.
public func logicalNot(_ x: Tensor) -> Tensor { apply(.unary(.logicalNot), x) }

extension Tensor {
  /// Picks elements from `x` where `condition` is true and from `y` elsewhere; all three
  /// broadcast against each other.
  ///
  /// ```swift
  /// let clipped = Tensor.where(x .> 0, x, 0)   // relu
  /// ```
  /// TensorFlow: `tf.where` with three arguments.
  public static func `where`(_ condition: Tensor, _ x: Tensor, _ y: Tensor) -> Tensor {
    let (a, b) = promoted(x, y)
    return apply(.select, condition, a, b)
  }
}

/// Compares after promoting the operands to their common dtype.
private func compare(_ function: ComparisonFunction, _ lhs: Tensor, _ rhs: Tensor) -> Tensor {
  let (a, b) = promoted(lhs, rhs)
  return apply(.compare(function), a, b)
}
