// Convolutions on the CPU. float32 runs on oneDNN's JIT kernels; float64, and any geometry
// oneDNN has no kernel for, runs as im2col + GEMM on OpenBLAS (CPUConvolutionGEMM.swift).
//
// Why oneDNN: on the tutorial CNN's layers (batch 128, 5×5 filters, SAME; 2 cores with
// AVX-512), oneDNN with NHWC activations and its own filter layout ran the 32 → 64-channel
// layer at 430–480 GFLOP/s (forward, input and filter gradients; best of 7) against 270–280 for
// im2col + OpenBLAS sgemm, and the 1 → 32-channel layer at 210–235 against 33–35 (forward and
// filter gradient). oneDNN on plain HWIO filters falls back to its own GEMM at 80–200 GFLOP/s.
//
// Both paths cut the batch into chunks of whole images whose size depends only on the geometry
// (`BatchChunks`), run each chunk single-threaded on one of Rill's threads, and sum the chunks'
// filter gradients in chunk order, so results are bit-identical for any thread count.

extension CPUDevice {
  func conv2D(
    _ x: StridedView, filter: StridedView, geometry: Convolution2DGeometry, into y: StridedView
  ) {
    convolve(.forward, geometry, x, filter, into: y)
  }

  func conv2DBackpropInput(
    _ g: StridedView, filter: StridedView, geometry: Convolution2DGeometry, into dx: StridedView
  ) {
    convolve(.backwardInput, geometry, g, filter, into: dx)
  }

  func conv2DBackpropFilter(
    _ x: StridedView, _ g: StridedView, geometry: Convolution2DGeometry, into dfilter: StridedView
  ) {
    convolve(.backwardFilter, geometry, x, g, into: dfilter)
  }

  /// Runs one direction of a convolution (see ``OneDNNConvolution/run(_:_:into:scratch:)`` for
  /// the roles of a, b and c) on dense copies of non-contiguous operands.
  private func convolve(
    _ direction: ConvolutionDirection, _ geometry: Convolution2DGeometry, _ a: StridedView,
    _ b: StridedView, into c: StridedView
  ) {
    let (a, b) = (a.densified(), b.densified())
    // oneDNN's input gradient for one or two input channels (a first layer's) ran at 26 and
    // 53 GFLOP/s against 46 and 61 for im2col + GEMM (batch 128, 28 × 28, 5 × 5, 32 filters).
    let fewInputChannels = direction == .backwardInput && geometry.inputChannels <= 2
    if c.dtype == .float32, !fewInputChannels,
      oneDNNConvolve(direction, geometry, a.data, b.data, into: c.data)
    {
      return
    }
    gemmConvolve(direction, geometry, a, b, into: c)
  }

  /// Runs a float32 convolution on oneDNN; false when oneDNN has no kernel for the geometry.
  func oneDNNConvolve(
    _ direction: ConvolutionDirection, _ geometry: Convolution2DGeometry,
    _ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, into c: UnsafeMutableRawPointer
  ) -> Bool {
    guard let library = OneDNN.shared else { return false }
    let filterElements =
      geometry.height.window * geometry.width.window * geometry.inputChannels
      * geometry.outputChannels
    let chunks = BatchChunks(geometry, filterBytes: filterElements * 4)
    var found: [Int: OneDNNConvolution] = [:]
    for size in chunks.sizes {
      var chunkGeometry = geometry
      chunkGeometry.batch = size
      guard let plan = library.convolution(direction, chunkGeometry) else { return false }
      found[size] = plan
    }
    let plans = found
    let imageBytes = 4 * geometry.height.input * geometry.width.input * geometry.inputChannels
    let resultBytes = 4 * geometry.height.output * geometry.width.output * geometry.outputChannels
    // A thread's scratch: the primitive's scratchpad, then (for a filter gradient converted
    // chunk by chunk) the gradient in the primitive's layout, at a 64-byte boundary.
    func scratchpadEnd(_ plan: OneDNNConvolution) -> Int { (plan.scratchpadBytes + 63) / 64 * 64 }
    let scratchBytes =
      plans.values.map {
        scratchpadEnd($0)
          + (direction == .backwardFilter && $0.needsFilterReorder ? $0.filterBytes : 0)
      }.max() ?? 0

    switch direction {
    case .forward, .backwardInput:
      // The filter, converted once per primitive into the layout it reads.
      var converted: [Int: UnsafeMutableRawPointer] = [:]
      var buffers: [UnsafeMutableRawPointer] = []
      defer { for buffer in buffers { buffer.deallocate() } }
      for (size, plan) in plans {
        guard plan.needsFilterReorder else {
          converted[size] = b
          continue
        }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: plan.filterBytes, alignment: 64)
        buffers.append(buffer)
        plan.reorderFilter(from: b, to: buffer)
        converted[size] = buffer
      }
      let filters = converted
      let (inBytes, outBytes) =
        direction == .forward ? (imageBytes, resultBytes) : (resultBytes, imageBytes)
      chunks.run(scratchBytes: scratchBytes) { _, images, scratch in
        guard let plan = plans[images.count], let filter = filters[images.count] else { return }
        plan.run(
          a + images.lowerBound * inBytes, filter, into: c + images.lowerBound * outBytes,
          scratch: scratch)
      }
    case .backwardFilter:
      // Each chunk's gradient goes to its own slot, and the slots are summed in chunk order.
      // When every chunk's primitive uses one filter layout, the slots stay in it and the sum is
      // converted to HWIO once; otherwise each slot is converted as it is written.
      guard let first = plans.values.first else { return false }
      let shared = plans.values.allSatisfy { $0.hasSameFilterLayout(as: first) }
      let slotBytes = shared ? first.filterBytes : filterElements * 4
      let slots = UnsafeMutableRawPointer.allocate(
        byteCount: chunks.count * slotBytes, alignment: 64)
      defer { slots.deallocate() }
      chunks.run(scratchBytes: scratchBytes) { chunk, images, scratch in
        guard let plan = plans[images.count] else { return }
        let slot = slots + chunk * slotBytes
        let x = a + images.lowerBound * imageBytes
        let g = b + images.lowerBound * resultBytes
        if shared || !plan.needsFilterReorder {
          plan.run(x, g, into: slot, scratch: scratch)
        } else {
          let blocked = scratch + scratchpadEnd(plan)
          plan.run(x, g, into: blocked, scratch: scratch)
          plan.reorderFilter(from: blocked, to: slot)
        }
      }
      let floats = slots.assumingMemoryBound(to: Float.self)
      if shared && first.needsFilterReorder {
        let total = UnsafeMutableRawPointer.allocate(byteCount: slotBytes, alignment: 64)
        defer { total.deallocate() }
        sumSlots(
          floats, count: chunks.count, length: slotBytes / 4,
          into: total.assumingMemoryBound(to: Float.self))
        first.reorderFilter(from: total, to: c)
      } else {
        sumSlots(
          floats, count: chunks.count, length: filterElements,
          into: c.assumingMemoryBound(to: Float.self))
      }
    }
    return true
  }
}

/// A batch cut into chunks of whole images, by a rule that depends on the geometry alone.
///
/// Chunks hold about a million multiply-adds or more (tens of microseconds), there are at most
/// 16 (enough for 16 threads, and few partial filter gradients to sum), and the partial
/// gradients take at most 64 MiB. Chunk sizes differ by at most one image.
struct BatchChunks {
  let batch: Int
  let count: Int
  /// Whether the work is worth more than one thread.
  let isLarge: Bool

  init(_ geometry: Convolution2DGeometry, filterBytes: Int) {
    let work = geometry.batch * geometry.multiplyAddsPerImage
    batch = geometry.batch
    count = Swift.max(
      1, Swift.min(geometry.batch, 16, work >> 20, (64 << 20) / Swift.max(1, filterBytes)))
    isLarge = work >= 1 << 21
  }

  /// The images of chunk `index`.
  func images(_ index: Int) -> Range<Int> {
    (index * batch / count)..<((index + 1) * batch / count)
  }

  /// The chunk sizes that occur.
  var sizes: Set<Int> { Set((0..<count).map { images($0).count }) }

  /// Calls `body(chunk, images, scratch)` for every chunk, spread over Rill's threads; each thread owns
  /// a scratch buffer of `scratchBytes` bytes (64-byte aligned) for its chunks.
  func run(scratchBytes: Int, _ body: (Int, Range<Int>, UnsafeMutableRawPointer) -> Void) {
    let workers = isLarge ? Swift.min(Threading.threadCount, count) : 1
    parallelFor(workers) { worker in
      let scratch = UnsafeMutableRawPointer.allocate(
        byteCount: Swift.max(scratchBytes, 64), alignment: 64)
      defer { scratch.deallocate() }
      for chunk in share(of: count, worker: worker, workers: workers) {
        body(chunk, images(chunk), scratch)
      }
    }
  }
}

/// target[i] = slot 0 + slot 1 + … (in slot order) for slots of `length` elements stored one
/// after another; threads split the elements, so every sum keeps its order.
func sumSlots<T: BinaryFloatingPoint>(
  _ slots: UnsafeMutablePointer<T>, count: Int, length: Int, into target: UnsafeMutablePointer<T>
) {
  let threads = count * length < 1 << 18 ? 1 : Threading.threadCount
  parallelFor(threads) { worker in
    let range = share(of: length, worker: worker, workers: threads)
    guard !range.isEmpty else { return }
    let out = target + range.lowerBound
    out.update(from: slots + range.lowerBound, count: range.count)
    for slot in 1..<Swift.max(1, count) {
      let source = slots + slot * length + range.lowerBound
      for i in 0..<range.count { out[i] += source[i] }
    }
  }
}

extension StridedView {
  /// The view itself when its elements lie dense and row-major, otherwise a dense copy.
  func densified() -> StridedView {
    if isContiguous { return self }
    let dense = Tensor.uninitialized(dtype: dtype, shape: Shape(shape))
    CPUDevice.shared.copy(self, into: dense.view)
    return dense.view
  }
}
