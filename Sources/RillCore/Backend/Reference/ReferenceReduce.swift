extension ReferenceDevice {
  func reduce(_ function: ReduceFunction, _ x: StridedView, axes: [Int], into y: StridedView) {
    let count = axes.map { x.shape[$0] }.reduce(1, *)
    func float<T: BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(y.shape) { yIndex in
        var result = function.identity(T.self)
        forEachReducedIndex(x.shape, axes: axes, from: yIndex) {
          result = function.combine(result, x.load(T.self, $0))
        }
        y.store(function == .mean ? result / T(count) : result, yIndex)
      }
    }
    func integer<T: FixedWidthInteger>(_ type: T.Type) {
      forEachIndex(y.shape) { yIndex in
        var result = function.identity(T.self)
        forEachReducedIndex(x.shape, axes: axes, from: yIndex) {
          result = function.combine(result, x.load(T.self, $0))
        }
        y.store(result, yIndex)
      }
    }
    switchNumeric(x.dtype, function.name, float: { float($0) }, integer: { integer($0) })
  }

  func argReduce(_ function: ArgReduceFunction, _ x: StridedView, axis: Int, into y: StridedView) {
    func run<T: Comparable>(_ type: T.Type) {
      forEachIndex(y.shape) { yIndex in
        var best = 0
        var index = yIndex
        for position in 0..<x.shape[axis] {
          index[axis] = position
          var bestIndex = yIndex
          bestIndex[axis] = best
          if function.prefers(x.load(T.self, index), over: x.load(T.self, bestIndex)) {
            best = position
          }
        }
        y.store(Int64(best), yIndex)
      }
    }
    switchNumeric(x.dtype, function.name, float: { run($0) }, integer: { run($0) })
  }

  func cumulativeSum(
    _ x: StridedView, axis: Int, exclusive: Bool, reverse: Bool, into y: StridedView
  ) {
    var lineShape = y.shape
    let length = lineShape[axis]
    lineShape[axis] = 1
    func run<T>(_ type: T.Type, zero: T, add: @escaping (T, T) -> T) {
      forEachIndex(lineShape) { start in
        var running = zero
        var index = start
        for step in 0..<length {
          index[axis] = reverse ? length - 1 - step : step
          let value = x.load(T.self, index)
          if exclusive {
            y.store(running, index)
            running = add(running, value)
          } else {
            running = add(running, value)
            y.store(running, index)
          }
        }
      }
    }
    switch x.dtype {
    case .float32: run(Float.self, zero: 0, add: +)
    case .float64: run(Double.self, zero: 0, add: +)
    case .int32: run(Int32.self, zero: 0, add: &+)
    case .int64: run(Int64.self, zero: 0, add: &+)
    case .uint8: run(UInt8.self, zero: 0, add: &+)
    case .bool: fatalError("cumsum: bool operands")
    }
  }
}

/// Calls `body` with every input index that reduces into the output index `outputIndex`, in
/// row-major order.
private func forEachReducedIndex(
  _ shape: [Int], axes: [Int], from outputIndex: [Int], _ body: ([Int]) -> Void
) {
  let reducedShape = axes.map { shape[$0] }
  forEachIndex(reducedShape) { reducedIndex in
    var index = outputIndex
    for (axis, position) in zip(axes, reducedIndex) { index[axis] = position }
    body(index)
  }
}
