// The select primitive: where(condition, a, b), all three broadcast against each other.

func selectOutputSpec(_ condition: TensorSpec, _ a: TensorSpec, _ b: TensorSpec)
  -> Result<TensorSpec, ShapeError>
{
  guard condition.dtype == .bool else {
    return .failure(ShapeError(op: "where", "the condition has dtype \(condition.dtype), not bool"))
  }
  guard a.dtype == b.dtype else {
    return .failure(ShapeError(op: "where", "dtypes \(a.dtype) and \(b.dtype) differ"))
  }
  return Shape.broadcast(a.shape, b.shape, op: "where")
    .flatMap { Shape.broadcast(condition.shape, $0, op: "where") }
    .map { TensorSpec(dtype: a.dtype, shape: $0) }
}

func executeSelect(_ condition: Tensor, _ a: Tensor, _ b: Tensor, output: TensorSpec) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: condition.device)
  a.device.select(
    condition.deviceView(broadcastTo: output.shape), a.deviceView(broadcastTo: output.shape),
    b.deviceView(broadcastTo: output.shape), into: y.deviceView)
  return y
}

/// where(c, a, b) passes its cotangent to a where c holds and to b elsewhere.
func selectVJP(_ condition: Tensor, _ a: Tensor, _ b: Tensor, cotangent g: Tensor, needs: [Bool])
  -> [Tensor?]
{
  [
    nil,
    needs[1] ? Tensor.where(condition, g, 0).unbroadcast(like: a) : nil,
    needs[2] ? Tensor.where(condition, 0, g).unbroadcast(like: b) : nil,
  ]
}
