import CRillKernels

/// A span kernel of one operand: (op, x, x stride, y, count).
typealias UnarySpanKernel<Op, T> = (Op, UnsafePointer<T>?, Int, UnsafeMutablePointer<T>?, Int) ->
  Void
/// A span kernel of two operands: (op, a, a stride, b, b stride, y, count).
typealias BinarySpanKernel<Op, T, R> = (
  Op, UnsafePointer<T>?, Int, UnsafePointer<T>?, Int, UnsafeMutablePointer<R>?, Int
) -> Void

extension CPUDevice {
  func unary(_ function: UnaryFunction, _ x: StridedView, into y: StridedView) {
    let layout = SpanLayout(shape: y.shape, strides: x.strides, y.strides)
    let grain = function.isCostly ? CPUDevice.costlyGrain : CPUDevice.cheapGrain
    func run<T>(_ kernel: UnarySpanKernel<rill_unary_op, T>, _ type: T.Type) {
      let (op, xs) = (function.kernelOp, layout.innerStrides[0])
      layout.forEachSpan(grain: grain) { o, count in
        kernel(op, x.pointer(T.self, o[0]), xs, y.pointer(T.self, o[1]), count)
      }
    }
    switch x.dtype {
    case .float32: run(rill_unary_f32, Float.self)
    case .float64: run(rill_unary_f64, Double.self)
    case .int32: run(rill_unary_i32, Int32.self)
    case .int64: run(rill_unary_i64, Int64.self)
    case .uint8: run(rill_unary_u8, UInt8.self)
    case .bool: run({ _, x, xs, y, count in rill_logical_not(x, xs, y, count) }, Bool.self)
    }
  }

  func binary(_ function: BinaryFunction, _ a: StridedView, _ b: StridedView, into y: StridedView) {
    let grain = function == .pow ? CPUDevice.costlyGrain : CPUDevice.cheapGrain
    switch a.dtype {
    case .float32:
      binarySpans(rill_binary_f32, function.kernelOp, Float.self, a, b, y, grain: grain)
    case .float64:
      binarySpans(rill_binary_f64, function.kernelOp, Double.self, a, b, y, grain: grain)
    case .int32: binarySpans(rill_binary_i32, function.kernelOp, Int32.self, a, b, y, grain: grain)
    case .int64: binarySpans(rill_binary_i64, function.kernelOp, Int64.self, a, b, y, grain: grain)
    case .uint8: binarySpans(rill_binary_u8, function.kernelOp, UInt8.self, a, b, y, grain: grain)
    case .bool: fatalError("\(function.name): bool operands reached the CPU kernel")
    }
  }

  func compare(
    _ function: ComparisonFunction, _ a: StridedView, _ b: StridedView, into y: StridedView
  ) {
    let op = function.kernelOp
    let grain = CPUDevice.cheapGrain
    switch a.dtype {
    case .float32: binarySpans(rill_compare_f32, op, Float.self, a, b, y, grain: grain)
    case .float64: binarySpans(rill_compare_f64, op, Double.self, a, b, y, grain: grain)
    case .int32: binarySpans(rill_compare_i32, op, Int32.self, a, b, y, grain: grain)
    case .int64: binarySpans(rill_compare_i64, op, Int64.self, a, b, y, grain: grain)
    case .uint8: binarySpans(rill_compare_u8, op, UInt8.self, a, b, y, grain: grain)
    case .bool: binarySpans(rill_compare_bool, op, Bool.self, a, b, y, grain: grain)
    }
  }

  /// Runs a two-operand span kernel over a, b and the output y.
  private func binarySpans<Op, T, R>(
    _ kernel: BinarySpanKernel<Op, T, R>, _ op: Op, _ type: T.Type, _ a: StridedView,
    _ b: StridedView, _ y: StridedView, grain: Int
  ) {
    let layout = SpanLayout(shape: y.shape, strides: a.strides, b.strides, y.strides)
    let (sa, sb) = (layout.innerStrides[0], layout.innerStrides[1])
    layout.forEachSpan(grain: grain) { o, count in
      kernel(
        op, a.pointer(T.self, o[0]), sa, b.pointer(T.self, o[1]), sb, y.pointer(R.self, o[2]), count
      )
    }
  }

  func select(_ condition: StridedView, _ a: StridedView, _ b: StridedView, into y: StridedView) {
    let layout = SpanLayout(
      shape: y.shape, strides: condition.strides, a.strides, b.strides, y.strides)
    let width = Int32(y.dtype.byteCount)
    let s = layout.innerStrides
    layout.forEachSpan(grain: CPUDevice.cheapGrain) { o, count in
      rill_select(
        width, condition.pointer(Bool.self, o[0]), s[0], a.address(o[1]), s[1], b.address(o[2]),
        s[2], y.address(o[3]), count)
    }
  }

  func cast(_ x: StridedView, into y: StridedView) {
    let layout = SpanLayout(shape: y.shape, strides: x.strides, y.strides)
    let (from, to) = (x.dtype.kernelType, y.dtype.kernelType)
    let xs = layout.innerStrides[0]
    layout.forEachSpan(grain: CPUDevice.cheapGrain) { o, count in
      rill_cast(from, x.address(o[0]), xs, to, y.address(o[1]), count)
    }
  }

  func copy(_ x: StridedView, into y: StridedView) {
    let layout = SpanLayout(shape: y.shape, strides: x.strides, y.strides)
    let width = Int32(y.dtype.byteCount)
    let (xs, ys) = (layout.innerStrides[0], layout.innerStrides[1])
    layout.forEachSpan(grain: CPUDevice.cheapGrain) { o, count in
      rill_copy(width, x.address(o[0]), xs, y.address(o[1]), ys, count)
    }
  }
}

extension UnaryFunction {
  /// Whether the function costs about as much as an exponential per element, which makes
  /// threads worth it for smaller tensors.
  var isCostly: Bool {
    switch self {
    case .negate, .abs, .sign, .square, .floor, .ceil, .round, .relu, .logicalNot, .sqrt,
      .rsqrt, .reciprocal:
      return false
    default:
      return true
    }
  }

  /// The span kernel's name for the function: the C enumerator of the same raw value.
  var kernelOp: rill_unary_op { kernelEnumerator({ rill_unary_op(rawValue: $0) }, rawValue, name) }
}

extension BinaryFunction {
  /// The span kernel's name for the function: the C enumerator of the same raw value.
  var kernelOp: rill_binary_op {
    kernelEnumerator({ rill_binary_op(rawValue: $0) }, rawValue, name)
  }
}

extension ComparisonFunction {
  /// The span kernel's name for the function: the C enumerator of the same raw value.
  var kernelOp: rill_compare_op {
    kernelEnumerator({ rill_compare_op(rawValue: $0) }, rawValue, name)
  }
}

/// The C enumerator whose value is `rawValue`, the raw value of the Swift case of the function
/// `name`; the two enums agree (`KernelEnumerationTests`), so a miss is a bug in Rill.
private func kernelEnumerator<Enumerator>(
  _ make: (UInt32) -> Enumerator?, _ rawValue: UInt32, _ name: String
) -> Enumerator {
  guard let enumerator = make(rawValue) else {
    fatalError("\(name): the CPU kernels have no function of value \(rawValue)")
  }
  return enumerator
}
