// The matrix-product primitive: [..., m, k] × [..., k, n] → [..., m, n], with either operand's
// last two dimensions optionally transposed and the leading (batch) dimensions broadcast.

func matmulOutputSpec(_ a: TensorSpec, _ b: TensorSpec, transposeA: Bool, transposeB: Bool)
  -> Result<TensorSpec, ShapeError>
{
  guard a.dtype == b.dtype, a.dtype.isNumeric else {
    return .failure(ShapeError(op: "matmul", "dtypes \(a.dtype) and \(b.dtype) are not supported"))
  }
  guard a.shape.rank >= 2, b.shape.rank >= 2 else {
    return .failure(
      ShapeError(
        op: "matmul", "operands of shapes \(a.shape) and \(b.shape) must have rank 2 or more"))
  }
  let (m, k) = matrixDimensions(a.shape, transposed: transposeA)
  let (otherK, n) = matrixDimensions(b.shape, transposed: transposeB)
  guard k == otherK || k == Shape.unknown || otherK == Shape.unknown else {
    return .failure(
      ShapeError(
        op: "matmul",
        "inner dimensions differ: \(a.shape)\(transposeA ? "ᵀ" : "") × \(b.shape)\(transposeB ? "ᵀ" : "")"
      ))
  }
  return Shape.broadcast(a.shape[0..<a.shape.rank - 2], b.shape[0..<b.shape.rank - 2], op: "matmul")
    .map { TensorSpec(dtype: a.dtype, shape: Shape($0.dimensions + [m, n])) }
}

/// The (rows, columns) of the matrices in a batch, after the optional transposition.
func matrixDimensions(_ shape: Shape, transposed: Bool) -> (rows: Int, columns: Int) {
  let rows = shape[shape.rank - 2]
  let columns = shape[shape.rank - 1]
  return transposed ? (columns, rows) : (rows, columns)
}

/// The cotangents of both operands, from the identities dA = g Bᵀ and dB = Aᵀ g adapted to the
/// transposes, summed over broadcast batch dimensions.
func matmulVJP(
  _ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, cotangent g: Tensor,
  needs: [Bool]
) -> [Tensor?] {
  func da() -> Tensor {
    switch (transposeA, transposeB) {
    case (false, false): return matmul(g, b, transposeB: true)
    case (false, true): return matmul(g, b)
    case (true, false): return matmul(b, g, transposeB: true)
    case (true, true): return matmul(b, g, transposeA: true, transposeB: true)
    }
  }
  func db() -> Tensor {
    switch (transposeA, transposeB) {
    case (false, false): return matmul(a, g, transposeA: true)
    case (false, true): return matmul(g, a, transposeA: true)
    case (true, false): return matmul(a, g)
    case (true, true): return matmul(g, a, transposeA: true, transposeB: true)
    }
  }
  return [
    needs[0] ? da().unbroadcast(like: a) : nil, needs[1] ? db().unbroadcast(like: b) : nil,
  ]
}

func executeMatmul(
  _ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, output: TensorSpec
) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: a.device)
  let batchShape = output.shape[0..<output.shape.rank - 2]
  let m = output.shape[output.shape.rank - 2]
  let n = output.shape[output.shape.rank - 1]
  y.device.matmul(
    batchedView(batchedSource(a, batchShape: batchShape), batchShape: batchShape),
    batchedView(batchedSource(b, batchShape: batchShape), batchShape: batchShape),
    transposeA: transposeA, transposeB: transposeB,
    into: .dense(y.storage, dtype: y.dtype, shape: [batchShape.scalarCount, m, n]))
  return y
}

/// The operand itself when its batch is the output's, absent or all ones (a batch of ones
/// repeats through stride 0); otherwise the operand broadcast to the output's batch shape.
private func batchedSource(_ x: Tensor, batchShape: Shape) -> Tensor {
  let ownBatch = x.shape[0..<x.rank - 2]
  if ownBatch.scalarCount == 1 || ownBatch == batchShape { return x }
  return apply(.broadcast(Shape(batchShape.dimensions + Array(x.shape.dimensions.suffix(2)))), x)
}

/// Views a tensor of matrices as [batch, rows, columns].
private func batchedView(_ x: Tensor, batchShape: Shape) -> DeviceView {
  let rows = x.shape[x.rank - 2]
  let columns = x.shape[x.rank - 1]
  let batchStride = x.shape[0..<x.rank - 2].scalarCount == 1 ? 0 : rows * columns
  return DeviceView(
    buffer: x.storage, byteOffset: 0, dtype: x.dtype,
    shape: [batchShape.scalarCount, rows, columns],
    strides: [batchStride, columns, 1])
}
