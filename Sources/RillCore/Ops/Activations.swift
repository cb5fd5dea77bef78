// Activation functions, written with the primitives (their gradients come from the primitives').
// Branches that are computed everywhere and then selected take safe arguments, so that the
// branch not taken can never produce an infinite value whose zero-weighted gradient is NaN.

/// min(max(x, 0), 6).
///
/// TensorFlow: `tf.nn.relu6`.
public func relu6(_ x: Tensor) -> Tensor {
  clip(x, min: 0, max: 6)
}

/// x for x > 0, αx otherwise.
///
/// TensorFlow: `tf.nn.leaky_relu` (α = 0.2 by default, as there).
public func leakyRelu(_ x: Tensor, alpha: Double = 0.2) -> Tensor {
  Tensor.where(x .> 0, x, alpha * x)
}

/// x for x > 0, α(eˣ − 1) otherwise.
///
/// TensorFlow: `tf.nn.elu`.
public func elu(_ x: Tensor, alpha: Double = 1) -> Tensor {
  Tensor.where(x .> 0, x, alpha * expm1(minimum(x, 0)))
}

/// The scaled ELU of Klambauer et al.: λ x for x > 0, λ α (eˣ − 1) otherwise, with α ≈ 1.6733 and λ
/// ≈ 1.0507.
///
/// TensorFlow: `tf.nn.selu`.
public func selu(_ x: Tensor) -> Tensor {
  let alpha = 1.6732632423543772848170429916717
  let scale = 1.0507009873554804934193349852946
  return scale * Tensor.where(x .> 0, x, alpha * expm1(minimum(x, 0)))
}

/// The Gaussian error linear unit x Φ(x): exactly x (1 + erf(x / √2)) / 2, or with `approximate`, x
/// (1 + tanh(√(2/π) (x + 0.044715 x³))) / 2.
///
/// TensorFlow: `tf.nn.gelu`.
public func gelu(_ x: Tensor, approximate: Bool = false) -> Tensor {
  if approximate {
    let inner = (2 / Double.pi).squareRoot() * (x + 0.044715 * x * x * x)
    return 0.5 * x * (1 + tanh(inner))
  }
  return 0.5 * x * (1 + erf(x / 2.0.squareRoot()))
}

/// log(1 + eˣ), computed as max(x, 0) + log1p(e^−|x|) so it neither overflows nor loses the small
/// values.
///
/// TensorFlow: `tf.nn.softplus`.
public func softplus(_ x: Tensor) -> Tensor {
  relu(x) + log1p(exp(-abs(x)))
}

/// x / (1 + |x|).
///
/// TensorFlow: `tf.nn.softsign`.
public func softsign(_ x: Tensor) -> Tensor {
  x / (1 + abs(x))
}

/// x σ(x), also called swish.
///
/// TensorFlow: `tf.nn.silu`.
public func silu(_ x: Tensor) -> Tensor {
  x * sigmoid(x)
}

/// e^(xᵢ) / Σⱼ e^(xⱼ) along `axis`, computed after subtracting the maximum so that it never
/// overflows.
///
/// TensorFlow: `tf.nn.softmax`.
public func softmax(_ logits: Tensor, alongAxis axis: Int = -1) -> Tensor {
  let shifted = logits - stopGradient(logits.max(alongAxes: [axis], keepDims: true))
  let exponentials = exp(shifted)
  return exponentials / exponentials.sum(alongAxes: [axis], keepDims: true)
}

/// xᵢ − log Σⱼ e^(xⱼ) along `axis`, computed stably.
///
/// TensorFlow: `tf.nn.log_softmax`.
public func logSoftmax(_ logits: Tensor, alongAxis axis: Int = -1) -> Tensor {
  let shifted = logits - stopGradient(logits.max(alongAxes: [axis], keepDims: true))
  return shifted - log(exp(shifted).sum(alongAxes: [axis], keepDims: true))
}

/// The same values, through which no gradient flows: tapes and graph gradients treat the result as
/// a constant.
///
/// TensorFlow: `tf.stop_gradient`.
public func stopGradient(_ x: Tensor) -> Tensor {
  let tracing = x is Variable ? ExecutionContext.current.tracingGraph : nil
  guard let graph = x.symbol?.graph ?? tracing else { return Tensor(x) }
  return graph.tensor(graph.add(.stopGradient, inputs: [graph.node(for: x)], spec: x.spec))
}
