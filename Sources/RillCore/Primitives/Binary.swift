import RealModule

/// Elementwise arithmetic of two operands of one dtype, broadcast against each other.
///
/// The raw values are those of the CPU kernels' `rill_binary_op`; `KernelEnumerationTests`
/// checks that the two agree.
public enum BinaryFunction: UInt32, Hashable, Sendable, CaseIterable {
  /// The functions, each named after its math (TensorFlow's names are in ``name``).
  case add = 0, subtract = 1, multiply = 2, divide = 3, pow = 4, maximum = 5, minimum = 6
  /// The remainder of floor division: a − ⌊a / b⌋ · b, with the sign of b.
  case floorMod = 7

  /// TensorFlow's name for the function.
  public var name: String {
    switch self {
    case .add: return "add"
    case .subtract: return "sub"
    case .multiply: return "mul"
    case .divide: return "div"
    case .pow: return "pow"
    case .maximum: return "maximum"
    case .minimum: return "minimum"
    case .floorMod: return "floormod"
    }
  }

  // MARK: Shape and dtype

  func outputSpec(_ a: TensorSpec, _ b: TensorSpec) -> Result<TensorSpec, ShapeError> {
    guard a.dtype == b.dtype, a.dtype.isNumeric else {
      return .failure(ShapeError(op: name, "dtypes \(a.dtype) and \(b.dtype) are not supported"))
    }
    return Shape.broadcast(a.shape, b.shape, op: name).map { TensorSpec(dtype: a.dtype, shape: $0) }
  }

  // MARK: Gradient

  /// The cotangents of a and b given the cotangent g of y = f(a, b), each summed back to its
  /// operand's shape.
  func vjp(_ a: Tensor, _ b: Tensor, y: Tensor, cotangent g: Tensor, needs: [Bool]) -> [Tensor?] {
    func gradients(_ da: @autoclosure () -> Tensor, _ db: @autoclosure () -> Tensor) -> [Tensor?] {
      [needs[0] ? da().unbroadcast(like: a) : nil, needs[1] ? db().unbroadcast(like: b) : nil]
    }
    switch self {
    case .add: return gradients(g, g)
    case .subtract: return gradients(g, -g)
    case .multiply: return gradients(g * b, g * a)
    case .divide: return gradients(g / b, -g * y / b)  // d(a/b)/db = -a/b² = -y/b
    case .pow:
      // d aᵇ/db = aᵇ ln a, taken as 0 where a ≤ 0 (as TensorFlow does).
      let logA = Tensor.where(a .> 0, RillCore.log(Tensor.where(a .> 0, a, 1)), 0)
      return gradients(g * b * RillCore.pow(a, b - 1), g * y * logA)
    case .maximum:
      let first = a .>= b  // ties go to the first operand, as in TensorFlow
      return gradients(Tensor.where(first, g, 0), Tensor.where(first, 0, g))
    case .minimum:
      let first = a .<= b
      return gradients(Tensor.where(first, g, 0), Tensor.where(first, 0, g))
    case .floorMod: return gradients(g, -g * RillCore.floor(a / b))
    }
  }

  // MARK: Meaning

  /// The function on two floating-point values.
  func evaluate<T: Real & BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
    switch self {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    case .pow:
      // An integral exponent is defined for negative bases too, as in C's pow.
      if b == b.rounded(), Swift.abs(b) < 16_777_216 { return T.pow(a, Int(b)) }
      return T.pow(a, b)
    case .maximum: return a.isNaN || b.isNaN ? a + b : Swift.max(a, b)
    case .minimum: return a.isNaN || b.isNaN ? a + b : Swift.min(a, b)
    case .floorMod: return a - (a / b).rounded(.down) * b
    }
  }

  /// The function on two integers.
  ///
  /// Arithmetic wraps around; division floors (as Python's `//`) and gives 0 for a zero divisor; a
  /// negative power is 0 unless the base is 1 or -1.
  func evaluate<T: FixedWidthInteger>(_ a: T, _ b: T) -> T {
    switch self {
    case .add: return a &+ b
    case .subtract: return a &- b
    case .multiply: return a &* b
    case .divide:
      if b == 0 { return 0 }
      if T.isSigned && b == 0 &- 1 { return 0 &- a }
      let quotient = a / b
      return a % b != 0 && (a < 0) != (b < 0) ? quotient - 1 : quotient
    case .pow:
      if b < 0 { return a == 1 ? 1 : (a == 0 &- 1 ? (b & 1 == 0 ? 1 : a) : 0) }
      var result: T = 1
      for _ in 0..<Int(b) { result = result &* a }
      return result
    case .maximum: return Swift.max(a, b)
    case .minimum: return Swift.min(a, b)
    case .floorMod:
      if b == 0 || (T.isSigned && b == 0 &- 1) { return 0 }
      let remainder = a % b
      return remainder != 0 && (remainder < 0) != (b < 0) ? remainder + b : remainder
    }
  }

  // MARK: Kernel

  func execute(_ a: Tensor, _ b: Tensor, output: TensorSpec) -> Tensor {
    let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: a.device)
    a.device.binary(
      self, a.deviceView(broadcastTo: output.shape), b.deviceView(broadcastTo: output.shape),
      into: y.deviceView)
    return y
  }
}
