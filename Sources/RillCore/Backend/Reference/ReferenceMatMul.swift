extension ReferenceDevice {
  func matmul(
    _ a: StridedView, _ b: StridedView, transposeA: Bool, transposeB: Bool, into y: StridedView
  ) {
    let k = transposeA ? a.shape[1] : a.shape[2]
    func run<T>(_ type: T.Type, zero: T, multiplyAdd: (T, T, T) -> T) {
      forEachIndex(y.shape) { index in
        let (batch, i, j) = (index[0], index[1], index[2])
        var sum = zero
        for p in 0..<k {
          let left = a.load(T.self, transposeA ? [batch, p, i] : [batch, i, p])
          let right = b.load(T.self, transposeB ? [batch, j, p] : [batch, p, j])
          sum = multiplyAdd(sum, left, right)
        }
        y.store(sum, index)
      }
    }
    switch y.dtype {
    case .float32: run(Float.self, zero: 0) { $0 + $1 * $2 }
    case .float64: run(Double.self, zero: 0) { $0 + $1 * $2 }
    case .int32: run(Int32.self, zero: 0) { $0 &+ $1 &* $2 }
    case .int64: run(Int64.self, zero: 0) { $0 &+ $1 &* $2 }
    case .uint8: run(UInt8.self, zero: 0) { $0 &+ $1 &* $2 }
    case .bool: fatalError("matmul: bool operands")
    }
  }
}
