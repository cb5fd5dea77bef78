import RillCore

extension Tensor: Batchable {
  /// Stacks tensors of one shape and dtype along a new leading axis.
  ///
  /// TensorFlow: `tf.stack`.
  ///
  /// - Precondition: `elements` is not empty and its tensors have one shape and dtype.
  public static func stacking(_ elements: [Tensor]) -> Tensor {
    stack(elements, alongAxis: 0)
  }

  /// The size of the leading axis.
  ///
  /// - Precondition: the tensor has rank 1 or more.
  public static func batchSize(of batch: Tensor) -> Int {
    require(batch.rank >= 1, "batch: a scalar tensor has no leading axis to batch along")
    return batch.shape[0]
  }

  /// The slice at `index` along the leading axis, without that axis.
  public static func element(_ index: Int, of batch: Tensor) -> Tensor {
    batch[index]
  }
}
