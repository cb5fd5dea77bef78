// Normalization ops of `tf.nn`, composed from the primitives.

/// The mean and the (biased) variance of x over `axes`.
///
/// TensorFlow: `tf.nn.moments`.
public func moments(_ x: Tensor, alongAxes axes: [Int], keepDims: Bool = false) -> (
  mean: Tensor, variance: Tensor
) {
  let mean = x.mean(alongAxes: axes, keepDims: true)
  // The deviation is taken from a mean that carries no gradient, as TensorFlow's moments does:
  // the variance's gradient through the mean is zero anyway (Σ(x − μ) = 0).
  let variance = square(x - stopGradient(mean)).mean(alongAxes: axes, keepDims: keepDims)
  return (keepDims ? mean : mean.droppingAxes(x.normalizedAxes(axes, op: "moments")), variance)
}

/// (x − mean) / √(variance + ε) · scale + offset, with every operand broadcast against x.
///
/// TensorFlow: `tf.nn.batch_normalization`.
public func batchNormalization(
  _ x: Tensor, mean: Tensor, variance: Tensor, offset: Tensor?, scale: Tensor?,
  varianceEpsilon: Double
) -> Tensor {
  var factor = rsqrt(variance + varianceEpsilon)
  if let scale { factor = factor * scale }
  var result = (x - mean) * factor
  if let offset { result = result + offset }
  return result
}

/// x / √(max(Σ x², ε)) along `axes`: each slice scaled to unit L2 norm.
///
/// TensorFlow: `tf.math.l2_normalize`.
public func l2Normalize(_ x: Tensor, alongAxes axes: [Int] = [-1], epsilon: Double = 1e-12)
  -> Tensor
{
  let squares = square(x).sum(alongAxes: axes, keepDims: true)
  return x * rsqrt(maximum(squares, Tensor(epsilon, dtype: squares.dtype)))
}
