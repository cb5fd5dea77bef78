import CRillKernels

/// A span reduction kernel: (op, x, stride, count) → value.
typealias ReduceSpanKernel<T> = (rill_reduce_op, UnsafePointer<T>?, Int, Int) -> T
/// A row accumulation kernel: (op, accumulator, x, row offsets, row count, count).
typealias AccumulateKernel<T> = (
  rill_reduce_op, UnsafeMutablePointer<T>?, UnsafePointer<T>?, UnsafePointer<Int>?, Int, Int
) -> Void

extension CPUDevice {
  /// Elements per partial result in long reductions.
  ///
  /// Partial results are combined in order, so the result depends on this constant and the shape,
  /// never on the number of threads.
  static let reductionBlock = 1 << 15

  func reduce(_ function: ReduceFunction, _ x: StridedView, axes: [Int], into y: StridedView) {
    let op = function.kernelOp
    switch x.dtype {
    case .float32: reduce(op, x, axes, y, rill_reduce_f32, rill_accumulate_rows_f32)
    case .float64: reduce(op, x, axes, y, rill_reduce_f64, rill_accumulate_rows_f64)
    case .int32: reduce(op, x, axes, y, rill_reduce_i32, rill_accumulate_rows_i32)
    case .int64: reduce(op, x, axes, y, rill_reduce_i64, rill_accumulate_rows_i64)
    case .uint8: reduce(op, x, axes, y, rill_reduce_u8, rill_accumulate_rows_u8)
    case .bool: fatalError("\(function.name): bool operands reached the CPU kernel")
    }
    if function == .mean {
      let count = axes.map { x.shape[$0] }.reduce(1, *)
      switch y.dtype {
      case .float32: divide(y.pointer(Float.self, 0), count: y.scalarCount, by: Float(count))
      case .float64: divide(y.pointer(Double.self, 0), count: y.scalarCount, by: Double(count))
      default: fatalError("reduce_mean: dtype \(y.dtype) reached the CPU kernel")
      }
    }
  }

  private func divide<T: FloatingPoint>(
    _ values: UnsafeMutablePointer<T>, count: Int, by divisor: T
  ) {
    for index in 0..<count { values[index] /= divisor }
  }

  private func reduce<T>(
    _ op: rill_reduce_op, _ x: StridedView, _ axes: [Int], _ y: StridedView,
    _ span: ReduceSpanKernel<T>, _ accumulate: AccumulateKernel<T>
  ) {
    let count = x.scalarCount
    if axes.count == x.shape.count && count <= CPUDevice.reductionBlock && x.isContiguous {
      // A small dense tensor reduced to one value: one span, and none of the planning below.
      y.pointer(T.self, 0).pointee = span(op, x.pointer(T.self, 0), 1, count)
      return
    }
    let plan = ReductionPlan(x, axes: axes, y)
    if plan.reducedCount == 0 || plan.reduced.isEmpty {
      // Nothing to fold: each output is the identity, or the single element it reduces.
      let identity = span(op, x.pointer(T.self, 0), 1, 0)
      let outputs = y.pointer(T.self, 0)
      let source = StridedView(
        data: x.data, dtype: x.dtype, shape: y.shape, strides: plan.keptSourceStrides,
        owner: x.owner)
      if plan.reducedCount == 0 {
        for index in 0..<y.scalarCount { outputs[index] = identity }
      } else {
        copy(source, into: y)
      }
      return
    }
    if plan.reducesAcrossRows {
      reduceAcrossRows(op, x, plan, y, accumulate, identity: span(op, x.pointer(T.self, 0), 1, 0))
    } else {
      reduceAlongRows(op, x, plan, y, span)
    }
  }

  /// Each output folds a run of elements that lies along the innermost reduced dimension.
  private func reduceAlongRows<T>(
    _ op: rill_reduce_op, _ x: StridedView, _ plan: ReductionPlan, _ y: StridedView,
    _ span: ReduceSpanKernel<T>
  ) {
    let inner = plan.reduced[plan.reduced.count - 1]
    let blocksPerRun = (inner.size + CPUDevice.reductionBlock - 1) / CPUDevice.reductionBlock
    let runOffsets = plan.offsets(of: plan.reduced.dropLast())
    let partialCount = runOffsets.count * blocksPerRun

    // The value of the output whose input starts at `base`, from `partialCount` partial results.
    func fold(base: Int, parallel: Bool) -> T {
      func partial(_ index: Int) -> T {
        let start = (index % blocksPerRun) * CPUDevice.reductionBlock
        let count = Swift.min(CPUDevice.reductionBlock, inner.size - start)
        return span(
          op, x.pointer(T.self, base + runOffsets[index / blocksPerRun] + start * inner.stride),
          inner.stride, count)
      }
      if partialCount == 1 { return partial(0) }
      let partials = UnsafeMutablePointer<T>.allocate(capacity: partialCount)
      defer { partials.deallocate() }
      let workers = parallel ? Swift.min(Threading.threadCount, partialCount) : 1
      parallelFor(workers) { worker in
        for index in share(of: partialCount, worker: worker, workers: workers) {
          partials[index] = partial(index)
        }
      }
      return span(op, partials, 1, partialCount)
    }

    let outputs = SpanLayout(
      shape: y.shape, strides: plan.keptSourceStrides, Shape(y.shape).contiguousStrides)
    if outputs.spanCount * outputs.length == 1 {
      y.pointer(T.self, 0).pointee = fold(
        base: 0, parallel: plan.reducedCount >= 2 * CPUDevice.reductionBlock)
      return
    }
    let grain = Swift.max(1, CPUDevice.cheapGrain / plan.reducedCount)
    let (xs, ys) = (outputs.innerStrides[0], outputs.innerStrides[1])
    outputs.forEachSpan(grain: grain) { o, count in
      let destination = y.pointer(T.self, o[1])
      for index in 0..<count {
        destination[index * ys] = fold(base: o[0] + index * xs, parallel: false)
      }
    }
  }

  /// The innermost kept dimension is contiguous in the input: whole rows of it are folded into
  /// the output row one reduced index at a time, in order.
  ///
  /// Each thread takes a contiguous stretch of every row (the columns are independent, so the
  /// split does not change any result) and walks down the rows, which keeps the reads long and
  /// sequential.
  private func reduceAcrossRows<T>(
    _ op: rill_reduce_op, _ x: StridedView, _ plan: ReductionPlan, _ y: StridedView,
    _ accumulate: AccumulateKernel<T>, identity: T
  ) {
    let rowOffsets = plan.offsets(of: plan.reduced[...])
    let row = plan.kept[plan.kept.count - 1]
    let outerOffsets = plan.offsets(of: plan.kept.dropLast())
    let work = plan.reducedCount * row.size * outerOffsets.count
    let workers = work < 2 * CPUDevice.cheapGrain ? 1 : Threading.threadCount
    // Stretches of whole cache lines, at most 16 KiB of accumulators (they stay in L1).
    let lineElements = Swift.max(1, 64 / MemoryLayout<T>.stride)
    let widest = 16384 / MemoryLayout<T>.stride
    let perWorker = (row.size + workers - 1) / workers
    let columnBlock = Swift.min(
      widest, Swift.max(lineElements, (perWorker + lineElements - 1) / lineElements * lineElements))
    let blocksPerRow = (row.size + columnBlock - 1) / columnBlock
    let units = outerOffsets.count * blocksPerRow
    let threads = Swift.min(workers, units)
    rowOffsets.withUnsafeBufferPointer { offsets in
      parallelFor(threads) { worker in
        for unit in share(of: units, worker: worker, workers: threads) {
          let (source, output) = outerOffsets[unit / blocksPerRow]
          let start = (unit % blocksPerRow) * columnBlock
          let count = Swift.min(columnBlock, row.size - start)
          let destination = y.pointer(T.self, output + start)
          for index in 0..<count { destination[index] = identity }
          accumulate(
            op, destination, x.pointer(T.self, source + start), offsets.baseAddress,
            offsets.count, count)
        }
      }
    }
  }

  func argReduce(_ function: ArgReduceFunction, _ x: StridedView, axis: Int, into y: StridedView) {
    let smallest = function == .argmin
    switch x.dtype {
    case .float32:
      argReduce(x, axis, y) { rill_argextreme_f32(x.pointer(Float.self, $0), $1, $2, smallest) }
    case .float64:
      argReduce(x, axis, y) { rill_argextreme_f64(x.pointer(Double.self, $0), $1, $2, smallest) }
    case .int32:
      argReduce(x, axis, y) { rill_argextreme_i32(x.pointer(Int32.self, $0), $1, $2, smallest) }
    case .int64:
      argReduce(x, axis, y) { rill_argextreme_i64(x.pointer(Int64.self, $0), $1, $2, smallest) }
    case .uint8:
      argReduce(x, axis, y) { rill_argextreme_u8(x.pointer(UInt8.self, $0), $1, $2, smallest) }
    case .bool: fatalError("\(function.name): bool operands reached the CPU kernel")
    }
  }

  /// Calls `search(offset, stride, count)` for each line along `axis`, storing its result.
  private func argReduce(
    _ x: StridedView, _ axis: Int, _ y: StridedView, _ search: (Int, Int, Int) -> Int
  ) {
    let lines = SpanLayout(shape: y.shape, strides: x.strides, y.strides)
    let (xs, ys) = (lines.innerStrides[0], lines.innerStrides[1])
    let grain = Swift.max(1, CPUDevice.cheapGrain / Swift.max(1, x.shape[axis]))
    lines.forEachSpan(grain: grain) { o, count in
      let destination = y.pointer(Int64.self, o[1])
      for index in 0..<count {
        destination[index * ys] = Int64(search(o[0] + index * xs, x.strides[axis], x.shape[axis]))
      }
    }
  }

  func cumulativeSum(
    _ x: StridedView, axis: Int, exclusive: Bool, reverse: Bool, into y: StridedView
  ) {
    var lineShape = y.shape
    let length = lineShape[axis]
    lineShape[axis] = 1
    let lines = SpanLayout(shape: lineShape, strides: x.strides, y.strides)
    let (xs, ys) = (lines.innerStrides[0], lines.innerStrides[1])
    // A reversed line starts at its last element and walks backward.
    let xStep = reverse ? -x.strides[axis] : x.strides[axis]
    let yStep = reverse ? -y.strides[axis] : y.strides[axis]
    let xStart = reverse ? (length - 1) * x.strides[axis] : 0
    let yStart = reverse ? (length - 1) * y.strides[axis] : 0
    func run<T>(
      _ kernel: (UnsafePointer<T>?, Int, UnsafeMutablePointer<T>?, Int, Int, Bool) -> Void,
      _ type: T.Type
    ) {
      lines.forEachSpan(grain: Swift.max(1, CPUDevice.cheapGrain / Swift.max(1, length))) {
        o, count in
        for index in 0..<count {
          kernel(
            x.pointer(T.self, o[0] + index * xs + xStart), xStep,
            y.pointer(T.self, o[1] + index * ys + yStart), yStep, length, exclusive)
        }
      }
    }
    guard length > 0 else { return }
    switch x.dtype {
    case .float32: run(rill_cumsum_f32, Float.self)
    case .float64: run(rill_cumsum_f64, Double.self)
    case .int32: run(rill_cumsum_i32, Int32.self)
    case .int64: run(rill_cumsum_i64, Int64.self)
    case .uint8: run(rill_cumsum_u8, UInt8.self)
    case .bool: fatalError("cumsum: bool operands reached the CPU kernel")
    }
  }
}

/// The dimensions of a reduction, with size-1 dimensions dropped and neighbours merged where the
/// memory layout allows.
struct ReductionPlan {
  /// A kept dimension: its size, input stride and output stride.
  struct Kept {
    var size: Int
    var stride: Int
    var outputStride: Int
  }
  /// A reduced dimension: its size and input stride.
  struct Reduced {
    var size: Int
    var stride: Int
  }

  private(set) var kept: [Kept] = []
  private(set) var reduced: [Reduced] = []
  /// The input's strides with reduced axes zeroed, over the output's shape.
  let keptSourceStrides: [Int]
  /// The number of input elements folded into each output.
  let reducedCount: Int

  init(_ x: StridedView, axes: [Int], _ y: StridedView) {
    let outputStrides = Shape(y.shape).contiguousStrides
    var sourceStrides = x.strides
    var count = 1
    for axis in x.shape.indices {
      let size = x.shape[axis]
      if axes.contains(axis) {
        count *= size
        sourceStrides[axis] = 0
        guard size != 1 else { continue }
        if let last = reduced.last, last.stride == x.strides[axis] * size {
          reduced[reduced.count - 1] = Reduced(size: last.size * size, stride: x.strides[axis])
        } else {
          reduced.append(Reduced(size: size, stride: x.strides[axis]))
        }
      } else {
        guard size != 1 else { continue }
        if let last = kept.last, last.stride == x.strides[axis] * size,
          last.outputStride == outputStrides[axis] * size
        {
          kept[kept.count - 1] = Kept(
            size: last.size * size, stride: x.strides[axis], outputStride: outputStrides[axis])
        } else {
          kept.append(Kept(size: size, stride: x.strides[axis], outputStride: outputStrides[axis]))
        }
      }
    }
    keptSourceStrides = sourceStrides
    reducedCount = count
  }

  /// Whether to fold whole output rows at a time: the innermost kept dimension is contiguous in
  /// the input while the reduced elements of one output are not.
  var reducesAcrossRows: Bool {
    guard let row = kept.last, let inner = reduced.last else { return false }
    return row.stride == 1 && inner.stride != 1
  }

  /// The input offsets of every combination of indices of `dimensions`, in row-major order.
  func offsets(of dimensions: ArraySlice<Reduced>) -> [Int] {
    var offsets = [0]
    for dimension in dimensions {
      offsets = offsets.flatMap { base in (0..<dimension.size).map { base + $0 * dimension.stride }
      }
    }
    return offsets
  }

  /// The (input, output) offsets of every combination of indices of kept `dimensions`.
  func offsets(of dimensions: ArraySlice<Kept>) -> [(Int, Int)] {
    var offsets = [(0, 0)]
    for dimension in dimensions {
      offsets = offsets.flatMap { base in
        (0..<dimension.size).map {
          (base.0 + $0 * dimension.stride, base.1 + $0 * dimension.outputStride)
        }
      }
    }
    return offsets
  }
}

extension ReduceFunction {
  /// The span kernel's name for the reduction.
  var kernelOp: rill_reduce_op {
    switch self {
    case .sum, .mean: return .sum
    case .product: return .product
    case .max: return .max
    case .min: return .min
    }
  }
}
