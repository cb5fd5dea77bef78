import CBLAS
import CRillKernels

// Convolution as matrix products on single-threaded OpenBLAS: im2col lays out the input cells
// each output position reads as one row of K = taps × input channels columns, so that with the
// HWIO filter viewed as a K × outChannels matrix,
//   y = columns · filter,  d columns = g · filterᵀ (added back by col2im),  dfilter = columnsᵀ · g.
// Positions go in blocks of at most 2^18 column elements per image, so the copy stays in cache.

extension CPUDevice {
  /// Runs one direction of a convolution on dense operands with im2col + GEMM (the roles of a,
  /// b and c are those of ``OneDNNConvolution/run(_:_:into:scratch:)``).
  func gemmConvolve(
    _ direction: ConvolutionDirection, _ geometry: Convolution2DGeometry, _ a: StridedView,
    _ b: StridedView, into c: StridedView
  ) {
    switch c.dtype {
    case .float32:
      gemmConvolution(
        direction, geometry, a.pointer(Float.self, 0), b.pointer(Float.self, 0),
        c.pointer(Float.self, 0))
    case .float64:
      gemmConvolution(
        direction, geometry, a.pointer(Double.self, 0), b.pointer(Double.self, 0),
        c.pointer(Double.self, 0))
    default:
      fatalError("conv2d: dtype \(c.dtype) reached the CPU kernel")
    }
  }
}

private func gemmConvolution<T: GEMMScalar>(
  _ direction: ConvolutionDirection, _ geometry: Convolution2DGeometry,
  _ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>, _ c: UnsafeMutablePointer<T>
) {
  let (height, width) = (geometry.height, geometry.width)
  let (inChannels, outChannels) = (geometry.inputChannels, geometry.outputChannels)
  let taps = height.window * width.window * inChannels
  let positions = height.output * width.output
  let imageSize = height.input * width.input * inChannels
  let block = Swift.max(1, Swift.min(positions, (1 << 18) / taps))
  // Shared read-only by the threads, so a pointer rather than an inout argument.
  let shape = UnsafeMutablePointer<rill_window_geometry>.allocate(capacity: 1)
  shape.initialize(
    to: rill_window_geometry(
      channels: Int64(inChannels), height: height.kernelAxis, width: width.kernelAxis))
  defer { shape.deallocate() }
  let chunks = BatchChunks(geometry, filterBytes: taps * outChannels * MemoryLayout<T>.stride)
  let scratchBytes = block * taps * MemoryLayout<T>.stride

  /// Calls `body(image, first, count)` for every block of positions of every image of a chunk.
  func forEachBlock(_ images: Range<Int>, _ body: (Int, Int, Int) -> Void) {
    for image in images {
      for first in stride(from: 0, to: positions, by: block) {
        body(image, first, Swift.min(block, positions - first))
      }
    }
  }

  switch direction {
  case .forward:
    chunks.run(scratchBytes: scratchBytes) { _, images, scratch in
      let columns = scratch.assumingMemoryBound(to: T.self)
      forEachBlock(images) { image, first, count in
        T.im2col(shape, a + image * imageSize, first, count, columns)
        T.gemm(
          false, false, count, outChannels, taps, columns, taps, b, outChannels, 0,
          c + (image * positions + first) * outChannels, outChannels)
      }
    }
  case .backwardInput:
    chunks.run(scratchBytes: scratchBytes) { _, images, scratch in
      let columns = scratch.assumingMemoryBound(to: T.self)
      (c + images.lowerBound * imageSize).initialize(repeating: 0, count: images.count * imageSize)
      forEachBlock(images) { image, first, count in
        T.gemm(
          false, true, count, taps, outChannels, a + (image * positions + first) * outChannels,
          outChannels, b, outChannels, 0, columns, taps)
        T.col2im(shape, columns, first, count, c + image * imageSize)
      }
    }
  case .backwardFilter:
    let length = taps * outChannels
    let partials =
      chunks.count == 1
      ? nil : UnsafeMutablePointer<T>.allocate(capacity: chunks.count * length)
    defer { partials?.deallocate() }
    let slots = partials ?? c
    chunks.run(scratchBytes: scratchBytes) { chunk, images, scratch in
      let columns = scratch.assumingMemoryBound(to: T.self)
      let slot = slots + chunk * length
      slot.initialize(repeating: 0, count: length)
      forEachBlock(images) { image, first, count in
        T.im2col(shape, a + image * imageSize, first, count, columns)
        T.gemm(
          true, false, taps, outChannels, count, columns, taps,
          b + (image * positions + first) * outChannels, outChannels, 1, slot, outChannels)
      }
    }
    if let partials { sumSlots(partials, count: chunks.count, length: length, into: c) }
  }
}

extension WindowedAxis {
  /// The axis as the C kernels take it.
  var kernelAxis: rill_window_axis {
    rill_window_axis(
      input: Int64(input), output: Int64(output), window: Int64(window), stride: Int64(stride),
      dilation: Int64(dilation), pad_before: Int64(padBefore))
  }
}

/// The element types of the GEMM convolution: their BLAS product and window copies.
private protocol GEMMScalar: BinaryFloatingPoint {
  /// c = a·b + beta·c (row-major, each operand optionally transposed).
  static func gemm(
    _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
    _ a: UnsafePointer<Self>, _ lda: Int, _ b: UnsafePointer<Self>, _ ldb: Int, _ beta: Self,
    _ c: UnsafeMutablePointer<Self>, _ ldc: Int)
  static func im2col(
    _ geometry: UnsafePointer<rill_window_geometry>, _ image: UnsafePointer<Self>, _ first: Int,
    _ count: Int, _ columns: UnsafeMutablePointer<Self>)
  static func col2im(
    _ geometry: UnsafePointer<rill_window_geometry>, _ columns: UnsafePointer<Self>,
    _ first: Int, _ count: Int, _ image: UnsafeMutablePointer<Self>)
}

private func blasTranspose(_ flag: Bool) -> CBLAS_TRANSPOSE { flag ? CblasTrans : CblasNoTrans }

extension Float: GEMMScalar {
  fileprivate static func gemm(
    _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
    _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
    _ c: UnsafeMutablePointer<Float>, _ ldc: Int
  ) {
    OpenBLAS.shared.sgemm(
      CblasRowMajor, blasTranspose(transposeA), blasTranspose(transposeB), Int32(m), Int32(n),
      Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  fileprivate static func im2col(
    _ geometry: UnsafePointer<rill_window_geometry>, _ image: UnsafePointer<Float>, _ first: Int,
    _ count: Int, _ columns: UnsafeMutablePointer<Float>
  ) {
    rill_im2col_f32(geometry, image, Int64(first), Int64(count), columns)
  }

  fileprivate static func col2im(
    _ geometry: UnsafePointer<rill_window_geometry>, _ columns: UnsafePointer<Float>,
    _ first: Int, _ count: Int, _ image: UnsafeMutablePointer<Float>
  ) {
    rill_col2im_f32(geometry, columns, Int64(first), Int64(count), image)
  }
}

extension Double: GEMMScalar {
  fileprivate static func gemm(
    _ transposeA: Bool, _ transposeB: Bool, _ m: Int, _ n: Int, _ k: Int,
    _ a: UnsafePointer<Double>, _ lda: Int, _ b: UnsafePointer<Double>, _ ldb: Int,
    _ beta: Double, _ c: UnsafeMutablePointer<Double>, _ ldc: Int
  ) {
    OpenBLAS.shared.dgemm(
      CblasRowMajor, blasTranspose(transposeA), blasTranspose(transposeB), Int32(m), Int32(n),
      Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  fileprivate static func im2col(
    _ geometry: UnsafePointer<rill_window_geometry>, _ image: UnsafePointer<Double>, _ first: Int,
    _ count: Int, _ columns: UnsafeMutablePointer<Double>
  ) {
    rill_im2col_f64(geometry, image, Int64(first), Int64(count), columns)
  }

  fileprivate static func col2im(
    _ geometry: UnsafePointer<rill_window_geometry>, _ columns: UnsafePointer<Double>,
    _ first: Int, _ count: Int, _ image: UnsafeMutablePointer<Double>
  ) {
    rill_col2im_f64(geometry, columns, Int64(first), Int64(count), image)
  }
}
