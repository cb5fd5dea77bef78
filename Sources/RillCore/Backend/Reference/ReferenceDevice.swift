import RealModule

/// The plain device: every kernel is a direct loop over multi-indices that applies the primitive's
/// own definition (`evaluate`, `combine`, `sample`) one element at a time, in the element type.
///
/// Tests run it against ``CPUDevice`` on random shapes and layouts; nothing else uses it.
final class ReferenceDevice: HostKernels, @unchecked Sendable {
  /// The one reference device.
  static let shared = ReferenceDevice()
}

extension StridedView {
  /// The element at `index` (one position per dimension).
  func load<T>(_ type: T.Type, _ index: [Int]) -> T {
    pointer(T.self, offset(of: index)).pointee
  }

  /// Writes the element at `index`.
  func store<T>(_ value: T, _ index: [Int]) {
    pointer(T.self, offset(of: index)).pointee = value
  }

  /// The offset in elements of `index`.
  func offset(of index: [Int]) -> Int {
    var offset = 0
    for axis in index.indices { offset += index[axis] * strides[axis] }
    return offset
  }
}

/// Calls `body` with every multi-index of `shape`, in row-major order.
func forEachIndex(_ shape: [Int], _ body: ([Int]) -> Void) {
  guard !shape.contains(0) else { return }
  var index = [Int](repeating: 0, count: shape.count)
  while true {
    body(index)
    var axis = shape.count - 1
    while axis >= 0 {
      index[axis] += 1
      if index[axis] < shape[axis] { break }
      index[axis] = 0
      axis -= 1
    }
    if axis < 0 { return }
  }
}

/// Runs `body` with the Swift type of a floating-point dtype.
func switchFloat(
  _ dtype: DType, _ op: String, _ body: (any BinaryFloatingPoint.Type) -> Void
) {
  switch dtype {
  case .float32: body(Float.self)
  case .float64: body(Double.self)
  default: fatalError("\(op): dtype \(dtype) reached the kernel")
  }
}

/// Runs `float` with the Swift type of a floating-point dtype or `integer` with that of an
/// integer dtype; a bool dtype runs `bool`, or traps naming `op` when there is none.
func switchNumeric(
  _ dtype: DType, _ op: String, float: (any (Real & BinaryFloatingPoint).Type) -> Void,
  integer: (any FixedWidthInteger.Type) -> Void, bool: (() -> Void)? = nil
) {
  switch dtype {
  case .float32: float(Float.self)
  case .float64: float(Double.self)
  case .int32: integer(Int32.self)
  case .int64: integer(Int64.self)
  case .uint8: integer(UInt8.self)
  case .bool:
    guard let bool else { fatalError("\(op): bool operands") }
    bool()
  }
}
