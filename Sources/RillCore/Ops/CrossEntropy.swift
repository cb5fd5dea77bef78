// The cross-entropy losses of `tf.nn`, per example, computed from logits without overflow for
// any input (the tutorials' naive softmax-then-log gives NaN once a logit passes ~88).

/// −Σ labels · log softmax(logits) along the last axis: one value per example.
///
/// `labels` holds a probability distribution per example (one-hot vectors, typically).
/// TensorFlow: `tf.nn.softmax_cross_entropy_with_logits`.
public func softmaxCrossEntropyWithLogits(labels: Tensor, logits: Tensor) -> Tensor {
  -(labels * logSoftmax(logits)).sum(alongAxes: [-1])
}

/// −log softmax(logits)[label] for integer class labels: one value per example.
///
/// `labels` has the shape of `logits` without its last axis and values in 0..<classes.
/// TensorFlow: `tf.nn.sparse_softmax_cross_entropy_with_logits`.
/// - Precondition: every label is a valid class index.
public func sparseSoftmaxCrossEntropyWithLogits(labels: Tensor, logits: Tensor) -> Tensor {
  let classes = logits.shape[logits.rank - 1]
  checkClassLabels(
    labels, classes: classes, logits: logits, op: "sparse_softmax_cross_entropy_with_logits")
  // Symbolic labels are checked when the graph runs, by the gather that selects their rows.
  let oneHot =
    labels.isSymbolic
    ? Tensor.eye(classes, dtype: logits.dtype).gathering(atIndices: labels)
    : Tensor.oneHot(labels, depth: classes, dtype: logits.dtype)
  return -(oneHot * logSoftmax(logits)).sum(alongAxes: [-1])
}

/// The logistic loss max(x, 0) − x z + log(1 + e^−|x|) of logits x and labels z, elementwise.
///
/// TensorFlow: `tf.nn.sigmoid_cross_entropy_with_logits`.
public func sigmoidCrossEntropyWithLogits(labels: Tensor, logits: Tensor) -> Tensor {
  relu(logits) - logits * labels + log1p(exp(-abs(logits)))
}

/// Traps unless `labels` are integers of the logits' outer shape with values in 0..<classes.
func checkClassLabels(_ labels: Tensor, classes: Int, logits: Tensor, op: String) {
  require(
    labels.dtype.isInteger,
    "\(op): labels have dtype \(labels.dtype); integer class indices are expected")
  let outerShape = logits.shape.dimensions.dropLast()
  require(
    labels.rank == outerShape.count
      && zip(labels.shape, outerShape).allSatisfy {
        $0 == $1 || $0 == Shape.unknown || $1 == Shape.unknown
      },
    "\(op): labels of shape \(labels.shape) do not match logits of shape \(logits.shape)")
  // The values of symbolic labels are known only when the graph runs.
  if !labels.isSymbolic && labels.scalarCount > 0 {
    let smallest = labels.min().item(as: Int.self)
    let largest = labels.max().item(as: Int.self)
    require(
      smallest >= 0 && largest < classes,
      "\(op): labels must lie in 0..<\(classes) (logits of shape \(logits.shape)); found \(smallest < 0 ? smallest : largest)"
    )
  }
}
