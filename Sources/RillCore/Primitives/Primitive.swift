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
/// `logSumExp` …) are ordinary Swift code over these primitives. Every primitive has exactly one
/// output.
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
  /// Input 0 reshaped to the shape of input 1 (known only when a graph runs).
  case reshapeLike
  /// Input 0 broadcast to the shape of input 1 (known only when a graph runs).
  case broadcastLike
  case transpose(permutation: [Int])
  case broadcast(Shape)
  case reverse(axes: [Int])
  case stridedSlice([SliceRange])
  case pad([Padding], value: Double)
  case concat(axis: Int)
  case gather(axis: Int)
  /// Numbers drawn from a distribution, of the given spec — or, given an input, of its shape
  /// (known only when a graph runs).
  case random(RandomDistribution, spec: TensorSpec, key: RandomKey)
  /// The gradient of strided_slice: its cotangent written into zeros shaped like its second
  /// input, the sliced tensor.
  case stridedSliceGradient([SliceRange])
  /// The gradient of gather: updates (input 0) added at their indices (input 1) into zeros
  /// shaped like input 2, the gathered tensor.
  case gatherGradient(axis: Int)
  case conv2D(Convolution2DAttributes)
  /// The gradient of conv2d with respect to its input: the cotangent (input 0) taken back
  /// through the filter (input 1) into the shape of input 2, the convolved tensor.
  case conv2DBackpropInput(Convolution2DAttributes)
  /// The gradient of conv2d with respect to its filter: from the input (input 0) and the
  /// cotangent (input 1), shaped like input 2, the filter.
  case conv2DBackpropFilter(Convolution2DAttributes)
  case maxPool2D(Pooling2DAttributes)
  case avgPool2D(Pooling2DAttributes)
  /// The gradient of max pooling: the cotangent (input 0) routed to the maxima of input 1.
  case maxPool2DGradient(Pooling2DAttributes)
  /// The gradient of max pooling's gradient: input 0 read at the maxima of input 1.
  case maxPool2DGradientGradient(Pooling2DAttributes)
  /// The gradient of average pooling: the cotangent (input 0) spread over the windows of a
  /// tensor shaped like input 1.
  case avgPool2DGradient(Pooling2DAttributes)
  /// A call to Swift or C code on the input's elements (see ``HostFunction``), which the
  /// compile passes leave where it is.
  case host(HostFunction)
  /// Input 0 copied to a device.
  case copy(to: DeviceTarget)
  /// Input 0 copied to the device of input 1 (known only when a graph runs): the gradient of a
  /// copy whose input is symbolic.
  case copyLike

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
    case .reshape, .reshapeLike: return "reshape"
    case .broadcastLike: return "broadcast_to"
    case .transpose: return "transpose"
    case .broadcast: return "broadcast_to"
    case .reverse: return "reverse"
    case .stridedSlice: return "strided_slice"
    case .pad: return "pad"
    case .concat: return "concat"
    case .gather: return "gather"
    case .random(let distribution, _, _): return distribution.name
    case .stridedSliceGradient: return "strided_slice_grad"
    case .gatherGradient: return "gather_grad"
    case .conv2D: return "conv2d"
    case .conv2DBackpropInput: return "conv2d_backprop_input"
    case .conv2DBackpropFilter: return "conv2d_backprop_filter"
    case .maxPool2D: return "max_pool2d"
    case .avgPool2D: return "avg_pool2d"
    case .maxPool2DGradient: return "max_pool_grad"
    case .maxPool2DGradientGradient: return "max_pool_grad_grad"
    case .avgPool2DGradient: return "avg_pool_grad"
    case .host: return "host_call"
    case .copy, .copyLike: return "copy_to_device"
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
    case .cast(let dtype): return castOutputSpec(inputs[0], to: dtype)
    case .reduce(let function, let axes): return function.outputSpec(inputs[0], axes: axes)
    case .argReduce(let function, let axis): return function.outputSpec(inputs[0], axis: axis)
    case .cumulativeSum(let axis, _, _): return cumulativeSumOutputSpec(inputs[0], axis: axis)
    case .matmul(let transposeA, let transposeB):
      return matmulOutputSpec(inputs[0], inputs[1], transposeA: transposeA, transposeB: transposeB)
    case .reshape(let shape): return reshapeOutputSpec(inputs[0], to: shape)
    case .reshapeLike: return reshapeLikeOutputSpec(inputs[0], like: inputs[1])
    case .broadcastLike: return broadcastOutputSpec(inputs[0], to: inputs[1].shape)
    case .transpose(let permutation): return transposeOutputSpec(inputs[0], permutation)
    case .broadcast(let shape): return broadcastOutputSpec(inputs[0], to: shape)
    case .reverse(let axes): return reverseOutputSpec(inputs[0], axes: axes)
    case .stridedSlice(let ranges): return stridedSliceOutputSpec(inputs[0], ranges)
    case .pad(let paddings, _): return padOutputSpec(inputs[0], paddings)
    case .concat(let axis): return concatOutputSpec(inputs, axis: axis)
    case .gather(let axis): return gatherOutputSpec(inputs[0], indices: inputs[1], axis: axis)
    case .random(_, let spec, _): return randomOutputSpec(spec, like: inputs.first)
    case .stridedSliceGradient(let ranges):
      return stridedSliceGradientOutputSpec(inputs[0], like: inputs[1], ranges)
    case .gatherGradient(let axis):
      return gatherGradientOutputSpec(inputs[0], indices: inputs[1], like: inputs[2], axis: axis)
    case .conv2D(let attributes): return conv2DOutputSpec(inputs[0], inputs[1], attributes)
    case .conv2DBackpropInput(let attributes):
      return conv2DBackpropInputOutputSpec(
        inputs[0], filter: inputs[1], like: inputs[2], attributes)
    case .conv2DBackpropFilter(let attributes):
      return conv2DBackpropFilterOutputSpec(inputs[0], inputs[1], like: inputs[2], attributes)
    case .maxPool2D(let attributes), .avgPool2D(let attributes):
      return pool2DOutputSpec(inputs[0], attributes, op: name)
    case .maxPool2DGradient(let attributes), .avgPool2DGradient(let attributes):
      return pool2DGradientOutputSpec(inputs[0], like: inputs[1], attributes, op: name)
    case .maxPool2DGradientGradient(let attributes):
      return maxPool2DGradientGradientOutputSpec(inputs[0], like: inputs[1], attributes)
    case .host: return .success(inputs[0])
    case .copy, .copyLike: return copyOutputSpec(inputs[0])
    }
  }

  /// Computes the output of concrete inputs whose specs passed ``outputSpec(_:)``.
  func execute(_ inputs: [Tensor], output: TensorSpec) -> Tensor {
    // A device copy takes its operand where it lives; every other primitive runs on one device.
    let inputs = isDeviceCopy ? inputs : placedOnOneDevice(inputs, op: name).1
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
    case .reshape, .reshapeLike: return executeReshape(inputs[0], output: output)
    case .broadcastLike: return executeBroadcast(inputs[0], output: output)
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
    case .stridedSliceGradient(let ranges):
      return executeStridedSliceGradient(inputs[0], ranges, output: output)
    case .gatherGradient(let axis):
      return executeGatherGradient(inputs[0], indices: inputs[1], axis: axis, output: output)
    case .conv2D(let attributes):
      return executeConv2D(inputs[0], inputs[1], attributes, output: output)
    case .conv2DBackpropInput(let attributes):
      return executeConv2DBackpropInput(inputs[0], inputs[1], attributes, output: output)
    case .conv2DBackpropFilter(let attributes):
      return executeConv2DBackpropFilter(inputs[0], inputs[1], attributes, output: output)
    case .maxPool2D(let attributes):
      return executePool2D(inputs[0], max: true, attributes, output: output)
    case .avgPool2D(let attributes):
      return executePool2D(inputs[0], max: false, attributes, output: output)
    case .maxPool2DGradient(let attributes):
      return executeMaxPool2DGradient(inputs[0], inputs[1], attributes, output: output)
    case .maxPool2DGradientGradient(let attributes):
      return executeMaxPool2DGradientGradient(inputs[0], inputs[1], attributes, output: output)
    case .avgPool2DGradient(let attributes):
      return executeAvgPool2DGradient(inputs[0], attributes, output: output)
    case .host(let function): return function.execute(inputs[0], output: output)
    case .copy(let target): return executeCopy(inputs[0], to: target.device)
    case .copyLike: return executeCopy(inputs[0], to: inputs[1].device)
    }
  }

  /// The cotangents of the inputs given the cotangent of the output, written with ordinary ops
  /// (so that they are differentiable in turn); `nil` where `needs` is false or the input has no
  /// gradient.
  func vjp(inputs: [Tensor], output: Tensor, cotangent g: Tensor, needs: [Bool]) -> [Tensor?] {
    guard let x = inputs.first else { return [] }
    switch self {
    case .unary(let function):
      return [needs[0] ? function.vjp(x: x, y: output, cotangent: g) : nil]
    case .binary(let function):
      return function.vjp(x, inputs[1], y: output, cotangent: g, needs: needs)
    case .compare, .argReduce, .random, .host:
      return inputs.map { _ in nil }  // piecewise constant, independent of the inputs, or opaque
    case .select:
      return selectVJP(x, inputs[1], inputs[2], cotangent: g, needs: needs)
    case .cast:
      return [castVJP(x, cotangent: g)]
    case .reduce(let function, let axes):
      return [function.vjp(x: x, y: output, axes: axes, cotangent: g)]
    case .cumulativeSum(let axis, let exclusive, let reverse):
      return [cumulativeSumVJP(axis: axis, exclusive: exclusive, reverse: reverse, cotangent: g)]
    case .matmul(let transposeA, let transposeB):
      return matmulVJP(
        x, inputs[1], transposeA: transposeA, transposeB: transposeB, cotangent: g, needs: needs)
    case .reshape, .reshapeLike:
      return reshapeVJP(inputs, cotangent: g)
    case .broadcast, .broadcastLike:
      return broadcastVJP(inputs, cotangent: g)
    case .transpose(let permutation):
      return [transposeVJP(permutation, cotangent: g)]
    case .reverse(let axes):
      return [reverseVJP(axes: axes, cotangent: g)]
    case .stridedSlice(let ranges):
      return [stridedSliceVJP(x, ranges, cotangent: g)]
    case .pad(let paddings, _):
      return [padVJP(x, paddings, cotangent: g)]
    case .concat(let axis):
      return concatVJP(inputs, axis: axis, cotangent: g, needs: needs)
    case .gather(let axis):
      return gatherVJP(x, indices: inputs[1], axis: axis, cotangent: g, needs: needs)
    case .stridedSliceGradient(let ranges):
      return stridedSliceGradientVJP(ranges, cotangent: g)
    case .gatherGradient(let axis):
      return gatherGradientVJP(indices: inputs[1], axis: axis, cotangent: g)
    case .conv2D(let attributes):
      return conv2DVJP(x, inputs[1], attributes, cotangent: g, needs: needs)
    case .conv2DBackpropInput(let attributes):
      return conv2DBackpropInputVJP(x, inputs[1], attributes, cotangent: g, needs: needs)
    case .conv2DBackpropFilter(let attributes):
      return conv2DBackpropFilterVJP(x, inputs[1], attributes, cotangent: g, needs: needs)
    case .maxPool2D(let attributes):
      return [maxPool2DVJP(x, attributes, cotangent: g)]
    case .avgPool2D(let attributes):
      return [avgPool2DVJP(x, attributes, cotangent: g)]
    case .maxPool2DGradient(let attributes):
      return maxPool2DGradientVJP(inputs[1], attributes, cotangent: g, needs: needs)
    case .maxPool2DGradientGradient(let attributes):
      return maxPool2DGradientGradientVJP(inputs[1], attributes, cotangent: g, needs: needs)
    case .avgPool2DGradient(let attributes):
      return avgPool2DGradientVJP(attributes, cotangent: g, needs: needs)
    case .copy:
      return [copyVJP(x, cotangent: g)]
    case .copyLike:
      return copyLikeVJP(inputs, cotangent: g, needs: needs)
    }
  }
}

extension Tensor {
  /// The dtype and shape of this tensor.
  public final var spec: TensorSpec { TensorSpec(dtype: dtype, shape: shape) }
}
