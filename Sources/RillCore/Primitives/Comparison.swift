/// Elementwise comparisons and logical connectives with a bool result.
///
/// The raw values are those of the CPU kernels' `rill_compare_op`; `KernelEnumerationTests`
/// checks that the two agree.
public enum ComparisonFunction: UInt32, Hashable, Sendable, CaseIterable {
  /// The comparisons, each named after its math (TensorFlow's names are in ``name``).
  case equal = 0, notEqual = 1, less = 2, lessEqual = 3, greater = 4, greaterEqual = 5
  /// The logical connectives, on bools.
  case logicalAnd = 6, logicalOr = 7

  /// TensorFlow's name for the function.
  public var name: String {
    switch self {
    case .equal: return "equal"
    case .notEqual: return "not_equal"
    case .less: return "less"
    case .lessEqual: return "less_equal"
    case .greater: return "greater"
    case .greaterEqual: return "greater_equal"
    case .logicalAnd: return "logical_and"
    case .logicalOr: return "logical_or"
    }
  }

  // MARK: Shape and dtype

  func outputSpec(_ a: TensorSpec, _ b: TensorSpec) -> Result<TensorSpec, ShapeError> {
    let accepted: Bool
    switch self {
    case .equal, .notEqual: accepted = a.dtype == b.dtype
    case .less, .lessEqual, .greater, .greaterEqual:
      accepted = a.dtype == b.dtype && a.dtype.isNumeric
    case .logicalAnd, .logicalOr: accepted = a.dtype == .bool && b.dtype == .bool
    }
    guard accepted else {
      return .failure(ShapeError(op: name, "dtypes \(a.dtype) and \(b.dtype) are not supported"))
    }
    return Shape.broadcast(a.shape, b.shape, op: name).map { TensorSpec(dtype: .bool, shape: $0) }
  }

  // MARK: Meaning

  /// The comparison of two values.
  func evaluate<T: Comparable>(_ a: T, _ b: T) -> Bool {
    switch self {
    case .equal: return a == b
    case .notEqual: return a != b
    case .less: return a < b
    case .lessEqual: return a <= b
    case .greater: return a > b
    case .greaterEqual: return a >= b
    case .logicalAnd, .logicalOr: fatalError("\(name) compares bools only")
    }
  }

  /// The function on two bools.
  func evaluate(_ a: Bool, _ b: Bool) -> Bool {
    switch self {
    case .equal: return a == b
    case .notEqual: return a != b
    case .logicalAnd: return a && b
    case .logicalOr: return a || b
    case .less: return !a && b
    case .lessEqual: return !a || b
    case .greater: return a && !b
    case .greaterEqual: return a || !b
    }
  }

  // MARK: Kernel

  func execute(_ a: Tensor, _ b: Tensor, output: TensorSpec) -> Tensor {
    let y = Tensor.uninitialized(dtype: .bool, shape: output.shape, on: a.device)
    a.device.compare(
      self, a.deviceView(broadcastTo: output.shape), b.deviceView(broadcastTo: output.shape),
      into: y.deviceView)
    return y
  }
}
