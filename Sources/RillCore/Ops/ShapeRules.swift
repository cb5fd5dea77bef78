// The shape and dtype rules of public ops, callable without running the ops.

/// The result spec of a public op for operands of the given specs, or the ``ShapeError`` the op
/// would trap with.
///
/// Eager ops trap on operands that do not fit, since in a Swift program that is a logic error.
/// Code that takes operands from outside the program — the C API, say — asks these rules
/// first and reports the error instead. Each rule applies the op's own dtype promotion and then
/// the same primitive rule the op checks, so a rule that succeeds means the op does not trap on
/// shapes or dtypes. The operands are taken as tensors of fixed dtype (not Swift literals).
///
/// ```swift
/// let a = TensorSpec(dtype: .float32, shape: [2, 3])
/// ShapeRules.matmul(a, a, transposeA: false, transposeB: false)
/// // .failure(matmul: inner dimensions differ: [2, 3] × [2, 3])
/// ```
public enum ShapeRules {
  /// The names of the elementwise functions of two operands: `add`, `sub`, `mul`, `div`,
  /// `pow`, `maximum`, `minimum`, `floormod`.
  public static let binaryNames: [String] = BinaryFunction.allCases.map(\.name)

  /// The names of the comparisons and logical connectives: `equal`, `less`, … `logical_or`.
  public static let comparisonNames: [String] = ComparisonFunction.allCases.map(\.name)

  /// The names of the elementwise functions of one operand: `neg`, `abs`, `exp`, … `relu`.
  public static let unaryNames: [String] = UnaryFunction.allCases.map(\.name)

  /// The names of the reductions: `reduce_sum`, `reduce_prod`, `reduce_max`, `reduce_min`,
  /// `reduce_mean`.
  public static let reductionNames: [String] = ReduceFunction.allCases.map(\.name)

  /// The rule of an elementwise function of two broadcast operands.
  ///
  /// - Parameters:
  ///   - op: one of ``binaryNames``.
  ///   - a: the left operand.
  ///   - b: the right operand.
  /// - Returns: the result's spec, or why the op refuses the operands (or the name).
  public static func binary(_ op: String, _ a: TensorSpec, _ b: TensorSpec) -> Result<
    TensorSpec, ShapeError
  > {
    guard let function = BinaryFunction.allCases.first(where: { $0.name == op }) else {
      return .failure(ShapeError(op: op, "is not an elementwise function of two operands"))
    }
    let dtype = a.dtype.promoted(with: b.dtype)
    // Division is true division: integer operands become float32 first.
    let common = function == .divide && !dtype.isFloatingPoint ? DType.float32 : dtype
    return function.outputSpec(a.with(dtype: common), b.with(dtype: common))
  }

  /// The rule of a comparison or logical connective of two broadcast operands.
  ///
  /// - Parameters:
  ///   - op: one of ``comparisonNames``.
  ///   - a: the left operand.
  ///   - b: the right operand.
  /// - Returns: the bool result's spec, or why the op refuses the operands (or the name).
  public static func comparison(_ op: String, _ a: TensorSpec, _ b: TensorSpec) -> Result<
    TensorSpec, ShapeError
  > {
    guard let function = ComparisonFunction.allCases.first(where: { $0.name == op }) else {
      return .failure(ShapeError(op: op, "is not a comparison"))
    }
    switch function {
    case .logicalAnd, .logicalOr: return function.outputSpec(a, b)
    default:
      let dtype = a.dtype.promoted(with: b.dtype)
      return function.outputSpec(a.with(dtype: dtype), b.with(dtype: dtype))
    }
  }

  /// The rule of an elementwise function of one operand; functions defined on real numbers
  /// take integer and bool operands as float32, as the public ops do.
  ///
  /// - Parameters:
  ///   - op: one of ``unaryNames``.
  ///   - x: the operand.
  /// - Returns: the result's spec, or why the op refuses the operand (or the name).
  public static func unary(_ op: String, _ x: TensorSpec) -> Result<TensorSpec, ShapeError> {
    guard let function = UnaryFunction.allCases.first(where: { $0.name == op }) else {
      return .failure(ShapeError(op: op, "is not an elementwise function of one operand"))
    }
    if function == .logicalNot || function.acceptsIntegers || x.dtype.isFloatingPoint {
      return function.outputSpec(x)
    }
    return function.outputSpec(x.with(dtype: .float32))
  }

  /// The rule of `matmul(_:_:transposeA:transposeB:)`.
  ///
  /// - Parameters:
  ///   - a: the left operand, [..., m, k].
  ///   - b: the right operand, [..., k, n].
  ///   - transposeA: whether `a`'s last two dimensions are swapped.
  ///   - transposeB: whether `b`'s last two dimensions are swapped.
  /// - Returns: the product's spec, or why the operands do not fit.
  public static func matmul(
    _ a: TensorSpec, _ b: TensorSpec, transposeA: Bool, transposeB: Bool
  ) -> Result<TensorSpec, ShapeError> {
    let dtype = a.dtype.promoted(with: b.dtype)
    return matmulOutputSpec(
      a.with(dtype: dtype), b.with(dtype: dtype), transposeA: transposeA, transposeB: transposeB)
  }

  /// The rule of the reductions `sum`, `product`, `max`, `min` and `mean` (which takes integer
  /// operands as float32).
  ///
  /// - Parameters:
  ///   - op: one of ``reductionNames``.
  ///   - x: the operand.
  ///   - axes: the axes to reduce (negative ones count from the end), or `nil` for all.
  ///   - keepDims: whether the reduced axes stay with size 1.
  /// - Returns: the result's spec, or why the op refuses the operand, the axes (or the name).
  public static func reduction(_ op: String, _ x: TensorSpec, alongAxes axes: [Int]?, keepDims: Bool)
    -> Result<TensorSpec, ShapeError>
  {
    guard let function = ReduceFunction.allCases.first(where: { $0.name == op }) else {
      return .failure(ShapeError(op: op, "is not a reduction"))
    }
    let input = function == .mean && !x.dtype.isFloatingPoint ? x.with(dtype: .float32) : x
    let positions =
      axes.map { x.shape.normalizedAxes($0, op: op) } ?? .success(Array(0..<x.shape.rank))
    return positions.flatMap { positions in
      function.outputSpec(input, axes: positions).map { kept in
        keepDims ? kept : kept.dropping(positions)
      }
    }
  }

  /// The rule of `argmax(alongAxis:)` and `argmin(alongAxis:)`.
  ///
  /// - Parameters:
  ///   - op: `argmax` or `argmin`.
  ///   - x: the operand.
  ///   - axis: the axis to reduce (negative counts from the end).
  /// - Returns: the int64 result's spec, or why the op refuses the operand or axis.
  public static func argReduction(_ op: String, _ x: TensorSpec, alongAxis axis: Int) -> Result<
    TensorSpec, ShapeError
  > {
    guard let function = ArgReduceFunction.allCases.first(where: { $0.name == op }) else {
      return .failure(ShapeError(op: op, "is not an arg-reduction"))
    }
    return x.shape.normalizedAxis(axis, op: op).flatMap { position in
      function.outputSpec(x, axis: position).map { $0.dropping([position]) }
    }
  }

  /// The rule of `softmax(_:alongAxis:)` and `logSoftmax(_:alongAxis:)`: a real-valued operand of rank 1
  /// or more with a non-empty `axis`.
  ///
  /// - Parameters:
  ///   - op: the op's name for messages (`softmax`, `log_softmax`).
  ///   - x: the logits.
  ///   - axis: the axis the probabilities sum over.
  /// - Returns: the result's spec (that of `x`), or why the op refuses the operand or axis.
  public static func softmax(_ op: String, _ x: TensorSpec, alongAxis axis: Int) -> Result<
    TensorSpec, ShapeError
  > {
    guard x.dtype.isFloatingPoint else {
      return .failure(ShapeError(op: op, "dtype \(x.dtype) is not supported (float32 or float64)"))
    }
    return x.shape.normalizedAxis(axis, op: op).map { _ in x }
  }

  /// The rule of `conv2D(_:filter:strides:padding:dilations:)`.
  ///
  /// - Parameters:
  ///   - input: the images, NHWC.
  ///   - filter: the filters, HWIO.
  ///   - strides: the step between windows along (height, width).
  ///   - padding: `.valid` or `.same`.
  ///   - dilations: the step between a filter's taps along (height, width).
  /// - Returns: the convolved images' spec, or why the operands or settings do not fit.
  public static func conv2D(
    _ input: TensorSpec, filter: TensorSpec, strides: (Int, Int), padding: ConvolutionPadding,
    dilations: (Int, Int)
  ) -> Result<TensorSpec, ShapeError> {
    var dtype = input.dtype.promoted(with: filter.dtype)
    if !dtype.isFloatingPoint { dtype = .float32 }
    let attributes = Convolution2DAttributes(
      strides: [strides.0, strides.1], padding: padding, dilations: [dilations.0, dilations.1])
    return conv2DOutputSpec(input.with(dtype: dtype), filter.with(dtype: dtype), attributes)
  }

  /// The rule of `maxPool2D(_:poolSize:strides:padding:)` and
  /// `avgPool2D(_:poolSize:strides:padding:)`.
  ///
  /// - Parameters:
  ///   - op: the op's name for messages (`max_pool2d`, `avg_pool2d`).
  ///   - input: the images, NHWC.
  ///   - poolSize: the window's (height, width).
  ///   - strides: the step between windows; the pool size when `nil`.
  ///   - padding: `.valid` or `.same`.
  /// - Returns: the pooled images' spec, or why the operand or settings do not fit.
  public static func pool2D(
    _ op: String, _ input: TensorSpec, poolSize: (Int, Int), strides: (Int, Int)?,
    padding: ConvolutionPadding
  ) -> Result<TensorSpec, ShapeError> {
    let steps = strides ?? poolSize
    let attributes = Pooling2DAttributes(
      window: [poolSize.0, poolSize.1], strides: [steps.0, steps.1], padding: padding)
    let real = input.dtype.isFloatingPoint ? input : input.with(dtype: .float32)
    return pool2DOutputSpec(real, attributes, op: op)
  }

  /// The rule of `reshaped(to:)`: one dimension may be -1 and is inferred.
  ///
  /// - Parameters:
  ///   - x: the operand.
  ///   - shape: the new shape.
  /// - Returns: the result's spec, or why the shape does not fit the operand's elements.
  public static func reshape(_ x: TensorSpec, to shape: Shape) -> Result<TensorSpec, ShapeError> {
    reshapeOutputSpec(x, to: shape)
  }

  /// The rule of `transposed(permutation:)` (negative axes count from the end).
  ///
  /// - Parameters:
  ///   - x: the operand.
  ///   - permutation: axis i of the result is axis `permutation[i]` of `x`.
  /// - Returns: the result's spec, or why the permutation does not fit.
  public static func transpose(_ x: TensorSpec, permutation: [Int]) -> Result<
    TensorSpec, ShapeError
  > {
    transposeOutputSpec(x, permutation.map { $0 < 0 ? $0 + x.shape.rank : $0 })
  }
}

extension TensorSpec {
  /// The same shape with another dtype.
  fileprivate func with(dtype: DType) -> TensorSpec {
    TensorSpec(dtype: dtype, shape: shape)
  }

  /// The spec without the axes at `positions` (which have size 1).
  fileprivate func dropping(_ positions: [Int]) -> TensorSpec {
    let kept = shape.indices.filter { !positions.contains($0) }.map { shape[$0] }
    return TensorSpec(dtype: dtype, shape: Shape(kept))
  }
}
