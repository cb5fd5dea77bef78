/// The dtype and shape of a tensor, without its elements.
public struct TensorSpec: Hashable, Sendable, CustomStringConvertible {
  /// The element type.
  public var dtype: DType
  /// The dimensions.
  public var shape: Shape

  /// Creates a spec from a dtype and a shape.
  public init(dtype: DType, shape: Shape) {
    self.dtype = dtype
    self.shape = shape
  }

  /// The spec written as `float32[3, 4]`.
  public var description: String { "\(dtype)\(shape)" }
}

/// The operations every public op lowers to.
///
/// Each case is one primitive family, and each family's file in `Primitives/` holds its shape and
/// dtype rule, its gradient and the device kernel it calls. Composite ops (softmax, the losses,
/// `mean` over several axes …) are ordinary Swift code over these primitives. Every primitive
/// has exactly one output.
enum Primitive: Hashable, Sendable {
  case unary(UnaryFunction)
  case binary(BinaryFunction)
  case compare(ComparisonFunction)
  case select
  case cast(DType)
  case reduce(ReduceFunction, axes: [Int])
  case argReduce(ArgReduceFunction, axis: Int)
  case cumulativeSum(axis: Int, exclusive: Bool, reverse: Bool)
  case matmul(transposeA: Bool, transposeB: Bool)
  case reshape(Shape)
  case transpose(permutation: [Int])
  case broadcast(Shape)
  case reverse(axes: [Int])
  case stridedSlice([SliceRange])
  case pad([Padding], value: Double)
  case concat(axis: Int)
  case gather(axis: Int)
  case random(RandomDistribution, spec: TensorSpec, key: RandomKey)

  /// The op's name as TensorFlow spells it, for messages.
  var name: String {
    switch self {
    case .unary(let function): return function.name
    case .binary(let function): return function.name
    case .compare(let function): return function.name
    case .select: return "where"
    case .cast: return "cast"
    case .reduce(let function, _): return function.name
    case .argReduce(let function, _): return function.name
    case .cumulativeSum: return "cumsum"
    case .matmul: return "matmul"
    case .reshape: return "reshape"
    case .transpose: return "transpose"
    case .broadcast: return "broadcast_to"
    case .reverse: return "reverse"
    case .stridedSlice: return "strided_slice"
    case .pad: return "pad"
    case .concat: return "concat"
    case .gather: return "gather"
    case .random(let distribution, _, _): return distribution.name
    }
  }

  /// The dtype and shape of the output for inputs of the given specs, or why the inputs do not
  /// fit this primitive.
  func outputSpec(_ inputs: [TensorSpec]) -> Result<TensorSpec, ShapeError> {
    switch self {
    case .unary(let function): return function.outputSpec(inputs[0])
    case .binary(let function): return function.outputSpec(inputs[0], inputs[1])
    case .compare(let function): return function.outputSpec(inputs[0], inputs[1])
    case .select: return selectOutputSpec(inputs[0], inputs[1], inputs[2])
    case .cast(let dtype): return .success(TensorSpec(dtype: dtype, shape: inputs[0].shape))
    case .reduce(let function, let axes): return function.outputSpec(inputs[0], axes: axes)
    case .argReduce(let function, let axis): return function.outputSpec(inputs[0], axis: axis)
    case .cumulativeSum(let axis, _, _): return cumulativeSumOutputSpec(inputs[0], axis: axis)
    case .matmul(let transposeA, let transposeB):
      return matmulOutputSpec(inputs[0], inputs[1], transposeA: transposeA, transposeB: transposeB)
    case .reshape(let shape): return reshapeOutputSpec(inputs[0], to: shape)
    case .transpose(let permutation): return transposeOutputSpec(inputs[0], permutation)
    case .broadcast(let shape): return broadcastOutputSpec(inputs[0], to: shape)
    case .reverse(let axes): return reverseOutputSpec(inputs[0], axes: axes)
    case .stridedSlice(let ranges): return stridedSliceOutputSpec(inputs[0], ranges)
    case .pad(let paddings, _): return padOutputSpec(inputs[0], paddings)
    case .concat(let axis): return concatOutputSpec(inputs, axis: axis)
    case .gather(let axis): return gatherOutputSpec(inputs[0], indices: inputs[1], axis: axis)
    case .random(_, let spec, _): return .success(spec)
    }
  }

  /// Computes the output of concrete inputs whose specs passed ``outputSpec(_:)``.
  func execute(_ inputs: [Tensor], output: TensorSpec) -> Tensor {
    switch self {
    case .unary(let function): return function.execute(inputs[0], output: output)
    case .binary(let function): return function.execute(inputs[0], inputs[1], output: output)
    case .compare(let function): return function.execute(inputs[0], inputs[1], output: output)
    case .select: return executeSelect(inputs[0], inputs[1], inputs[2], output: output)
    case .cast: return executeCast(inputs[0], output: output)
    case .reduce(let function, let axes):
      return function.execute(inputs[0], axes: axes, output: output)
    case .argReduce(let function, let axis):
      return function.execute(inputs[0], axis: axis, output: output)
    case .cumulativeSum(let axis, let exclusive, let reverse):
      return executeCumulativeSum(
        inputs[0], axis: axis, exclusive: exclusive, reverse: reverse, output: output)
    case .matmul(let transposeA, let transposeB):
      return executeMatmul(
        inputs[0], inputs[1], transposeA: transposeA, transposeB: transposeB, output: output)
    case .reshape:
      return Tensor(storage: inputs[0].storage, dtype: output.dtype, shape: output.shape)
    case .transpose(let permutation):
      return executeTranspose(inputs[0], permutation, output: output)
    case .broadcast: return executeBroadcast(inputs[0], output: output)
    case .reverse(let axes): return executeReverse(inputs[0], axes: axes, output: output)
    case .stridedSlice(let ranges): return executeStridedSlice(inputs[0], ranges, output: output)
    case .pad(let paddings, let value):
      return executePad(inputs[0], paddings, value: value, output: output)
    case .concat(let axis): return executeConcat(inputs, axis: axis, output: output)
    case .gather(let axis):
      return executeGather(inputs[0], indices: inputs[1], axis: axis, output: output)
    case .random(let distribution, _, let key):
      return distribution.execute(key: key, output: output)
    }
  }
}

/// Runs a primitive on its inputs and returns the output.
///
/// Shapes and dtypes are checked first; inputs that do not fit are a logic error in the program
/// and trap with a message naming the op and the operands.
func apply(_ primitive: Primitive, _ inputs: Tensor...) -> Tensor {
  apply(primitive, inputs)
}

/// Runs a primitive on an array of inputs; see ``apply(_:_:)-variadic``.
func apply(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
  let output: TensorSpec
  switch primitive.outputSpec(inputs.map(\.spec)) {
  case .success(let spec): output = spec
  case .failure(let error): preconditionFailure(error.description)
  }
  return primitive.execute(inputs, output: output)
}

extension Tensor {
  /// The dtype and shape of this tensor.
  public final var spec: TensorSpec { TensorSpec(dtype: dtype, shape: shape) }
}
