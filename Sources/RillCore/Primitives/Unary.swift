import RealModule

/// Elementwise functions of one operand.
///
/// The raw values are those of the CPU kernels' `rill_unary_op` (`CRillKernels`), which the
/// device passes as they are; `KernelEnumerationTests` checks that the two agree. A new function
/// takes the next value on both sides.
public enum UnaryFunction: UInt32, Hashable, Sendable, CaseIterable {
  /// The functions, each named after its math (TensorFlow's names are in ``name``).
  case negate = 0, abs = 1, sign = 2, square = 3, sqrt = 4, rsqrt = 5, exp = 6, log = 7
  case log1p = 8, expm1 = 9, sin = 10, cos = 11, tanh = 12, sigmoid = 13, floor = 14, ceil = 15
  /// More functions; `relu` is max(x, 0) and `logicalNot` takes bools.
  case round = 16, reciprocal = 17, relu = 18, erf = 19, logicalNot = 20

  /// TensorFlow's name for the function.
  public var name: String {
    switch self {
    case .negate: return "neg"
    case .abs: return "abs"
    case .sign: return "sign"
    case .square: return "square"
    case .sqrt: return "sqrt"
    case .rsqrt: return "rsqrt"
    case .exp: return "exp"
    case .log: return "log"
    case .log1p: return "log1p"
    case .expm1: return "expm1"
    case .sin: return "sin"
    case .cos: return "cos"
    case .tanh: return "tanh"
    case .sigmoid: return "sigmoid"
    case .floor: return "floor"
    case .ceil: return "ceil"
    case .round: return "round"
    case .reciprocal: return "reciprocal"
    case .relu: return "relu"
    case .erf: return "erf"
    case .logicalNot: return "logical_not"
    }
  }

  /// Whether the function maps integers to integers (otherwise integer operands are converted to
  /// float32 by the public op first).
  var acceptsIntegers: Bool {
    switch self {
    case .negate, .abs, .sign, .square, .floor, .ceil, .round, .relu: return true
    default: return false
    }
  }

  // MARK: Shape and dtype

  func outputSpec(_ x: TensorSpec) -> Result<TensorSpec, ShapeError> {
    let accepted: Bool
    switch self {
    case .logicalNot: accepted = x.dtype == .bool
    default: accepted = x.dtype.isFloatingPoint || (acceptsIntegers && x.dtype.isInteger)
    }
    guard accepted else {
      return .failure(ShapeError(op: name, "dtype \(x.dtype) is not supported"))
    }
    return .success(x)
  }

  // MARK: Gradient

  /// The cotangent of x given the cotangent g of y = f(x).
  func vjp(x: Tensor, y: Tensor, cotangent g: Tensor) -> Tensor? {
    switch self {
    case .negate: return -g
    case .abs: return g * RillCore.sign(x)
    case .sign, .floor, .ceil, .round: return Tensor.zeros(shapedLike: x)  // flat almost everywhere
    case .square: return g * 2 * x
    case .sqrt: return g / (2 * y)  // d√x = 1 / (2√x)
    case .rsqrt: return -0.5 * g * y * y * y  // d x^(-1/2) = -x^(-3/2) / 2
    case .exp: return g * y
    case .log: return g / x
    case .log1p: return g / (1 + x)
    case .expm1: return g * (y + 1)
    case .sin: return g * RillCore.cos(x)
    case .cos: return -g * RillCore.sin(x)
    case .tanh: return g * (1 - RillCore.square(y))
    case .sigmoid: return g * y * (1 - y)
    case .reciprocal: return -g * RillCore.square(y)  // d(1/x) = -1/x²
    // y > 0 exactly where x > 0 (NaN and -0 included), and reading y rather than x lets a
    // compiled plan compute x + bias and relu in one pass, since nothing else needs x.
    case .relu: return Tensor.where(y .> 0, g, 0)
    case .erf: return g * (2 / Double.pi.squareRoot()) * RillCore.exp(-RillCore.square(x))
    case .logicalNot: return nil
    }
  }

  // MARK: Meaning

  /// The function on one floating-point value: the definition the kernels are tested against.
  func evaluate<T: Real & BinaryFloatingPoint>(_ x: T) -> T {
    switch self {
    case .negate: return -x
    case .abs: return Swift.abs(x)
    case .sign: return x > 0 ? 1 : (x < 0 ? -1 : x)
    case .square: return x * x
    case .sqrt: return x.squareRoot()
    case .rsqrt: return 1 / x.squareRoot()
    case .exp: return T.exp(x)
    case .log: return T.log(x)
    case .log1p: return T.log(onePlus: x)
    case .expm1: return T.expMinusOne(x)
    case .sin: return T.sin(x)
    case .cos: return T.cos(x)
    case .tanh: return T.tanh(x)
    case .sigmoid: return 1 / (1 + T.exp(-x))
    case .floor: return x.rounded(.down)
    case .ceil: return x.rounded(.up)
    case .round: return x.rounded(.toNearestOrEven)
    case .reciprocal: return 1 / x
    case .relu: return x < 0 ? 0 : x
    case .erf: return T.erf(x)
    case .logicalNot: fatalError("logical_not has no floating-point meaning")
    }
  }

  /// The function on one integer, for the functions that keep integers integral; arithmetic
  /// wraps around.
  func evaluate<T: FixedWidthInteger>(_ x: T) -> T {
    switch self {
    case .negate: return 0 &- x
    case .abs: return x < 0 ? 0 &- x : x
    case .sign: return x > 0 ? 1 : (x < 0 ? 0 &- 1 : 0)
    case .square: return x &* x
    case .relu: return x < 0 ? 0 : x
    case .floor, .ceil, .round: return x
    default: fatalError("\(name) has no integer meaning")
    }
  }

  // MARK: Kernel

  func execute(_ x: Tensor, output: TensorSpec) -> Tensor {
    let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
    x.device.unary(self, x.deviceView, into: y.deviceView)
    return y
  }
}
