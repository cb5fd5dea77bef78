import CRillKernels

extension CPUDevice {
  /// Runs a fused elementwise program: the output's spans are cut into blocks of at most
  /// `block` elements, and each block runs every operation in turn, intermediate values in
  /// per-block buffers.
  ///
  /// - Parameters:
  ///   - program: the chain of operations, over the inputs and earlier results.
  ///   - inputs: the program's inputs, broadcast to the output's shape; at most three of them
  ///     have more than one element.
  ///   - y: the output, dense, of the program's float dtype (the kernels write contiguously).
  func fusedElementwise(_ program: FusedElementwise, _ inputs: [StridedView], into y: StridedView) {
    switch y.dtype {
    case .float32:
      runFused(program, inputs, y, Float.self, unary: rill_unary_f32, binary: rill_binary_f32)
    case .float64:
      runFused(program, inputs, y, Double.self, unary: rill_unary_f64, binary: rill_binary_f64)
    default: fatalError("fused elementwise: dtype \(y.dtype) is not a float dtype")
    }
  }

  /// Elements per block: small enough that a few blocks stay in the L1 cache.
  private static let block = 1024

  private func runFused<T>(
    _ program: FusedElementwise, _ inputs: [StridedView], _ y: StridedView, _ type: T.Type,
    unary: UnarySpanKernel<rill_unary_op, T>, binary: BinarySpanKernel<rill_binary_op, T, T>
  ) {
    // Inputs broadcast from one element are read with stride 0 and take no lane of the layout.
    // So do inputs that repeat with a short period along a dense output (a bias broadcast over
    // the channels): they are read from a tiled copy, so that the spans run the whole output
    // rather than one period (one pixel's channels) each.
    let periods = inputs.map { y.isContiguous ? $0.repeatingPeriod : nil }
    let tiled = inputs.indices.map { index in
      periods[index].map { period in tile(inputs[index], period: period, T.self) }
    }
    defer { for tile in tiled { tile?.deallocate() } }
    let lanes = inputs.indices.filter {
      periods[$0] == nil && !inputs[$0].strides.allSatisfy { $0 == 0 }
    }
    require(lanes.count <= 3, "fused elementwise: more than three full-size inputs")
    let layout = SpanLayout(shape: y.shape, strides: lanes.map { inputs[$0].strides } + [y.strides])
    // Each input's lane of the layout, or -1.
    let lane = inputs.indices.map { lanes.firstIndex(of: $0) ?? -1 }
    let outputLane = lanes.count
    let temporaries = program.operations.count - 1
    let grain = program.isCostly ? CPUDevice.costlyGrain : CPUDevice.cheapGrain

    // Each worker's temporaries: one block per operation but the last, which writes `y`.
    let scratchPerWorker = Swift.max(1, temporaries) * CPUDevice.block
    let workers = Swift.max(1, Threading.threadCount)
    let scratchMemory = UnsafeMutablePointer<T>.allocate(capacity: scratchPerWorker * workers)
    defer { scratchMemory.deallocate() }

    layout.forEachSpan(grain: grain, workers: workers) { worker, offsets, count in
      let scratch = scratchMemory + worker * scratchPerWorker
      var start = 0
      while start < count {
        let length = Swift.min(CPUDevice.block, count - start)
        func operand(_ operand: FusedElementwise.Operand) -> (UnsafePointer<T>, Int) {
          switch operand {
          case .input(let index):
            if let period = periods[index], let tile = tiled[index] {
              return (UnsafePointer(tile + (offsets[outputLane] + start) % period), 1)
            }
            let position = lane[index]
            if position < 0 { return (UnsafePointer(inputs[index].pointer(T.self, 0)), 0) }
            let stride = layout.innerStrides[position]
            return (
              UnsafePointer(inputs[index].pointer(T.self, offsets[position] + start * stride)),
              stride
            )
          case .temporary(let index):
            return (UnsafePointer(scratch + index * CPUDevice.block), 1)
          }
        }
        for (index, operation) in program.operations.enumerated() {
          let target =
            index == temporaries
            ? y.pointer(T.self, offsets[outputLane] + start)
            : scratch + index * CPUDevice.block
          switch operation {
          case .unary(let function, let x):
            let (pointer, stride) = operand(x)
            unary(function.kernelOp, pointer, stride, target, length)
          case .binary(let function, let a, let b):
            let (pa, sa) = operand(a)
            let (pb, sb) = operand(b)
            binary(function.kernelOp, pa, sa, pb, sb, target, length)
          }
        }
        start += length
      }
    }
  }

  /// The first `period + block` elements of a dense output's worth of `x`, which repeats every
  /// `period` elements: any block of the output starting at flat index i reads x's values from
  /// element i % period of the tile on.
  private func tile<T>(_ x: StridedView, period: Int, _ type: T.Type) -> UnsafeMutablePointer<T> {
    let length = period + CPUDevice.block
    let tile = UnsafeMutablePointer<T>.allocate(capacity: length)
    let trailing = Array(x.strides.suffix(from: x.strides.count - x.repeatingRank))
    let shape = Array(x.shape.suffix(from: x.shape.count - x.repeatingRank))
    let source = StridedView(
      data: x.data, dtype: x.dtype, shape: shape, strides: trailing, owner: x.owner)
    copy(
      source,
      into: StridedView(
        data: UnsafeMutableRawPointer(tile), dtype: x.dtype, shape: shape,
        strides: Shape(shape).contiguousStrides))
    for index in period..<length { tile[index] = tile[index - period] }
    return tile
  }
}

extension StridedView {
  /// How many trailing dimensions lie dense, past leading dimensions of stride 0.
  fileprivate var repeatingRank: Int {
    var rank = 0
    var expected = 1
    for axis in shape.indices.reversed() {
      guard shape[axis] == 1 || strides[axis] == expected else { break }
      expected *= shape[axis]
      rank += 1
    }
    return rank
  }

  /// The number of elements after which the view, read row-major, repeats, when it is dense
  /// along trailing dimensions and broadcast (stride 0) along the others, and the period is
  /// more than one element and short enough to tile; otherwise `nil`.
  fileprivate var repeatingPeriod: Int? {
    let rank = repeatingRank
    let leading = shape.count - rank
    guard (0..<leading).allSatisfy({ shape[$0] == 1 || strides[$0] == 0 }) else { return nil }
    let period = shape.suffix(from: leading).reduce(1, *)
    guard period > 1, period < scalarCount, period <= 1 << 14 else { return nil }
    return period
  }
}
