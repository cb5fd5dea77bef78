import RealModule

extension ReferenceDevice {
  func unary(_ function: UnaryFunction, _ x: StridedView, into y: StridedView) {
    func float<T: Real & BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(y.shape) { y.store(function.evaluate(x.load(T.self, $0)), $0) }
    }
    func integer<T: FixedWidthInteger>(_ type: T.Type) {
      forEachIndex(y.shape) { y.store(function.evaluate(x.load(T.self, $0)), $0) }
    }
    switchNumeric(
      x.dtype, function.name, float: { float($0) }, integer: { integer($0) },
      bool: { forEachIndex(y.shape) { y.store(!x.load(Bool.self, $0), $0) } })
  }

  func binary(_ function: BinaryFunction, _ a: StridedView, _ b: StridedView, into y: StridedView) {
    func float<T: Real & BinaryFloatingPoint>(_ type: T.Type) {
      forEachIndex(y.shape) {
        y.store(function.evaluate(a.load(T.self, $0), b.load(T.self, $0)), $0)
      }
    }
    func integer<T: FixedWidthInteger>(_ type: T.Type) {
      forEachIndex(y.shape) {
        y.store(function.evaluate(a.load(T.self, $0), b.load(T.self, $0)), $0)
      }
    }
    switchNumeric(a.dtype, function.name, float: { float($0) }, integer: { integer($0) })
  }

  func compare(
    _ function: ComparisonFunction, _ a: StridedView, _ b: StridedView, into y: StridedView
  ) {
    func run<T: Comparable>(_ type: T.Type) {
      forEachIndex(y.shape) {
        y.store(function.evaluate(a.load(T.self, $0), b.load(T.self, $0)), $0)
      }
    }
    switchNumeric(
      a.dtype, function.name, float: { run($0) }, integer: { run($0) },
      bool: {
        forEachIndex(y.shape) {
          y.store(function.evaluate(a.load(Bool.self, $0), b.load(Bool.self, $0)), $0)
        }
      })
  }

  func select(_ condition: StridedView, _ a: StridedView, _ b: StridedView, into y: StridedView) {
    func run<T>(_ type: T.Type) {
      forEachIndex(y.shape) {
        y.store(condition.load(Bool.self, $0) ? a.load(T.self, $0) : b.load(T.self, $0), $0)
      }
    }
    switch y.dtype.byteCount {
    case 1: run(UInt8.self)
    case 4: run(UInt32.self)
    default: run(UInt64.self)
    }
  }

  func cast(_ x: StridedView, into y: StridedView) {
    forEachIndex(y.shape) { index in
      switch x.dtype {
      case .float32: y.storeConverted(floatingPoint: Double(x.load(Float.self, index)), index)
      case .float64: y.storeConverted(floatingPoint: x.load(Double.self, index), index)
      case .int32: y.storeConverted(integer: Int64(x.load(Int32.self, index)), index)
      case .int64: y.storeConverted(integer: x.load(Int64.self, index), index)
      case .uint8: y.storeConverted(integer: Int64(x.load(UInt8.self, index)), index)
      case .bool: y.storeConverted(integer: x.load(Bool.self, index) ? 1 : 0, index)
      }
    }
  }

  func copy(_ x: StridedView, into y: StridedView) {
    func run<T>(_ type: T.Type) {
      forEachIndex(y.shape) { y.store(x.load(T.self, $0), $0) }
    }
    switch y.dtype.byteCount {
    case 1: run(UInt8.self)
    case 4: run(UInt32.self)
    default: run(UInt64.self)
    }
  }
}

extension StridedView {
  /// Stores a float converted to this view's dtype: truncation toward zero saturating at the
  /// integer range, NaN as 0, nonzero as true.
  func storeConverted(floatingPoint value: Double, _ index: [Int]) {
    func saturated<T: FixedWidthInteger>(_ type: T.Type) -> T {
      if value.isNaN { return 0 }
      if value >= Double(T.max) { return T.max }
      if value <= Double(T.min) { return T.min }
      return T(value.rounded(.towardZero))
    }
    switch dtype {
    case .float32: store(Float(value), index)
    case .float64: store(value, index)
    case .int32: store(saturated(Int32.self), index)
    case .int64: store(saturated(Int64.self), index)
    case .uint8: store(saturated(UInt8.self), index)
    case .bool: store(value != 0, index)
    }
  }

  /// Stores an integer converted to this view's dtype, keeping the low bits when narrowing.
  func storeConverted(integer value: Int64, _ index: [Int]) {
    switch dtype {
    case .float32: store(Float(value), index)
    case .float64: store(Double(value), index)
    case .int32: store(Int32(truncatingIfNeeded: value), index)
    case .int64: store(value, index)
    case .uint8: store(UInt8(truncatingIfNeeded: value), index)
    case .bool: store(value != 0, index)
    }
  }
}
