// The gather primitive: slices of the input along one axis, picked by integer indices of any
// shape (an embedding lookup is a gather along axis 0).

/// `axis` is in range (the public op normalizes it).
func gatherOutputSpec(_ x: TensorSpec, indices: TensorSpec, axis: Int) -> Result<
  TensorSpec, ShapeError
> {
  guard indices.dtype == .int32 || indices.dtype == .int64 else {
    return .failure(
      ShapeError(op: "gather", "indices have dtype \(indices.dtype), not int32 or int64"))
  }
  guard axis >= 0 && axis < x.shape.rank else {
    return .failure(ShapeError(op: "gather", "axis \(axis) is out of range for shape \(x.shape)"))
  }
  let shape =
    x.shape[0..<axis].dimensions + indices.shape.dimensions
    + x.shape[(axis + 1)...].dimensions
  return .success(TensorSpec(dtype: x.dtype, shape: Shape(shape)))
}

/// The cotangent of gather adds each output cotangent back at its index; indices have none.
func gatherVJP(_ x: Tensor, indices: Tensor, axis: Int, cotangent g: Tensor, needs: [Bool])
  -> [Tensor?]
{
  [needs[0] ? apply(.gatherGradient(axis: axis), g, indices, x) : nil, nil]
}

func executeGather(_ x: Tensor, indices: Tensor, axis: Int, output: TensorSpec) -> Tensor {
  let size = x.shape[axis]
  let positions = validatedPositions(indices, size: size, op: "gather", axis: axis, shape: x.shape)
  let outer = x.shape[0..<axis].scalarCount
  let inner = x.shape[(axis + 1)...].scalarCount
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  x.device.gather(
    .dense(x.storage, dtype: x.dtype, shape: [outer, size, inner]), indices: positions,
    into: .dense(y.storage, dtype: y.dtype, shape: [outer, positions.count, inner]))
  return y
}

/// The gradient of gather: its cotangent added at the gathered positions into zeros shaped like
/// the gathered tensor.
func gatherGradientOutputSpec(
  _ g: TensorSpec, indices: TensorSpec, like x: TensorSpec, axis: Int
) -> Result<TensorSpec, ShapeError> {
  gatherOutputSpec(x, indices: indices, axis: axis).flatMap { gathered in
    guard gathered.shape == g.shape, g.dtype == x.dtype else {
      return .failure(
        ShapeError(op: "gather_grad", "cotangent \(g) does not fit gather \(gathered)"))
    }
    return .success(x)
  }
}

/// Scatter-adding is linear and its adjoint is the gather at the same indices.
func gatherGradientVJP(indices: Tensor, axis: Int, cotangent g: Tensor) -> [Tensor?] {
  [apply(.gather(axis: axis), g, indices), nil, nil]
}

func executeGatherGradient(_ g: Tensor, indices: Tensor, axis: Int, output: TensorSpec) -> Tensor {
  let size = output.shape[axis]
  let positions = validatedPositions(
    indices, size: size, op: "gather_grad", axis: axis, shape: output.shape)
  let outer = output.shape[0..<axis].scalarCount
  let inner = output.shape[(axis + 1)...].scalarCount
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: g.device)
  g.device.scatterAdd(
    .dense(g.storage, dtype: g.dtype, shape: [outer, positions.count, inner]), indices: positions,
    into: .dense(y.storage, dtype: y.dtype, shape: [outer, size, inner]))
  return y
}

/// The indices as positions, each checked to lie within an axis of `size`.
private func validatedPositions(_ indices: Tensor, size: Int, op: String, axis: Int, shape: Shape)
  -> [Int]
{
  // Read the indices in their own dtype where the device lets the host see them (the CPU's own
  // memory, no copy): a kernel of a compiled plan runs no eager op (a cast) and makes no host
  // read of the kind `scalars(as:)` counts.
  func read<T: FixedWidthInteger>(_ type: T.Type) -> [Int] {
    let stride = MemoryLayout<T>.stride
    return indices.device.withHostBytes(
      of: indices.storage, byteCount: indices.scalarCount * stride
    ) { bytes in
      (0..<indices.scalarCount).map { Int(bytes.load(fromByteOffset: $0 * stride, as: T.self)) }
    }
  }
  let positions: [Int]
  switch indices.dtype {
  case .int32: positions = read(Int32.self)
  case .int64: positions = read(Int64.self)
  default: positions = indices.scalars(as: Int.self)
  }
  for position in positions {
    require(
      position >= 0 && position < size,
      "\(op): index \(position) is out of range for axis \(axis) of shape \(shape)")
  }
  return positions
}
