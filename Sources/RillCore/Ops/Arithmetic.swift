// The arithmetic operators. Operands broadcast against each other and meet at a common dtype
// (see Promotion.swift); a Swift number takes the tensor's dtype.

/// Adds two tensors elementwise.
///
/// TensorFlow: `tf.add`.
public func + (lhs: Tensor, rhs: Tensor) -> Tensor {
  binaryArithmetic(.add, lhs, rhs)
}

/// Subtracts elementwise.
///
/// TensorFlow: `tf.subtract`.
public func - (lhs: Tensor, rhs: Tensor) -> Tensor {
  binaryArithmetic(.subtract, lhs, rhs)
}

/// Multiplies elementwise.
///
/// TensorFlow: `tf.multiply`.
public func * (lhs: Tensor, rhs: Tensor) -> Tensor {
  binaryArithmetic(.multiply, lhs, rhs)
}

/// Divides elementwise (true division: integer operands give float32).
///
/// TensorFlow: `tf.math.truediv`.
public func / (lhs: Tensor, rhs: Tensor) -> Tensor {
  let (a, b) = promoted(lhs, rhs)
  return apply(.binary(.divide), realValued(a), realValued(b))
}

/// Adds a Swift number to every element.
public func + (lhs: Tensor, rhs: Double) -> Tensor { lhs + Tensor.weak(rhs) }
/// Adds every element to a Swift number.
public func + (lhs: Double, rhs: Tensor) -> Tensor { Tensor.weak(lhs) + rhs }
/// Subtracts a Swift number from every element.
public func - (lhs: Tensor, rhs: Double) -> Tensor { lhs - Tensor.weak(rhs) }
/// Subtracts every element from a Swift number.
public func - (lhs: Double, rhs: Tensor) -> Tensor { Tensor.weak(lhs) - rhs }
/// Multiplies every element by a Swift number.
public func * (lhs: Tensor, rhs: Double) -> Tensor { lhs * Tensor.weak(rhs) }
/// Multiplies a Swift number by every element.
public func * (lhs: Double, rhs: Tensor) -> Tensor { Tensor.weak(lhs) * rhs }
/// Divides every element by a Swift number.
public func / (lhs: Tensor, rhs: Double) -> Tensor { lhs / Tensor.weak(rhs) }
/// Divides a Swift number by every element.
public func / (lhs: Double, rhs: Tensor) -> Tensor { Tensor.weak(lhs) / rhs }

/// Adds a Swift integer to every element.
public func + (lhs: Tensor, rhs: Int) -> Tensor { lhs + Tensor.weak(rhs) }
/// Adds every element to a Swift integer.
public func + (lhs: Int, rhs: Tensor) -> Tensor { Tensor.weak(lhs) + rhs }
/// Subtracts a Swift integer from every element.
public func - (lhs: Tensor, rhs: Int) -> Tensor { lhs - Tensor.weak(rhs) }
/// Subtracts every element from a Swift integer.
public func - (lhs: Int, rhs: Tensor) -> Tensor { Tensor.weak(lhs) - rhs }
/// Multiplies every element by a Swift integer.
public func * (lhs: Tensor, rhs: Int) -> Tensor { lhs * Tensor.weak(rhs) }
/// Multiplies a Swift integer by every element.
public func * (lhs: Int, rhs: Tensor) -> Tensor { Tensor.weak(lhs) * rhs }
/// Divides every element by a Swift integer (true division).
public func / (lhs: Tensor, rhs: Int) -> Tensor { lhs / Tensor.weak(rhs) }
/// Divides a Swift integer by every element (true division).
public func / (lhs: Int, rhs: Tensor) -> Tensor { Tensor.weak(lhs) / rhs }

/// Negates every element.
///
/// TensorFlow: `tf.negative`.
public prefix func - (x: Tensor) -> Tensor {
  apply(.unary(.negate), x)
}

/// Replaces `lhs` with `lhs + rhs`.
public func += (lhs: inout Tensor, rhs: Tensor) { lhs = lhs + rhs }
/// Replaces `lhs` with `lhs - rhs`.
public func -= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs - rhs }
/// Replaces `lhs` with `lhs * rhs`.
public func *= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs * rhs }
/// Replaces `lhs` with `lhs / rhs`.
public func /= (lhs: inout Tensor, rhs: Tensor) { lhs = lhs / rhs }

/// Applies an arithmetic function after promoting the operands to their common dtype.
func binaryArithmetic(_ function: BinaryFunction, _ lhs: Tensor, _ rhs: Tensor) -> Tensor {
  let (a, b) = promoted(lhs, rhs)
  return apply(.binary(function), a, b)
}

extension Tensor {
  /// A weakly typed float32 scalar for a Swift real number mixed into an op.
  static func weak(_ value: Double) -> Tensor {
    literal([value], shape: [], isFloatingPoint: true)
  }

  /// A weakly typed int32 scalar for a Swift integer mixed into an op.
  static func weak(_ value: Int) -> Tensor {
    literal([Double(value)], shape: [], isFloatingPoint: false)
  }
}
