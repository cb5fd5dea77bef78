/// Runs a primitive on its inputs and returns the output.
///
/// This is the one door every op goes through: it checks shapes and dtypes (inputs that do not
/// fit are a logic error in the program and trap with a message naming the op and the
/// operands), computes, and lets the tapes recording on this thread record the op.
func apply(_ primitive: Primitive, _ inputs: Tensor...) -> Tensor {
  apply(primitive, inputs)
}

/// Runs a primitive on an array of inputs; see ``apply(_:_:)-variadic``.
func apply(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
  let output = trapping(primitive.outputSpec(inputs.map(\.spec)))
  let result = primitive.execute(inputs, output: output)
  let tapes = ExecutionContext.current.recordingTapes
  if !tapes.isEmpty && output.dtype.isFloatingPoint {
    for tape in tapes { tape.record(primitive, inputs: inputs, output: result) }
  }
  return result
}
