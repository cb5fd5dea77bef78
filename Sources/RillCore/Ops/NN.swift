// Layer-level ops of `tf.nn`.

/// x + bias, with the bias added along the last (channel) axis.
///
/// TensorFlow: `tf.nn.bias_add`.
///
/// - Precondition: `bias` is rank 1 with the size of x's last axis.
public func biasAdd(_ x: Tensor, _ bias: Tensor) -> Tensor {
  require(
    bias.rank == 1 && x.rank >= 1 && bias.shape[0] == x.shape[x.rank - 1],
    "bias_add: a bias of shape \(bias.shape) does not match the last axis of shape \(x.shape)")
  return x + bias
}

/// Inverted dropout: while `training`, each element is kept with probability 1 − rate and scaled by
/// 1 / (1 − rate), or set to 0; otherwise x is returned unchanged.
///
/// TensorFlow: `tf.nn.dropout`.
///
/// With a `seed` the same elements are dropped on every eager call; without one, each call draws
/// the next key of the global random sequence (see ``RandomSeed``). In a graph or a compiled
/// function, every run drops other elements.
/// - Precondition: 0 ≤ rate < 1.
public func dropout(_ x: Tensor, rate: Double, training: Bool = true, seed: UInt64? = nil) -> Tensor
{
  require(rate >= 0 && rate < 1, "dropout: rate \(rate) is not in [0, 1)")
  guard training && rate > 0 else { return x }
  let draws = Tensor.randomUniform(
    like: x, dtype: x.dtype.isFloatingPoint ? x.dtype : .float32, seed: seed)
  return Tensor.where(draws .>= Tensor(rate, dtype: draws.dtype), x / (1 - rate), 0)
}
