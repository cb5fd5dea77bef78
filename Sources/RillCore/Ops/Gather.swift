extension Tensor {
  /// Slices along `axis` picked by integer `indices` of any shape; the result's shape is this
  /// tensor's with that axis replaced by the indices' shape.
  ///
  /// With `axis` 0 this is an embedding lookup: `embeddings.gathering(atIndices: tokenIDs)`.
  /// TensorFlow: `tf.gather`.
  /// - Precondition: every index lies within the axis.
  public final func gathering(atIndices indices: Tensor, alongAxis axis: Int = 0) -> Tensor {
    let position = trapping(shape.normalizedAxis(axis, op: "gather"))
    require(
      indices.dtype.isInteger, "gather: indices have dtype \(indices.dtype), not an integer type")
    let wrapped = indices.dtype == .uint8 ? indices.cast(to: .int32) : indices
    return apply(.gather(axis: position), self, wrapped)
  }
}
