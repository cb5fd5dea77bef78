import Rill

/// What an op needs to run once its operands and attributes are checked: the result's spec and
/// the computation.
struct PreparedOp {
  /// The spec of the result.
  var output: TensorSpec
  /// Intermediate tensors the op allocates that may be larger than its result.
  var scratch: [TensorSpec] = []
  /// Checks of the operands' values, for ops whose running time depends on them.
  var checkValues: ([Tensor]) throws -> Void = { _ in }
  /// Computes the result from the operands.
  var run: ([Tensor]) -> Tensor
}

/// An op reachable from C: how many operands it takes, and how it checks them and its
/// attributes — completely, so that the Swift op it calls cannot trap — before running.
struct OpDefinition {
  var arity: Int
  var prepare: (inout OpAttributes, [TensorSpec]) throws -> PreparedOp
}

/// The success value of a shape rule, or its error as an invalid argument (after `context`
/// and a colon, when given).
func checked(_ result: Result<TensorSpec, ShapeError>, in context: String? = nil) throws
  -> TensorSpec
{
  switch result {
  case .success(let spec): return spec
  case .failure(let error):
    throw CallError.invalid(context.map { "\($0): \(error)" } ?? error.description)
  }
}

/// The largest integer exponent of `pow` from C: integer powers take time proportional to it.
let largestIntegerExponent = 1 << 16

/// The ops of `rill_execute`, by TensorFlow's names.
///
/// This file is the one place the C API calls Rill's op functions.
enum OpTable {
  static let definitions: [String: OpDefinition] = {
    var table: [String: OpDefinition] = [:]
    for (name, function) in binaryFunctions {
      table[name] = OpDefinition(arity: 2) { _, specs in
        PreparedOp(output: try checked(ShapeRules.binary(name, specs[0], specs[1]))) {
          function($0[0], $0[1])
        }
      }
    }
    table["pow"]?.prepare = { _, specs in
      let output = try checked(ShapeRules.binary("pow", specs[0], specs[1]))
      var prepared = PreparedOp(output: output) { pow($0[0], $0[1]) }
      // An integer power multiplies once per unit of the exponent.
      if output.dtype.isInteger {
        prepared.checkValues = { operands in
          let exponents = operands[1].cast(to: .int64)
          guard exponents.scalarCount > 0 else { return }
          let largest = exponents.max().item(as: Int64.self)
          guard largest <= Int64(largestIntegerExponent) else {
            throw CallError.invalid(
              "pow: integer exponents above \(largestIntegerExponent) are refused; found \(largest)"
            )
          }
        }
      }
      return prepared
    }
    table["squared_difference"] = OpDefinition(arity: 2) { _, specs in
      PreparedOp(output: try checked(ShapeRules.binary("sub", specs[0], specs[1]))) {
        squaredDifference($0[0], $0[1])
      }
    }
    for (name, function) in comparisons {
      table[name] = OpDefinition(arity: 2) { _, specs in
        PreparedOp(output: try checked(ShapeRules.comparison(name, specs[0], specs[1]))) {
          function($0[0], $0[1])
        }
      }
    }
    for (name, function) in unaryFunctions {
      table[name] = OpDefinition(arity: 1) { _, specs in
        PreparedOp(output: try checked(ShapeRules.unary(name, specs[0]))) { function($0[0]) }
      }
    }
    for (name, function) in activations {
      table[name] = OpDefinition(arity: 1) { attributes, specs in
        let run = try function(&attributes)
        return PreparedOp(output: try realOperand(name, specs[0])) { run($0[0]) }
      }
    }
    table["softmax"] = softmaxDefinition("softmax") { softmax($0, alongAxis: $1) }
    table["log_softmax"] = softmaxDefinition("log_softmax") { logSoftmax($0, alongAxis: $1) }
    table["matmul"] = OpDefinition(arity: 2) { attributes, specs in
      let transposeA = try attributes.bool("transpose_a", default: false)
      let transposeB = try attributes.bool("transpose_b", default: false)
      let output = try checked(
        ShapeRules.matmul(specs[0], specs[1], transposeA: transposeA, transposeB: transposeB))
      return PreparedOp(output: output) {
        matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB)
      }
    }
    for (name, function) in reductions {
      table[name] = OpDefinition(arity: 1) { attributes, specs in
        let axes = try attributes.ints("axis")
        let keepDims = try attributes.bool("keep_dims", default: false)
        let output = try checked(
          ShapeRules.reduction(name, specs[0], alongAxes: axes, keepDims: keepDims))
        return PreparedOp(output: output) { function($0[0], axes, keepDims) }
      }
    }
    table["argmax"] = argReduction("argmax") { $0.argmax(alongAxis: $1) }
    table["argmin"] = argReduction("argmin") { $0.argmin(alongAxis: $1) }
    table["conv2d"] = conv2DDefinition
    table["max_pool2d"] = poolDefinition("max_pool2d") {
      maxPool2D($0, poolSize: $1, strides: $2, padding: $3)
    }
    table["avg_pool2d"] = poolDefinition("avg_pool2d") {
      avgPool2D($0, poolSize: $1, strides: $2, padding: $3)
    }
    table["bias_add"] = biasAddDefinition
    table["reshape"] = OpDefinition(arity: 1) { attributes, specs in
      guard let sizes = try attributes.ints("shape") else {
        throw CallError.invalid("reshape: attribute 'shape' is required")
      }
      try checkShapeArithmetic(sizes, "reshape")
      let output = try checked(ShapeRules.reshape(specs[0], to: Shape(sizes)))
      return PreparedOp(output: output) { $0[0].reshaped(to: Shape(sizes)) }
    }
    table["transpose"] = OpDefinition(arity: 1) { attributes, specs in
      let permutation = try attributes.ints("perm") ?? Array((0..<specs[0].shape.rank).reversed())
      let output = try checked(ShapeRules.transpose(specs[0], permutation: permutation))
      return PreparedOp(output: output) { $0[0].transposed(permutation: permutation) }
    }
    table["cast"] = OpDefinition(arity: 1) { attributes, specs in
      let code = try attributes.int("dtype", default: -1)
      guard let dtype = Int32(exactly: code).flatMap(CDType.init(rawValue:))?.dtype else {
        throw CallError.invalid("cast: attribute 'dtype' \(code) is not a RillDType")
      }
      return PreparedOp(output: TensorSpec(dtype: dtype, shape: specs[0].shape)) {
        $0[0].cast(to: dtype)
      }
    }
    return table
  }()

  private static let binaryFunctions: [(String, (Tensor, Tensor) -> Tensor)] = [
    ("add", { $0 + $1 }), ("sub", { $0 - $1 }), ("mul", { $0 * $1 }), ("div", { $0 / $1 }),
    ("pow", { pow($0, $1) }), ("maximum", { maximum($0, $1) }), ("minimum", { minimum($0, $1) }),
    ("floormod", { floorMod($0, $1) }),
  ]

  private static let comparisons: [(String, (Tensor, Tensor) -> Tensor)] = [
    ("equal", { $0 .== $1 }), ("not_equal", { $0 .!= $1 }), ("less", { $0 .< $1 }),
    ("less_equal", { $0 .<= $1 }), ("greater", { $0 .> $1 }), ("greater_equal", { $0 .>= $1 }),
    ("logical_and", { logicalAnd($0, $1) }), ("logical_or", { logicalOr($0, $1) }),
  ]

  private static let unaryFunctions: [(String, (Tensor) -> Tensor)] = [
    ("neg", { -$0 }), ("abs", { abs($0) }), ("sign", { sign($0) }), ("square", { square($0) }),
    ("sqrt", { sqrt($0) }), ("rsqrt", { rsqrt($0) }), ("exp", { exp($0) }), ("log", { log($0) }),
    ("log1p", { log1p($0) }), ("expm1", { expm1($0) }), ("sin", { sin($0) }),
    ("cos", { cos($0) }), ("tanh", { tanh($0) }), ("sigmoid", { sigmoid($0) }),
    ("floor", { floor($0) }), ("ceil", { ceil($0) }), ("round", { round($0) }),
    ("reciprocal", { reciprocal($0) }), ("relu", { relu($0) }), ("erf", { erf($0) }),
    ("logical_not", { logicalNot($0) }),
  ]

  /// Activations written as composites, defined here on real numbers only; each reads its
  /// attributes and returns the computation.
  private static let activations: [(String, (inout OpAttributes) throws -> (Tensor) -> Tensor)] = [
    ("relu6", { _ in { relu6($0) } }), ("selu", { _ in { selu($0) } }),
    ("softplus", { _ in { softplus($0) } }), ("softsign", { _ in { softsign($0) } }),
    ("silu", { _ in { silu($0) } }),
    (
      "leaky_relu",
      { attributes in
        let alpha = try attributes.float("alpha", default: 0.2)
        return { leakyRelu($0, alpha: alpha) }
      }
    ),
    (
      "elu",
      { attributes in
        let alpha = try attributes.float("alpha", default: 1)
        return { elu($0, alpha: alpha) }
      }
    ),
    (
      "gelu",
      { attributes in
        let approximate = try attributes.bool("approximate", default: false)
        return { gelu($0, approximate: approximate) }
      }
    ),
  ]

  private static let reductions: [(String, (Tensor, [Int]?, Bool) -> Tensor)] = [
    ("reduce_sum", { $0.sum(alongAxes: $1, keepDims: $2) }),
    ("reduce_mean", { $0.mean(alongAxes: $1, keepDims: $2) }),
    ("reduce_max", { $0.max(alongAxes: $1, keepDims: $2) }),
    ("reduce_min", { $0.min(alongAxes: $1, keepDims: $2) }),
    ("reduce_prod", { $0.product(alongAxes: $1, keepDims: $2) }),
  ]

  /// The spec of a real-valued operand, or an error naming the op.
  private static func realOperand(_ op: String, _ spec: TensorSpec) throws -> TensorSpec {
    guard spec.dtype.isFloatingPoint else {
      throw CallError.invalid("\(op): dtype \(spec.dtype) is not supported (float32 or float64)")
    }
    return spec
  }

  private static func softmaxDefinition(_ name: String, _ run: @escaping (Tensor, Int) -> Tensor)
    -> OpDefinition
  {
    OpDefinition(arity: 1) { attributes, specs in
      let axis = try attributes.int("axis", default: -1)
      let output = try checked(ShapeRules.softmax(name, specs[0], alongAxis: axis))
      return PreparedOp(output: output) { run($0[0], axis) }
    }
  }

  private static func argReduction(_ name: String, _ run: @escaping (Tensor, Int) -> Tensor)
    -> OpDefinition
  {
    OpDefinition(arity: 1) { attributes, specs in
      let axis = try attributes.int("axis", default: 0)
      let output = try checked(ShapeRules.argReduction(name, specs[0], alongAxis: axis))
      return PreparedOp(output: output) { run($0[0], axis) }
    }
  }

  private static let conv2DDefinition = OpDefinition(arity: 2) { attributes, specs in
    let strides = try attributes.pair("strides", default: (1, 1)) ?? (1, 1)
    let dilations = try attributes.pair("dilations", default: (1, 1)) ?? (1, 1)
    let padding = try attributes.padding("padding")
    let output = try checked(
      ShapeRules.conv2D(
        specs[0], filter: specs[1], strides: strides, padding: padding, dilations: dilations))
    // The im2col buffer of the float64 path: one row of filter taps per output pixel.
    let filter = specs[1].shape
    let taps = TensorSpec(
      dtype: output.dtype,
      shape: [
        output.shape[0] * output.shape[1] * output.shape[2], filter[0] * filter[1] * filter[2],
      ])
    return PreparedOp(output: output, scratch: [taps]) {
      conv2D($0[0], filter: $0[1], strides: strides, padding: padding, dilations: dilations)
    }
  }

  private static func poolDefinition(
    _ name: String,
    _ run: @escaping (Tensor, (Int, Int), (Int, Int)?, ConvolutionPadding) -> Tensor
  ) -> OpDefinition {
    OpDefinition(arity: 1) { attributes, specs in
      guard let window = try attributes.pair("ksize", default: nil) else {
        throw CallError.invalid("\(name): attribute 'ksize' is required")
      }
      let strides = try attributes.pair("strides", default: nil)
      let padding = try attributes.padding("padding")
      let output = try checked(
        ShapeRules.pool2D(name, specs[0], poolSize: window, strides: strides, padding: padding))
      return PreparedOp(output: output) { run($0[0], window, strides, padding) }
    }
  }

  private static let biasAddDefinition = OpDefinition(arity: 2) { _, specs in
    let (x, bias) = (specs[0].shape, specs[1].shape)
    guard bias.rank == 1, x.rank >= 1, bias[0] == x[x.rank - 1] else {
      throw CallError.invalid(
        "bias_add: a bias of shape \(bias) does not match the last axis of shape \(x)")
    }
    let output = try checked(ShapeRules.binary("add", specs[0], specs[1]))
    return PreparedOp(output: output) { biasAdd($0[0], $0[1]) }
  }
}
