import RillCore

/// The tensor rescaled to L2 norm `clipNorm` if its norm is larger, unchanged otherwise.
///
/// TensorFlow: `tf.clip_by_norm`.
public func clipByNorm(_ tensor: Tensor, clipNorm: Double) -> Tensor {
  let norm = sqrt(square(tensor).sum())
  return tensor * (clipNorm / maximum(norm, Tensor(clipNorm, dtype: norm.dtype)))
}

/// The tensors rescaled together so that their joint L2 norm is at most `clipNorm`, and that joint
/// norm before clipping.
///
/// TensorFlow: `tf.clip_by_global_norm`.
public func clipByGlobalNorm(_ tensors: [Tensor], clipNorm: Double) -> (
  clipped: [Tensor], globalNorm: Tensor
) {
  guard let first = tensors.first else { return ([], Tensor(0.0)) }
  let squares = tensors.dropFirst().reduce(square(first).sum()) { $0 + square($1).sum() }
  let globalNorm = sqrt(squares)
  let scale = clipNorm / maximum(globalNorm, Tensor(clipNorm, dtype: globalNorm.dtype))
  return (tensors.map { $0 * scale }, globalNorm)
}
