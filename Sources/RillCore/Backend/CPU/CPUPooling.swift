import CRillKernels

// Pooling on the CPU: the C kernels of pooling.c over dense NHWC images, with threads over
// output rows (forward kernels, where outputs never collide) or whole images (the gradients,
// whose overlapping windows scatter into shared cells). Each row or image is computed by one
// call in a fixed order, so results do not depend on the thread count.

extension CPUDevice {
  func maxPool2D(_ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView) {
    let x = x.densified()
    overRows(geometry) { shape, first, count in
      switch y.dtype {
      case .float32:
        rill_max_pool2d_f32(shape, x.pointer(Float.self, 0), y.pointer(Float.self, 0), first, count)
      case .float64:
        rill_max_pool2d_f64(
          shape, x.pointer(Double.self, 0), y.pointer(Double.self, 0), first, count)
      default: fatalError("max_pool2d: dtype \(y.dtype) reached the CPU kernel")
      }
    }
  }

  func avgPool2D(_ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView) {
    let x = x.densified()
    overRows(geometry) { shape, first, count in
      switch y.dtype {
      case .float32:
        rill_avg_pool2d_f32(shape, x.pointer(Float.self, 0), y.pointer(Float.self, 0), first, count)
      case .float64:
        rill_avg_pool2d_f64(
          shape, x.pointer(Double.self, 0), y.pointer(Double.self, 0), first, count)
      default: fatalError("avg_pool2d: dtype \(y.dtype) reached the CPU kernel")
      }
    }
  }

  func maxPool2DGradientGradient(
    _ h: StridedView, _ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView
  ) {
    let (h, x) = (h.densified(), x.densified())
    overRows(geometry) { shape, first, count in
      switch y.dtype {
      case .float32:
        rill_max_pool2d_gather_f32(
          shape, x.pointer(Float.self, 0), h.pointer(Float.self, 0), y.pointer(Float.self, 0),
          first, count)
      case .float64:
        rill_max_pool2d_gather_f64(
          shape, x.pointer(Double.self, 0), h.pointer(Double.self, 0), y.pointer(Double.self, 0),
          first, count)
      default: fatalError("max_pool_grad_grad: dtype \(y.dtype) reached the CPU kernel")
      }
    }
  }

  func maxPool2DGradient(
    _ g: StridedView, _ x: StridedView, geometry: Pooling2DGeometry, into dx: StridedView
  ) {
    let (g, x) = (g.densified(), x.densified())
    overImages(geometry) { shape, first, count in
      switch dx.dtype {
      case .float32:
        rill_max_pool2d_grad_f32(
          shape, x.pointer(Float.self, 0), g.pointer(Float.self, 0), dx.pointer(Float.self, 0),
          first, count)
      case .float64:
        rill_max_pool2d_grad_f64(
          shape, x.pointer(Double.self, 0), g.pointer(Double.self, 0),
          dx.pointer(Double.self, 0), first, count)
      default: fatalError("max_pool_grad: dtype \(dx.dtype) reached the CPU kernel")
      }
    }
  }

  func avgPool2DGradient(_ g: StridedView, geometry: Pooling2DGeometry, into dx: StridedView) {
    let g = g.densified()
    overImages(geometry) { shape, first, count in
      switch dx.dtype {
      case .float32:
        rill_avg_pool2d_grad_f32(
          shape, g.pointer(Float.self, 0), dx.pointer(Float.self, 0), first, count)
      case .float64:
        rill_avg_pool2d_grad_f64(
          shape, g.pointer(Double.self, 0), dx.pointer(Double.self, 0), first, count)
      default: fatalError("avg_pool_grad: dtype \(dx.dtype) reached the CPU kernel")
      }
    }
  }

  /// Calls `body(shape, first, count)` on ranges of the batch's output rows, on several threads
  /// when the pooling reads enough cells to be worth it.
  private func overRows(_ geometry: Pooling2DGeometry, _ body: (Window, Int64, Int64) -> Void) {
    let rows = geometry.batch * geometry.height.output
    split(geometry, units: rows, body)
  }

  /// Calls `body(shape, first, count)` on ranges of the batch's images.
  private func overImages(_ geometry: Pooling2DGeometry, _ body: (Window, Int64, Int64) -> Void) {
    split(geometry, units: geometry.batch, body)
  }

  private func split(
    _ geometry: Pooling2DGeometry, units: Int, _ body: (Window, Int64, Int64) -> Void
  ) {
    let threads =
      geometry.cellsRead < 2 * CPUDevice.cheapGrain ? 1 : Swift.min(Threading.threadCount, units)
    withUnsafePointer(to: geometry.kernelGeometry) { shape in
      parallelFor(threads) { worker in
        let range = share(of: units, worker: worker, workers: threads)
        if !range.isEmpty { body(shape, Int64(range.lowerBound), Int64(range.count)) }
      }
    }
  }
}

/// The geometry argument of the C pooling kernels.
private typealias Window = UnsafePointer<rill_window_geometry>

extension Pooling2DGeometry {
  /// The geometry as the C kernels take it.
  var kernelGeometry: rill_window_geometry {
    rill_window_geometry(
      channels: Int64(channels), height: height.kernelAxis, width: width.kernelAxis)
  }

  /// About how many input cells the pooling reads (window cells over all outputs and channels).
  var cellsRead: Int {
    batch * height.output * width.output * height.window * width.window * channels
  }
}
