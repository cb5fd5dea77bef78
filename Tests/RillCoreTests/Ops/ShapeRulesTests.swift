import RillCore
import Testing

/// The public shape rules agree with the ops: where a rule succeeds the op gives that spec,
/// and where it fails its message names the op and the shapes.
struct ShapeRulesTests {
  func spec(_ tensor: Tensor) -> TensorSpec { TensorSpec(dtype: tensor.dtype, shape: tensor.shape) }

  func spec(_ dtype: DType, _ shape: Shape) -> TensorSpec { TensorSpec(dtype: dtype, shape: shape) }

  /// The error a failed rule gives, or "" for a success.
  func message(_ result: Result<TensorSpec, ShapeError>) -> String {
    if case .failure(let error) = result { return error.description }
    return ""
  }

  @Test func binaryRulesPromoteAndBroadcastAsTheOpsDo() {
    let a = Tensor.zeros(shape: [2, 3], dtype: .int32)
    let b = Tensor.zeros(shape: [3], dtype: .uint8)
    let c = Tensor.zeros(shape: [4, 1, 1], dtype: .float64)
    for (name, op) in [
      ("add", { (x: Tensor, y: Tensor) in x + y }), ("div", { $0 / $1 }),
      ("pow", { pow($0, $1) }), ("floormod", { floorMod($0, $1) }),
    ] as [(String, (Tensor, Tensor) -> Tensor)] {
      for (x, y) in [(a, b), (b, a), (a, c), (c, b)] {
        #expect(ShapeRules.binary(name, spec(x), spec(y)) == .success(spec(op(x, y))))
      }
    }
    #expect(ShapeRules.binaryNames.contains("maximum"))
    #expect(
      message(ShapeRules.binary("add", spec(.float32, [2, 3]), spec(.float32, [4])))
        == "add: shapes [2, 3] and [4] are not broadcast-compatible")
    #expect(message(ShapeRules.binary("sub", spec(.bool, [2]), spec(.bool, [2]))) != "")
    #expect(message(ShapeRules.binary("frobnicate", spec(a), spec(a))) != "")
  }

  @Test func unaryAndComparisonRulesFollowTheOps() {
    let ints = Tensor.zeros(shape: [5], dtype: .int32)
    let flags = Tensor.zeros(shape: [5], dtype: .bool)
    #expect(ShapeRules.unary("exp", spec(ints)) == .success(spec(exp(ints))))
    #expect(ShapeRules.unary("abs", spec(ints)) == .success(spec(abs(ints))))
    #expect(ShapeRules.unary("logical_not", spec(flags)) == .success(spec(logicalNot(flags))))
    #expect(message(ShapeRules.unary("relu", spec(flags))) == "relu: dtype bool is not supported")
    #expect(
      ShapeRules.comparison("less", spec(ints), spec(.float32, [])) == .success(spec(.bool, [5])))
    #expect(message(ShapeRules.comparison("logical_and", spec(ints), spec(flags))) != "")
  }

  @Test func matmulReductionAndSoftmaxRules() {
    let a = Tensor.zeros(shape: [7, 2, 3])
    let b = Tensor.zeros(shape: [3, 4], dtype: .int32)
    #expect(
      ShapeRules.matmul(spec(a), spec(b), transposeA: false, transposeB: false)
        == .success(spec(matmul(a, b))))
    #expect(
      message(ShapeRules.matmul(spec(a), spec(b), transposeA: true, transposeB: false))
        == "matmul: inner dimensions differ: [7, 2, 3]ᵀ × [3, 4]")
    #expect(
      ShapeRules.reduction("reduce_mean", spec(b), alongAxes: [-1], keepDims: true)
        == .success(spec(b.mean(alongAxes: [-1], keepDims: true))))
    #expect(
      ShapeRules.reduction("reduce_sum", spec(a), alongAxes: nil, keepDims: false)
        == .success(spec(a.sum())))
    #expect(
      message(ShapeRules.reduction("reduce_max", spec(a), alongAxes: [0, -3], keepDims: false))
        == "reduce_max: axis -3 is repeated in [0, -3]")
    #expect(
      ShapeRules.argReduction("argmax", spec(a), alongAxis: 1) == .success(spec(a.argmax(alongAxis: 1))))
    #expect(message(ShapeRules.argReduction("argmin", spec(.float32, [2, 0]), alongAxis: 1)) != "")
    #expect(ShapeRules.softmax("softmax", spec(a), alongAxis: -1) == .success(spec(softmax(a))))
    #expect(message(ShapeRules.softmax("softmax", spec(b), alongAxis: 0)) != "")
  }

  @Test func convolutionPoolingAndShapingRules() {
    let images = Tensor.zeros(shape: [2, 9, 8, 3])
    let filter = Tensor.zeros(shape: [3, 2, 3, 5])
    #expect(
      ShapeRules.conv2D(
        spec(images), filter: spec(filter), strides: (2, 1), padding: .same, dilations: (1, 2))
        == .success(
          spec(conv2D(images, filter: filter, strides: (2, 1), padding: .same, dilations: (1, 2)))))
    #expect(
      message(
        ShapeRules.conv2D(
          spec(images), filter: spec(.float32, [3, 3, 4, 1]), strides: (1, 1), padding: .valid,
          dilations: (1, 1))
      ).hasPrefix("conv2d: filter [3, 3, 4, 1] does not fit input [2, 9, 8, 3]"))
    #expect(
      ShapeRules.pool2D("max_pool2d", spec(images), poolSize: (2, 3), strides: nil, padding: .valid)
        == .success(spec(maxPool2D(images, poolSize: (2, 3)))))
    #expect(
      message(
        ShapeRules.pool2D(
          "avg_pool2d", spec(images), poolSize: (10, 1), strides: nil, padding: .valid)
      ) != "")
    #expect(
      ShapeRules.reshape(spec(images), to: [-1, 24])
        == .success(spec(images.reshaped(to: [-1, 24]))))
    #expect(message(ShapeRules.reshape(spec(images), to: [5, -1])) != "")
    #expect(
      ShapeRules.transpose(spec(images), permutation: [0, -1, 1, 2])
        == .success(spec(images.transposed(permutation: [0, -1, 1, 2]))))
    #expect(message(ShapeRules.transpose(spec(images), permutation: [0, 1])) != "")
  }
}
