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
    // So, in work big enough to matter, do inputs that repeat with a short period along a dense
    // output (a bias broadcast over the channels): they are read from a tiled copy, so that the
    // spans run the whole output rather than one period (one pixel's channels) each.
    // Each input's lane of the layout, -1 (one element) or -2 (tiled), and each lane's input;
    // the output takes the last lane.
    var lane = [Int](repeating: -1, count: inputs.count)
    var tiles: [(pointer: UnsafeMutablePointer<T>, period: Int)?] = []
    defer { for tile in tiles { tile?.pointer.deallocate() } }
    if y.isContiguous && y.scalarCount >= CPUDevice.block {
      tiles = inputs.map { x in x.repeatingPeriod.map { (tile(x, period: $0, T.self), $0) } }
    }
    var laneInputs = SIMD4<Int>(repeating: -1)
    var outputLane = 0
    for index in inputs.indices where !inputs[index].strides.allSatisfy({ $0 == 0 }) {
      if !tiles.isEmpty, tiles[index] != nil {
        lane[index] = -2
        continue
      }
      require(outputLane < 3, "fused elementwise: more than three full-size inputs")
      lane[index] = outputLane
      laneInputs[outputLane] = index
      outputLane += 1
    }
    let layout = SpanLayout(shape: y.shape, operandCount: outputLane + 1) {
      $0 == outputLane ? y.strides : inputs[laneInputs[$0]].strides
    }
    let innerStrides = layout.innerStrides
    let temporaries = program.operations.count - 1
    let grain = program.isCostly ? CPUDevice.costlyGrain : CPUDevice.cheapGrain

    // Each worker's temporaries: one block per operation but the last, which writes `y`. No
    // piece of a span is longer than the span, so small tensors need small blocks, which then
    // live on the stack; only work big enough to share takes more than one worker's scratch.
    let blockLength = Swift.max(1, Swift.min(CPUDevice.block, layout.length))
    let scratchPerWorker = Swift.max(1, temporaries) * blockLength
    let workers =
      layout.spanCount * layout.length < 2 * grain ? 1 : Swift.max(1, Threading.threadCount)
    withUnsafeTemporaryAllocation(of: T.self, capacity: scratchPerWorker * workers) { memory in
      guard let scratchMemory = memory.baseAddress else { return }
      layout.forEachSpan(grain: grain, workers: workers) { worker, offsets, count in
        let scratch = scratchMemory + worker * scratchPerWorker
        var start = 0
        while start < count {
          let length = Swift.min(blockLength, count - start)
          func operand(_ operand: FusedElementwise.Operand) -> (UnsafePointer<T>, Int) {
            switch operand {
            case .input(let index):
              let position = lane[index]
              if position == -2, let (tile, period) = tiles[index] {
                return (UnsafePointer(tile + (offsets[outputLane] + start) % period), 1)
              }
              if position < 0 { return (UnsafePointer(inputs[index].pointer(T.self, 0)), 0) }
              let stride = innerStrides[position]
              return (
                UnsafePointer(inputs[index].pointer(T.self, offsets[position] + start * stride)),
                stride
              )
            case .temporary(let index):
              return (UnsafePointer(scratch + index * blockLength), 1)
            }
          }
          for (index, operation) in program.operations.enumerated() {
            let target =
              index == temporaries
              ? y.pointer(T.self, offsets[outputLane] + start)
              : scratch + index * blockLength
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
