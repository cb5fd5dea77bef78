extension ReferenceDevice {
  func gather(_ x: StridedView, indices: [Int], into y: StridedView) {
    for o in 0..<y.shape[0] {
      for (i, index) in indices.enumerated() {
        for j in 0..<y.shape[2] {
          let source = x.address(x.offset(of: [o, index, j]))
          let target = y.address(y.offset(of: [o, i, j]))
          target.copyMemory(from: source, byteCount: y.dtype.byteCount)
        }
      }
    }
  }

  func scatterAdd(_ x: StridedView, indices: [Int], into y: StridedView) {
    func run<T>(_ type: T.Type, zero: T, add: (T, T) -> T) {
      forEachIndex(y.shape) { y.store(zero, $0) }
      for o in 0..<x.shape[0] {
        for (i, index) in indices.enumerated() {
          for j in 0..<x.shape[2] {
            y.store(add(y.load(T.self, [o, index, j]), x.load(T.self, [o, i, j])), [o, index, j])
          }
        }
      }
    }
    switch y.dtype {
    case .float32: run(Float.self, zero: 0, add: +)
    case .float64: run(Double.self, zero: 0, add: +)
    case .int32: run(Int32.self, zero: 0, add: &+)
    case .int64: run(Int64.self, zero: 0, add: &+)
    case .uint8: run(UInt8.self, zero: 0, add: &+)
    case .bool: fatalError("scatter_add: bool operands")
    }
  }

  func random(_ distribution: RandomDistribution, key: RandomKey, into y: StridedView) {
    let wide = y.dtype == .float64
    var position = 0
    forEachIndex(y.shape) { index in
      let value = distribution.sample(key: key, index: position, wide: wide)
      if wide { y.store(value, index) } else { y.store(Float(value), index) }
      position += 1
    }
  }
}
