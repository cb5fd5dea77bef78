import CRillKernels

extension CPUDevice {
  func gather(_ x: StridedView, indices: [Int], into y: StridedView) {
    let (outer, inner) = (x.shape[0], x.shape[2])
    let width = x.dtype.byteCount
    let rows = outer * indices.count
    let threads = rows * inner < 2 * CPUDevice.cheapGrain ? 1 : Threading.threadCount
    parallelFor(threads) { worker in
      for row in share(of: rows, worker: worker, workers: threads) {
        let (o, i) = row.quotientAndRemainder(dividingBy: indices.count)
        let source = x.address(o * x.strides[0] + indices[i] * x.strides[1])
        rill_copy(Int32(width), source, x.strides[2], y.address(row * inner), 1, inner)
      }
    }
  }

  func scatterAdd(_ x: StridedView, indices: [Int], into y: StridedView) {
    let (outer, inner) = (x.shape[0], x.shape[2])
    let size = y.shape[1]
    let zero = Tensor.scalar(0, dtype: y.dtype)
    copy(zero.view(broadcastTo: Shape(y.shape)), into: y)
    // Updates are added in index order, so repeated indices sum deterministically; threads
    // split the inner dimension, where updates never collide.
    func run<T>(_ kernel: BinarySpanKernel<rill_binary_op, T, T>, _ type: T.Type) {
      let threads =
        outer * indices.count * inner < 2 * CPUDevice.cheapGrain
        ? 1 : Swift.min(Threading.threadCount, inner)
      parallelFor(threads) { worker in
        let columns = share(of: inner, worker: worker, workers: threads)
        for o in 0..<outer {
          for (i, index) in indices.enumerated() {
            let target = y.pointer(T.self, (o * size + index) * inner + columns.lowerBound)
            let update = x.pointer(
              T.self, o * x.strides[0] + i * x.strides[1] + columns.lowerBound * x.strides[2])
            kernel(.add, target, 1, update, x.strides[2], target, columns.count)
          }
        }
      }
    }
    switch y.dtype {
    case .float32: run(rill_binary_f32, Float.self)
    case .float64: run(rill_binary_f64, Double.self)
    case .int32: run(rill_binary_i32, Int32.self)
    case .int64: run(rill_binary_i64, Int64.self)
    case .uint8: run(rill_binary_u8, UInt8.self)
    case .bool: fatalError("scatter_add: bool operands reached the CPU kernel")
    }
  }

  func random(_ distribution: RandomDistribution, key: RandomKey, into y: StridedView) {
    let count = y.scalarCount
    let wide = y.dtype == .float64
    let block = 4096
    let blocks = (count + block - 1) / block
    let threads = count < 2 * CPUDevice.costlyGrain ? 1 : Swift.min(Threading.threadCount, blocks)
    func fill<T: BinaryFloatingPoint>(_ type: T.Type) {
      let output = y.pointer(T.self, 0)
      parallelFor(threads) { worker in
        for blockIndex in share(of: blocks, worker: worker, workers: threads) {
          let range = (blockIndex * block)..<Swift.min(count, (blockIndex + 1) * block)
          distribution.fill(key: key, range: range, wide: wide) { output[$0] = T($1) }
        }
      }
    }
    switch y.dtype {
    case .float32: fill(Float.self)
    case .float64: fill(Double.self)
    default: fatalError("\(distribution.name): dtype \(y.dtype) reached the CPU kernel")
    }
  }
}
