extension ReferenceDevice {
  func maxPool2D(_ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView) {
    func run<T: BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(y.shape) { index in
        let (row, column) = firstMaximum(x, T.self, geometry, index)
        y.store(x.load(T.self, [index[0], row, column, index[3]]), index)
      }
    }
    switchFloat(y.dtype, "max_pool2d") { run($0) }
  }

  func maxPool2DGradient(
    _ g: StridedView, _ x: StridedView, geometry: Pooling2DGeometry, into dx: StridedView
  ) {
    func run<T: BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(dx.shape) { dx.store(T(0), $0) }
      forEachIndex(g.shape) { index in
        let (row, column) = firstMaximum(x, T.self, geometry, index)
        let target = [index[0], row, column, index[3]]
        dx.store(dx.load(T.self, target) + g.load(T.self, index), target)
      }
    }
    switchFloat(dx.dtype, "max_pool_grad") { run($0) }
  }

  func maxPool2DGradientGradient(
    _ h: StridedView, _ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView
  ) {
    func run<T: BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(y.shape) { index in
        let (row, column) = firstMaximum(x, T.self, geometry, index)
        y.store(h.load(T.self, [index[0], row, column, index[3]]), index)
      }
    }
    switchFloat(y.dtype, "max_pool_grad_grad") { run($0) }
  }

  func avgPool2D(_ x: StridedView, geometry: Pooling2DGeometry, into y: StridedView) {
    func run<T: BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(y.shape) { index in
        var sum: T = 0
        let cells = forEachCell(geometry, index) { row, column in
          sum += x.load(T.self, [index[0], row, column, index[3]])
        }
        y.store(sum / T(cells), index)
      }
    }
    switchFloat(y.dtype, "avg_pool2d") { run($0) }
  }

  func avgPool2DGradient(_ g: StridedView, geometry: Pooling2DGeometry, into dx: StridedView) {
    func run<T: BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(dx.shape) { dx.store(T(0), $0) }
      forEachIndex(g.shape) { index in
        let cells = forEachCell(geometry, index) { _, _ in }
        let share = g.load(T.self, index) / T(cells)
        forEachCell(geometry, index) { row, column in
          let target = [index[0], row, column, index[3]]
          dx.store(dx.load(T.self, target) + share, target)
        }
      }
    }
    switchFloat(dx.dtype, "avg_pool_grad") { run($0) }
  }
}

/// Calls `body(row, column)` for each input cell of the window at output `index` (NHWC), in
/// row-major order, and returns how many there were.
@discardableResult
private func forEachCell(
  _ geometry: Pooling2DGeometry, _ index: [Int], _ body: (Int, Int) -> Void
) -> Int {
  var count = 0
  for row in 0..<geometry.height.input {
    guard windowContains(geometry.height, index[1], row) else { continue }
    for column in 0..<geometry.width.input where windowContains(geometry.width, index[2], column) {
      body(row, column)
      count += 1
    }
  }
  return count
}

/// Whether window `position` covers input cell `cell`.
private func windowContains(_ axis: WindowedAxis, _ position: Int, _ cell: Int) -> Bool {
  let start = position * axis.stride - axis.padBefore
  return cell >= start && cell < start + axis.window
}

/// The first cell, in row-major order, holding the largest value of the window at output
/// `index` (a later cell must be strictly larger to win, as in TensorFlow).
private func firstMaximum<T: BinaryFloatingPoint>(
  _ x: StridedView, _ type: T.Type, _ geometry: Pooling2DGeometry, _ index: [Int]
) -> (row: Int, column: Int) {
  var best: (row: Int, column: Int)? = nil
  var largest = -T.infinity
  forEachCell(geometry, index) { row, column in
    let value = x.load(T.self, [index[0], row, column, index[3]])
    if best == nil || value > largest {
      best = (row, column)
      largest = value
    }
  }
  return best ?? (0, 0)
}
