extension ReferenceDevice {
  func conv2D(
    _ x: StridedView, filter: StridedView, geometry: Convolution2DGeometry, into y: StridedView
  ) {
    func run<T: BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(y.shape) { index in
        let (n, i, j, o) = (index[0], index[1], index[2], index[3])
        var sum: T = 0
        forEachTap(geometry, row: i, column: j) { p, q, row, column in
          for c in 0..<geometry.inputChannels {
            sum += x.load(T.self, [n, row, column, c]) * filter.load(T.self, [p, q, c, o])
          }
        }
        y.store(sum, index)
      }
    }
    switchFloat(y.dtype, "conv2d") { run($0) }
  }

  func conv2DBackpropInput(
    _ g: StridedView, filter: StridedView, geometry: Convolution2DGeometry, into dx: StridedView
  ) {
    // Gathers, for each input cell, the outputs whose windows read it: row = i·sh − top + p·dh
    // gives i = (row + top − p·dh) / sh when that divides exactly and lies in the output.
    func run<T: BinaryFloatingPoint>(_ type: T.Type) {
      let (height, width) = (geometry.height, geometry.width)
      forEachIndex(dx.shape) { index in
        let (n, row, column, c) = (index[0], index[1], index[2], index[3])
        var sum: T = 0
        for p in 0..<height.window {
          guard let i = windowPosition(height, cell: row, tap: p) else { continue }
          for q in 0..<width.window {
            guard let j = windowPosition(width, cell: column, tap: q) else { continue }
            for o in 0..<geometry.outputChannels {
              sum += g.load(T.self, [n, i, j, o]) * filter.load(T.self, [p, q, c, o])
            }
          }
        }
        dx.store(sum, index)
      }
    }
    switchFloat(dx.dtype, "conv2d_backprop_input") { run($0) }
  }

  func conv2DBackpropFilter(
    _ x: StridedView, _ g: StridedView, geometry: Convolution2DGeometry, into dfilter: StridedView
  ) {
    func run<T: BinaryFloatingPoint>(_ type: T.Type) {
      let (height, width) = (geometry.height, geometry.width)
      forEachIndex(dfilter.shape) { index in
        let (p, q, c, o) = (index[0], index[1], index[2], index[3])
        var sum: T = 0
        for n in 0..<geometry.batch {
          for i in 0..<height.output {
            let row = height.inputIndex(window: i, tap: p)
            guard row >= 0 && row < height.input else { continue }
            for j in 0..<width.output {
              let column = width.inputIndex(window: j, tap: q)
              guard column >= 0 && column < width.input else { continue }
              sum += x.load(T.self, [n, row, column, c]) * g.load(T.self, [n, i, j, o])
            }
          }
        }
        dfilter.store(sum, index)
      }
    }
    switchFloat(dfilter.dtype, "conv2d_backprop_filter") { run($0) }
  }
}

/// Calls `body(p, q, row, column)` for each tap (p, q) of window (i, j) that reads a cell inside
/// the input, in row-major order.
func forEachTap(
  _ geometry: Convolution2DGeometry, row i: Int, column j: Int,
  _ body: (Int, Int, Int, Int) -> Void
) {
  let (height, width) = (geometry.height, geometry.width)
  for p in 0..<height.window {
    let row = height.inputIndex(window: i, tap: p)
    guard row >= 0 && row < height.input else { continue }
    for q in 0..<width.window {
      let column = width.inputIndex(window: j, tap: q)
      guard column >= 0 && column < width.input else { continue }
      body(p, q, row, column)
    }
  }
}

/// The window whose tap `tap` reads input cell `cell`, if there is one.
func windowPosition(_ axis: WindowedAxis, cell: Int, tap: Int) -> Int? {
  let offset = cell + axis.padBefore - tap * axis.dilation
  guard offset >= 0, offset % axis.stride == 0, offset / axis.stride < axis.output else {
    return nil
  }
  return offset / axis.stride
}
