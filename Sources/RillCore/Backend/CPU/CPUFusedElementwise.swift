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
    // Each input's lane of the layout or -1, and each lane's input; the output takes the last.
    var lane = [Int](repeating: -1, count: inputs.count)
    var laneInputs = SIMD4<Int>(repeating: -1)
    var outputLane = 0
    for index in inputs.indices where !inputs[index].strides.allSatisfy({ $0 == 0 }) {
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
}
