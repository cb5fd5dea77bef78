// Primitives that move elements without arithmetic: reshape (free), transpose, broadcast and
// reverse. The last three are one strided copy each: the input is read through a view whose
// strides are permuted, zero along broadcast dimensions, or negative along reversed ones.

// MARK: Reshape

/// The reshape rule: one dimension of `target` may be -1 and is inferred from the others.
func reshapeOutputSpec(_ x: TensorSpec, to target: Shape) -> Result<TensorSpec, ShapeError> {
  let unknown = target.indices.filter { target[$0] == -1 }
  guard unknown.count <= 1, target.allSatisfy({ $0 >= -1 }) else {
    return .failure(ShapeError(op: "reshape", "target shape \(target) is invalid"))
  }
  var shape = target
  guard x.shape.isFullyDefined else {
    // Checked when the graph runs; until then an inferred dimension is unknown too.
    return .success(TensorSpec(dtype: x.dtype, shape: target))
  }
  if let axis = unknown.first {
    let known = target.filter { $0 != -1 }.reduce(1, *)
    guard known > 0, x.shape.scalarCount % known == 0 else {
      return .failure(
        ShapeError(op: "reshape", "cannot reshape a tensor of shape \(x.shape) to \(target)"))
    }
    shape[axis] = x.shape.scalarCount / known
  }
  guard shape.scalarCount == x.shape.scalarCount else {
    return .failure(
      ShapeError(op: "reshape", "cannot reshape a tensor of shape \(x.shape) to \(target)"))
  }
  return .success(TensorSpec(dtype: x.dtype, shape: shape))
}

/// Reshaping to the shape of a second input, known only when a graph runs.
func reshapeLikeOutputSpec(_ x: TensorSpec, like target: TensorSpec) -> Result<
  TensorSpec, ShapeError
> {
  reshapeOutputSpec(x, to: target.shape).map { _ in
    TensorSpec(dtype: x.dtype, shape: target.shape)
  }
}

/// The cotangent of reshape is the cotangent reshaped back; a shape-giving second input has
/// none.
func reshapeVJP(_ inputs: [Tensor], cotangent g: Tensor) -> [Tensor?] {
  [g.reshaped(like: inputs[0])] + (inputs.count > 1 ? [nil] : [])
}

/// Reshaping shares the storage: no element moves.
func executeReshape(_ x: Tensor, output: TensorSpec) -> Tensor {
  Tensor(storage: x.storage, dtype: output.dtype, shape: output.shape)
}

// MARK: Transpose

func transposeOutputSpec(_ x: TensorSpec, _ permutation: [Int]) -> Result<TensorSpec, ShapeError> {
  guard permutation.sorted() == Array(0..<x.shape.rank) else {
    return .failure(
      ShapeError(
        op: "transpose", "\(permutation) is not a permutation of the axes of shape \(x.shape)"))
  }
  return .success(TensorSpec(dtype: x.dtype, shape: Shape(permutation.map { x.shape[$0] })))
}

/// The cotangent of transpose is the cotangent transposed back.
func transposeVJP(_ permutation: [Int], cotangent g: Tensor) -> Tensor {
  var inverse = permutation
  for (position, axis) in permutation.enumerated() { inverse[axis] = position }
  return apply(.transpose(permutation: inverse), g)
}

func executeTranspose(_ x: Tensor, _ permutation: [Int], output: TensorSpec) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  x.device.copy(x.deviceView.permuted(permutation), into: y.deviceView)
  return y
}

// MARK: Broadcast

func broadcastOutputSpec(_ x: TensorSpec, to target: Shape) -> Result<TensorSpec, ShapeError> {
  guard target.rank >= x.shape.rank,
    case .success(let shape) = Shape.broadcast(x.shape, target, op: "broadcast_to"), shape == target
  else {
    return .failure(
      ShapeError(op: "broadcast_to", "cannot broadcast shape \(x.shape) to \(target)"))
  }
  return .success(TensorSpec(dtype: x.dtype, shape: target))
}

/// Each input element feeds every output element it was broadcast to: its cotangent is their sum
/// (``Tensor/unbroadcast(like:)``).
///
/// A shape-giving second input has none.
func broadcastVJP(_ inputs: [Tensor], cotangent g: Tensor) -> [Tensor?] {
  [g.unbroadcast(like: inputs[0])] + (inputs.count > 1 ? [nil] : [])
}

func executeBroadcast(_ x: Tensor, output: TensorSpec) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  x.device.copy(x.deviceView(broadcastTo: output.shape), into: y.deviceView)
  return y
}

// MARK: Reverse

/// `axes` are sorted, distinct and in range (the public op normalizes them).
func reverseOutputSpec(_ x: TensorSpec, axes: [Int]) -> Result<TensorSpec, ShapeError> {
  guard axes.allSatisfy({ $0 >= 0 && $0 < x.shape.rank }) else {
    return .failure(ShapeError(op: "reverse", "axes \(axes) are out of range for shape \(x.shape)"))
  }
  return .success(x)
}

/// Reversing is its own inverse: the cotangent reversed along the same axes.
func reverseVJP(axes: [Int], cotangent g: Tensor) -> Tensor {
  apply(.reverse(axes: axes), g)
}

func executeReverse(_ x: Tensor, axes: [Int], output: TensorSpec) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  var source = x.deviceView
  for axis in axes where source.shape[axis] > 0 {
    source = source.offset(byElements: (source.shape[axis] - 1) * source.strides[axis])
    source.strides[axis] = -source.strides[axis]
  }
  x.device.copy(source, into: y.deviceView)
  return y
}
