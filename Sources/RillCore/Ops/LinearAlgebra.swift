/// The matrix product of the last two dimensions, with the leading (batch) dimensions
/// broadcast: [..., m, k] × [..., k, n] → [..., m, n].
///
/// `transposeA` and `transposeB` use an operand's last two dimensions swapped, at no cost.
/// Floating-point products run on OpenBLAS. TensorFlow: `tf.linalg.matmul`.
///
/// ```swift
/// let w = Tensor.randomNormal(shape: [784, 10], seed: 0)
/// let logits = matmul(images, w)          // [batch, 784] × [784, 10] → [batch, 10]
/// ```
/// - Precondition: both operands have rank 2 or more and matching inner dimensions.
public func matmul(
  _ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false
) -> Tensor {
  let (left, right) = promoted(a, b)
  return apply(.matmul(transposeA: transposeA, transposeB: transposeB), left, right)
}
