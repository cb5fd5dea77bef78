/// The loop structure of an elementwise kernel over up to four operands of one shape (inputs
/// first, the output last), reduced to spans along the innermost dimension.
///
/// Dimensions of size 1 are dropped and neighbours that every operand lays out contiguously
/// relative to each other are merged, so a dense tensor becomes one long span whatever its rank,
/// and `[4096, 4096] + [4096]` becomes 4096 spans of 4096 elements.
struct SpanLayout {
  /// The sizes of the dimensions outside the span.
  private(set) var outerShape: [Int] = []
  /// Per outer dimension, each operand's stride in elements.
  private(set) var outerStrides: [SIMD4<Int>] = []
  /// The number of elements in each span.
  private(set) var length = 1
  /// Each operand's stride along the span.
  private(set) var innerStrides = SIMD4<Int>(repeating: 0)

  /// Simplifies the layout of operands with the given strides over `shape`.
  init(shape: [Int], strides: [[Int]]) {
    self.init(shape: shape, operandCount: strides.count) { strides[$0] }
  }

  /// Simplifies the layout of an input with strides `x` and an output with strides `y`.
  init(shape: [Int], strides x: [Int], _ y: [Int]) {
    self.init(shape: shape, operandCount: 2) { $0 == 0 ? x : y }
  }

  /// Simplifies the layout of inputs with strides `a` and `b` and an output with strides `y`.
  init(shape: [Int], strides a: [Int], _ b: [Int], _ y: [Int]) {
    self.init(shape: shape, operandCount: 3) { $0 == 0 ? a : ($0 == 1 ? b : y) }
  }

  /// Simplifies the layout of three inputs with strides `a`, `b`, `c` and an output with strides
  /// `y`.
  init(shape: [Int], strides a: [Int], _ b: [Int], _ c: [Int], _ y: [Int]) {
    self.init(shape: shape, operandCount: 4) { $0 == 0 ? a : ($0 == 1 ? b : ($0 == 2 ? c : y)) }
  }

  /// Simplifies the layout of `operandCount` operands, operand `i` having strides `strides(i)`.
  ///
  /// The strides come from a function rather than an array of arrays, so that the small ops of
  /// an eager step build no array to describe their operands.
  init(shape: [Int], operandCount: Int, strides: (Int) -> [Int]) {
    if let (count, steps) = SpanLayout.singleSpan(
      shape: shape, operandCount: operandCount, strides: strides)
    {
      // Every operand is dense or a repeated scalar: one span (the common case, and the one
      // that small tensors must reach without allocating).
      length = count
      innerStrides = steps
      return
    }
    var dimensions: [(size: Int, strides: SIMD4<Int>)] = []
    for axis in shape.indices where shape[axis] != 1 {
      var lanes = SIMD4<Int>(repeating: 0)
      for operand in 0..<operandCount { lanes[operand] = strides(operand)[axis] }
      if let last = dimensions.last, last.strides == lanes &* shape[axis] {
        dimensions[dimensions.count - 1] = (last.size * shape[axis], lanes)
      } else {
        dimensions.append((shape[axis], lanes))
      }
    }
    if shape.contains(0) {
      length = 0
    } else if let inner = dimensions.popLast() {
      length = inner.size
      innerStrides = inner.strides
      outerShape = dimensions.map(\.size)
      outerStrides = dimensions.map(\.strides)
    }
  }

  /// The element count and each operand's step (1 for dense row-major, 0 for a scalar repeated
  /// through zero strides) when every operand is one of the two, `nil` otherwise.
  ///
  /// Dimensions of size 1 do not count, whatever their stride.
  private static func singleSpan(
    shape: [Int], operandCount: Int, strides: (Int) -> [Int]
  ) -> (Int, SIMD4<Int>)? {
    var count = 1
    for size in shape { count *= size }
    var steps = SIMD4<Int>(repeating: 0)
    for operand in 0..<operandCount {
      let operandStrides = strides(operand)
      var expected = 1
      var dense = true
      var scalar = true
      for axis in shape.indices.reversed() where shape[axis] != 1 {
        if operandStrides[axis] != expected { dense = false }
        if operandStrides[axis] != 0 { scalar = false }
        expected *= shape[axis]
      }
      if !dense && !scalar { return nil }
      steps[operand] = scalar && count > 1 ? 0 : 1
    }
    return (count, steps)
  }

  /// The number of spans.
  var spanCount: Int { outerShape.reduce(1, *) }

  /// Each operand's offset, in elements, of the first element of span `index`.
  func offsets(ofSpan index: Int) -> SIMD4<Int> {
    var remainder = index
    var offsets = SIMD4<Int>(repeating: 0)
    for axis in outerShape.indices.reversed() {
      offsets &+= outerStrides[axis] &* (remainder % outerShape[axis])
      remainder /= outerShape[axis]
    }
    return offsets
  }

  /// Calls `body(offsets, count)` for pieces of the spans that together cover every element once.
  ///
  /// Pieces run concurrently once there are at least two `grain`-sized units of work; `body` must
  /// only touch the elements it is given.
  func forEachSpan(grain: Int, _ body: (SIMD4<Int>, Int) -> Void) {
    forEachSpan(grain: grain) { _, offsets, count in body(offsets, count) }
  }

  /// Calls `body(worker, offsets, count)` for pieces of the spans that together cover every
  /// element once, as the form without workers does, telling each piece which worker runs it:
  /// a number below `workers`, never shared by two pieces running at once, so that `body` can
  /// keep scratch memory per worker.
  ///
  /// `workers` defaults to ``Threading/threadCount``, read only when the work is large enough to
  /// share (reading it takes a lock).
  func forEachSpan(
    grain: Int, workers: Int? = nil, _ body: (Int, SIMD4<Int>, Int) -> Void
  ) {
    if outerShape.isEmpty && length < 2 * grain {
      if length > 0 { body(0, SIMD4(repeating: 0), length) }
      return
    }
    let spans = spanCount
    let total = spans * length
    guard total > 0 else { return }
    let workers = total < 2 * grain ? 1 : workers ?? Threading.threadCount
    if workers <= 1 {
      forEachSpan(in: 0..<spans) { offsets, count in body(0, offsets, count) }
      return
    }
    if length >= grain {
      // Long spans: cut each into pieces of `grain` elements.
      let piecesPerSpan = (length + grain - 1) / grain
      let units = spans * piecesPerSpan
      parallelFor(Swift.min(units, workers)) { worker in
        for unit in share(of: units, worker: worker, workers: Swift.min(units, workers)) {
          let piece = unit % piecesPerSpan
          let start = piece * grain
          body(
            worker, offsets(ofSpan: unit / piecesPerSpan) &+ innerStrides &* start,
            Swift.min(grain, length - start))
        }
      }
    } else {
      // Short spans: give each worker a contiguous run of them.
      let units = Swift.min(workers, (total + grain - 1) / grain)
      parallelFor(units) { worker in
        forEachSpan(in: share(of: spans, worker: worker, workers: units)) { offsets, count in
          body(worker, offsets, count)
        }
      }
    }
  }

  /// Calls `body` for whole spans `range`, walking the outer index like an odometer.
  private func forEachSpan(in range: Range<Int>, _ body: (SIMD4<Int>, Int) -> Void) {
    guard !range.isEmpty else { return }
    var offsets = offsets(ofSpan: range.lowerBound)
    var index = [Int](repeating: 0, count: outerShape.count)
    var remainder = range.lowerBound
    for axis in outerShape.indices.reversed() {
      index[axis] = remainder % outerShape[axis]
      remainder /= outerShape[axis]
    }
    for _ in range {
      body(offsets, length)
      var axis = outerShape.count - 1
      while axis >= 0 {
        index[axis] += 1
        offsets &+= outerStrides[axis]
        if index[axis] < outerShape[axis] { break }
        offsets &-= outerStrides[axis] &* outerShape[axis]
        index[axis] = 0
        axis -= 1
      }
    }
  }
}
