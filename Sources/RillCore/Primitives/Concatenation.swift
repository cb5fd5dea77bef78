// The concat primitive: operands of one dtype and rank, equal in every dimension but `axis`,
// joined along it. Each operand is copied into its slice of the output.

/// `axis` is in range (the public op normalizes it).
func concatOutputSpec(_ inputs: [TensorSpec], axis: Int) -> Result<TensorSpec, ShapeError> {
  guard let first = inputs.first else {
    return .failure(ShapeError(op: "concat", "there are no operands"))
  }
  guard axis >= 0 && axis < first.shape.rank else {
    return .failure(
      ShapeError(op: "concat", "axis \(axis) is out of range for shape \(first.shape)"))
  }
  var shape = first.shape
  shape[axis] = 0
  for input in inputs {
    var other = input.shape
    guard input.dtype == first.dtype, other.rank == shape.rank else {
      return .failure(
        ShapeError(
          op: "concat", "operands \(list(inputs.map(\.description))) differ in dtype or rank"))
    }
    let size = other[axis]
    other[axis] = 0
    guard other == Shape(shape.enumerated().map { $0.offset == axis ? 0 : $0.element }) else {
      return .failure(
        ShapeError(
          op: "concat",
          "shapes \(list(inputs.map(\.shape.description))) differ outside axis \(axis)"))
    }
    shape[axis] =
      shape[axis] == Shape.unknown || size == Shape.unknown ? Shape.unknown : shape[axis] + size
  }
  return .success(TensorSpec(dtype: first.dtype, shape: shape))
}

/// Each operand's cotangent is its slice of the output's cotangent.
func concatVJP(_ inputs: [Tensor], axis: Int, cotangent g: Tensor, needs: [Bool]) -> [Tensor?] {
  var start = 0
  return zip(inputs, needs).map { input, needed in
    defer { start += input.shape[axis] }
    guard needed else { return nil }
    var ranges = Array(repeating: SliceRange(), count: g.rank)
    ranges[axis] = SliceRange(start: start, end: start + input.shape[axis])
    return apply(.stridedSlice(ranges), g)
  }
}

func executeConcat(_ inputs: [Tensor], axis: Int, output: TensorSpec) -> Tensor {
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: inputs[0].device)
  var slot = y.deviceView
  for input in inputs {
    slot.shape[axis] = input.shape[axis]
    y.device.copy(input.deviceView, into: slot)
    slot = slot.offset(byElements: input.shape[axis] * slot.strides[axis])
  }
  return y
}

/// Items written as a bracketed list, for messages.
private func list(_ items: [String]) -> String {
  "[" + items.joined(separator: ", ") + "]"
}
