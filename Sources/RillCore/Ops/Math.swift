// Elementwise math functions. Functions defined on real numbers only convert integer operands
// to float32 first.

/// |x|.
///
/// TensorFlow: `tf.abs`.
public func abs(_ x: Tensor) -> Tensor { apply(.unary(.abs), x) }

/// −1, 0 or 1 by the sign of x (NaN stays NaN).
///
/// TensorFlow: `tf.sign`.
public func sign(_ x: Tensor) -> Tensor { apply(.unary(.sign), x) }

/// x².
///
/// TensorFlow: `tf.square`.
public func square(_ x: Tensor) -> Tensor { apply(.unary(.square), x) }

/// √x.
///
/// TensorFlow: `tf.sqrt`.
public func sqrt(_ x: Tensor) -> Tensor { apply(.unary(.sqrt), realValued(x)) }

/// 1/√x.
///
/// TensorFlow: `tf.math.rsqrt`.
public func rsqrt(_ x: Tensor) -> Tensor { apply(.unary(.rsqrt), realValued(x)) }

/// eˣ.
///
/// TensorFlow: `tf.exp`.
public func exp(_ x: Tensor) -> Tensor { apply(.unary(.exp), realValued(x)) }

/// The natural logarithm.
///
/// TensorFlow: `tf.math.log`.
public func log(_ x: Tensor) -> Tensor { apply(.unary(.log), realValued(x)) }

/// ln(1 + x), accurate for small x.
///
/// TensorFlow: `tf.math.log1p`.
public func log1p(_ x: Tensor) -> Tensor { apply(.unary(.log1p), realValued(x)) }

/// eˣ − 1, accurate for small x.
///
/// TensorFlow: `tf.math.expm1`.
public func expm1(_ x: Tensor) -> Tensor { apply(.unary(.expm1), realValued(x)) }

/// The sine of x in radians.
///
/// TensorFlow: `tf.sin`.
public func sin(_ x: Tensor) -> Tensor { apply(.unary(.sin), realValued(x)) }

/// The cosine of x in radians.
///
/// TensorFlow: `tf.cos`.
public func cos(_ x: Tensor) -> Tensor { apply(.unary(.cos), realValued(x)) }

/// The hyperbolic tangent.
///
/// TensorFlow: `tf.tanh`.
public func tanh(_ x: Tensor) -> Tensor { apply(.unary(.tanh), realValued(x)) }

/// The logistic function 1 / (1 + e⁻ˣ).
///
/// TensorFlow: `tf.sigmoid`.
public func sigmoid(_ x: Tensor) -> Tensor { apply(.unary(.sigmoid), realValued(x)) }

/// The error function.
///
/// TensorFlow: `tf.math.erf`.
public func erf(_ x: Tensor) -> Tensor { apply(.unary(.erf), realValued(x)) }

/// The largest integer not greater than x.
///
/// TensorFlow: `tf.floor`.
public func floor(_ x: Tensor) -> Tensor { apply(.unary(.floor), x) }

/// The smallest integer not less than x.
///
/// TensorFlow: `tf.math.ceil`.
public func ceil(_ x: Tensor) -> Tensor { apply(.unary(.ceil), x) }

/// The nearest integer, with halves rounded to even (banker's rounding).
///
/// TensorFlow: `tf.round`.
public func round(_ x: Tensor) -> Tensor { apply(.unary(.round), x) }

/// 1/x.
///
/// TensorFlow: `tf.math.reciprocal`.
public func reciprocal(_ x: Tensor) -> Tensor { apply(.unary(.reciprocal), realValued(x)) }

/// max(x, 0).
///
/// TensorFlow: `tf.nn.relu`.
public func relu(_ x: Tensor) -> Tensor { apply(.unary(.relu), x) }

/// xʸ, elementwise with broadcasting.
///
/// TensorFlow: `tf.pow`.
public func pow(_ x: Tensor, _ y: Tensor) -> Tensor { binaryArithmetic(.pow, x, y) }

/// The larger of x and y, elementwise with broadcasting; NaN wins.
///
/// TensorFlow: `tf.maximum`.
public func maximum(_ x: Tensor, _ y: Tensor) -> Tensor { binaryArithmetic(.maximum, x, y) }

/// The smaller of x and y, elementwise with broadcasting; NaN wins.
///
/// TensorFlow: `tf.minimum`.
public func minimum(_ x: Tensor, _ y: Tensor) -> Tensor { binaryArithmetic(.minimum, x, y) }

/// (x − y)², elementwise with broadcasting.
///
/// TensorFlow: `tf.math.squared_difference`.
public func squaredDifference(_ x: Tensor, _ y: Tensor) -> Tensor { square(x - y) }

/// x − ⌊x / y⌋ · y: the remainder with the divisor's sign, as Python's `%`.
///
/// TensorFlow: `tf.math.floormod`.
public func floorMod(_ x: Tensor, _ y: Tensor) -> Tensor { binaryArithmetic(.floorMod, x, y) }

/// ⌊x / y⌋: division rounded down, as Python's `//`; for integers a zero divisor gives 0.
///
/// TensorFlow: `tf.math.floordiv`.
public func floorDivide(_ x: Tensor, _ y: Tensor) -> Tensor {
  let (a, b) = promoted(x, y)
  if a.dtype.isFloatingPoint { return floor(apply(.binary(.divide), a, b)) }
  return apply(.binary(.divide), a, b)
}

/// x limited to [min, max] elementwise; the bounds take x's dtype.
///
/// (For tensor bounds, use `minimum(maximum(x, lower), upper)`.) TensorFlow: `tf.clip_by_value`.
public func clip(_ x: Tensor, min lower: Double, max upper: Double) -> Tensor {
  minimum(maximum(x, Tensor.weak(lower)), Tensor.weak(upper))
}
