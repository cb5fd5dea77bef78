// The cumulative-sum primitive: running sums along one axis, optionally exclusive (each output
// leaves out its own element) and reversed (sums run from the end).

func cumulativeSumOutputSpec(_ x: TensorSpec, axis: Int) -> Result<TensorSpec, ShapeError> {
  guard x.dtype.isNumeric else {
    return .failure(ShapeError(op: "cumsum", "dtype \(x.dtype) is not supported"))
  }
  guard axis >= 0 && axis < x.shape.rank else {
    return .failure(ShapeError(op: "cumsum", "axis \(axis) is out of range for shape \(x.shape)"))
  }
  return .success(x)
}

/// Each input element adds to the outputs after it (or before it, reversed), so its cotangent
/// is the cumulative sum of the output cotangents run the other way.
func cumulativeSumVJP(axis: Int, exclusive: Bool, reverse: Bool, cotangent g: Tensor) -> Tensor {
  apply(.cumulativeSum(axis: axis, exclusive: exclusive, reverse: !reverse), g)
}

func executeCumulativeSum(
  _ x: Tensor, axis: Int, exclusive: Bool, reverse: Bool, output: TensorSpec
) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  x.device.cumulativeSum(
    x.deviceView, axis: axis, exclusive: exclusive, reverse: reverse, into: y.deviceView)
  return y
}
