import CBLAS

extension CPUDevice {
  func matmul(
    _ a: StridedView, _ b: StridedView, transposeA: Bool, transposeB: Bool, into y: StridedView
  ) {
    switch y.dtype {
    case .float32:
      let sgemm = OpenBLAS.shared.sgemm
      let library = OneDNN.shared
      blasMatmul(a, b, transposeA, transposeB, y, Float.self) {
        order, ta, tb, m, n, k, pa, lda, pb, ldb, py, ldy in
        if let library,
          oneDNNMatmul(library, ta, tb, Int(m), Int(n), Int(k), pa, lda, pb, ldb, py, ldy)
        {
          return
        }
        sgemm(order, ta, tb, m, n, k, 1, pa, lda, pb, ldb, 0, py, ldy)
      }
    case .float64:
      let dgemm = OpenBLAS.shared.dgemm
      blasMatmul(a, b, transposeA, transposeB, y, Double.self) {
        order, ta, tb, m, n, k, pa, lda, pb, ldb, py, ldy in
        dgemm(order, ta, tb, m, n, k, 1, pa, lda, pb, ldb, 0, py, ldy)
      }
    case .int32: integerMatmul(a, b, transposeA, transposeB, y, Int32.self)
    case .int64: integerMatmul(a, b, transposeA, transposeB, y, Int64.self)
    case .uint8: integerMatmul(a, b, transposeA, transposeB, y, UInt8.self)
    case .bool: fatalError("matmul: bool operands reached the CPU kernel")
    }
  }

  /// GEMM calls on single-threaded OpenBLAS, spread over Rill's threads: the output is cut into
  /// blocks of rows (or of columns when there are few rows), one call each, per batch element.
  ///
  /// The blocks depend on the shape alone, never on the thread count, so every output element
  /// is computed by the same OpenBLAS call, kernel and summation order whatever the number of
  /// threads (OpenBLAS picks a different kernel for small calls, so block sizes that followed the
  /// thread count changed the rounding). Block edges fall on multiples of 64 rows or columns.
  /// OpenBLAS's own threads stay off: they spin between calls and compete with Rill's, which
  /// costs more than they save on the small products of training. A matrix whose rows or
  /// columns are contiguous is passed as it lies (a transposed layout flips the transpose flag);
  /// any other layout is copied first.
  private func blasMatmul<T: BinaryFloatingPoint>(
    _ a: StridedView, _ b: StridedView, _ transposeA: Bool, _ transposeB: Bool, _ y: StridedView,
    _ type: T.Type,
    gemm: (
      CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, UnsafePointer<T>, Int32,
      UnsafePointer<T>, Int32, UnsafeMutablePointer<T>, Int32
    ) -> Void
  ) {
    let (batch, m, n) = (y.shape[0], y.shape[1], y.shape[2])
    let k = transposeA ? a.shape[1] : a.shape[2]
    guard m > 0, n > 0 else { return }
    if k == 0 {
      y.pointer(T.self, 0).initialize(repeating: 0, count: batch * m * n)
      return
    }
    let left = BLASOperand(a, transposed: transposeA)
    let right = BLASOperand(b, transposed: transposeB)
    let splitRows = m >= n || m >= 128
    let extent = splitRows ? m : n
    let blocksPerMatrix = GEMMBlocking.blockCount(work: 2 * m * n * k, extent: extent)
    let units = batch * blocksPerMatrix
    let work = batch * 2 * m * n * k
    let workers = work < 1 << 21 ? 1 : Swift.min(Threading.threadCount, units)
    parallelFor(workers) { worker in
      for unit in share(of: units, worker: worker, workers: workers) {
        let (index, block) = unit.quotientAndRemainder(dividingBy: blocksPerMatrix)
        let (start, count) = GEMMBlocking.block(block, of: blocksPerMatrix, extent: extent)
        var leftData = left.view.pointer(T.self, index * left.view.strides[0])
        var rightData = right.view.pointer(T.self, index * right.view.strides[0])
        var output = y.pointer(T.self, index * m * n)
        if splitRows {
          leftData += start * left.rowStep
          output += start * n
        } else {
          rightData += start * right.columnStep
          output += start
        }
        gemm(
          CblasRowMajor, left.transpose, right.transpose, Int32(splitRows ? count : m),
          Int32(splitRows ? n : count), Int32(k), leftData, left.leadingDimension, rightData,
          right.leadingDimension, output, Int32(n))
      }
    }
  }

  /// One block of a float32 product on oneDNN (row-major, as `cblas_sgemm` is called), when it
  /// is big and wide enough to gain from oneDNN's kernels and oneDNN has one for its layout;
  /// returns whether it ran.
  ///
  /// The primitive depends on the block's shape and layout alone and runs on the calling thread,
  /// so results stay the same whatever the thread count.
  private func oneDNNMatmul(
    _ library: OneDNN, _ transposeA: CBLAS_TRANSPOSE, _ transposeB: CBLAS_TRANSPOSE, _ m: Int,
    _ n: Int, _ k: Int, _ a: UnsafePointer<Float>, _ lda: Int32, _ b: UnsafePointer<Float>,
    _ ldb: Int32, _ y: UnsafeMutablePointer<Float>, _ ldy: Int32
  ) -> Bool {
    guard Swift.min(m, n) >= OneDNNMatMul.minimumSide, 2 * m * n * k >= 1 << 20 else {
      return false
    }
    let (lda, ldb) = (Int(lda), Int(ldb))
    let key = OneDNNMatMul.Key(
      m: m, n: n, k: k, aRowStride: transposeA == CblasTrans ? 1 : lda,
      aColumnStride: transposeA == CblasTrans ? lda : 1,
      bRowStride: transposeB == CblasTrans ? 1 : ldb,
      bColumnStride: transposeB == CblasTrans ? ldb : 1, yRowStride: Int(ldy))
    guard let plan = library.matMul(key) else { return false }
    // At least the pool's smallest pooled size, so the scratch is reused and 64-byte aligned.
    let scratchBytes = Swift.max(plan.scratchpadBytes, 1 << 16)
    let scratch = BufferPool.shared.allocate(byteCount: scratchBytes)
    defer { BufferPool.shared.release(scratch, byteCount: scratchBytes) }
    plan.run(
      UnsafeMutableRawPointer(mutating: a), UnsafeMutableRawPointer(mutating: b),
      into: UnsafeMutableRawPointer(y), scratch: scratch)
    return true
  }

  /// A plain kernel for integer matrices: rows of b are scaled and added into rows of y, which the
  /// compiler vectorizes.
  ///
  /// Arithmetic wraps around.
  private func integerMatmul<T: FixedWidthInteger>(
    _ a: StridedView, _ b: StridedView, _ transposeA: Bool, _ transposeB: Bool, _ y: StridedView,
    _ type: T.Type
  ) {
    let (batch, m, n) = (y.shape[0], y.shape[1], y.shape[2])
    let k = transposeA ? a.shape[1] : a.shape[2]
    let (aRow, aColumn) = transposeA ? (a.strides[2], a.strides[1]) : (a.strides[1], a.strides[2])
    let (bRow, bColumn) = transposeB ? (b.strides[2], b.strides[1]) : (b.strides[1], b.strides[2])
    for index in 0..<batch {
      let output = y.pointer(T.self, index * m * n)
      let left = a.pointer(T.self, index * a.strides[0])
      let right = b.pointer(T.self, index * b.strides[0])
      for i in 0..<m {
        let row = output + i * n
        row.initialize(repeating: 0, count: n)
        for p in 0..<k {
          let scale = left[i * aRow + p * aColumn]
          for j in 0..<n { row[j] &+= scale &* right[p * bRow + j * bColumn] }
        }
      }
    }
  }
}

/// A batch of matrices in a layout that GEMM accepts, copied into one if necessary (the view
/// keeps the copy alive).
private struct BLASOperand {
  let view: StridedView
  let transpose: CBLAS_TRANSPOSE
  let leadingDimension: Int32

  /// The distance in elements between consecutive rows of the matrix as the product reads it.
  var rowStep: Int { transpose == CblasNoTrans ? Int(leadingDimension) : 1 }
  /// The distance in elements between consecutive columns of the matrix as the product reads it.
  var columnStep: Int { transpose == CblasNoTrans ? 1 : Int(leadingDimension) }

  /// Describes `matrices` ([batch, rows, columns]), to be read transposed when `transposed`.
  init(_ matrices: StridedView, transposed: Bool) {
    let (rows, columns) = (matrices.shape[1], matrices.shape[2])
    let (rowStride, columnStride) = (matrices.strides[1], matrices.strides[2])
    if columnStride == 1 && (rowStride >= Swift.max(1, columns) || rows == 1) {
      view = matrices
      transpose = transposed ? CblasTrans : CblasNoTrans
      leadingDimension = Int32(Swift.max(rowStride, columns, 1))
    } else if rowStride == 1 && (columnStride >= Swift.max(1, rows) || columns == 1) {
      view = matrices
      transpose = transposed ? CblasNoTrans : CblasTrans
      leadingDimension = Int32(Swift.max(columnStride, rows, 1))
    } else {
      let dense = Tensor.uninitialized(dtype: matrices.dtype, shape: Shape(matrices.shape))
      CPUDevice.shared.copy(matrices, into: dense.view)
      view = dense.view
      transpose = transposed ? CblasTrans : CblasNoTrans
      leadingDimension = Int32(Swift.max(columns, 1))
    }
  }
}

/// How a matrix product's output is cut into blocks for threads: by its shape alone.
enum GEMMBlocking {
  /// The number of blocks for a product of `work` flops whose split dimension has `extent` rows
  /// or columns: one below about 2 MFLOP (a few hundred microseconds on one core), then 2, 4 or
  /// 8 as the work grows by factors of 32 and 8, at most one per 64 rows.
  static func blockCount(work: Int, extent: Int) -> Int {
    let wanted =
      work < 1 << 21 ? 1 : work < 1 << 26 ? 2 : work < 1 << 29 ? 4 : 8
    return Swift.max(1, Swift.min(wanted, extent / 64))
  }

  /// The first row (or column) and the length of block `index` of `count`: the 64-row groups
  /// are dealt out as evenly as they go, so every edge falls on a multiple of 64.
  static func block(_ index: Int, of count: Int, extent: Int) -> (start: Int, count: Int) {
    let groups = (extent + 63) / 64
    let start = index * groups / count * 64
    let end = Swift.min(extent, (index + 1) * groups / count * 64)
    return (start, end - start)
  }
}
