/// Runs a primitive on its inputs and returns the output.
///
/// This is the one door every op goes through. An op with a symbolic input (or, while a
/// function is traced, one that reads a variable or draws random numbers) adds a node to a
/// graph; any other computes at once. Either way shapes and dtypes are checked first — inputs
/// that do not fit are a logic error and stop the program with a message naming the op and the
/// operands — and the tapes recording on this thread record the op.
func apply(_ primitive: Primitive, _ inputs: Tensor...) -> Tensor {
  apply(primitive, inputs)
}

/// Runs a primitive on an array of inputs; see ``apply(_:_:)-variadic``.
func apply(_ primitive: Primitive, _ inputs: [Tensor]) -> Tensor {
  let context = ExecutionContext.current
  if let graph = symbolicGraph(of: primitive, inputs, context) {
    return applySymbolically(primitive, inputs, graph: graph, context: context)
  }
  context.eagerOperationCount &+= 1
  let output = trapping(outputSpec(of: primitive, inputs))
  let result = primitive.execute(inputs, output: output)
  if !context.recordingTapes.isEmpty && output.dtype.isFloatingPoint {
    // Each variable read is recorded as a snapshot that later updates cannot change.
    let readsVariable = inputs.contains { $0 is Variable }
    let read = readsVariable ? inputs.map { ($0 as? Variable).map { Tensor($0) } ?? $0 } : inputs
    for tape in context.recordingTapes {
      tape.record(primitive, inputs: inputs, values: read, output: result)
    }
  }
  return result
}

/// The primitive's output spec for concrete inputs; the elementwise families, reductions and
/// reshapes, most of the ops of an eager step, are asked directly, without an array of the
/// inputs' specs.
private func outputSpec(of primitive: Primitive, _ inputs: [Tensor]) -> Result<
  TensorSpec, ShapeError
> {
  switch primitive {
  case .unary(let function): return function.outputSpec(inputs[0].spec)
  case .binary(let function): return function.outputSpec(inputs[0].spec, inputs[1].spec)
  case .reduce(let function, let axes): return function.outputSpec(inputs[0].spec, axes: axes)
  case .reshape(let shape): return reshapeOutputSpec(inputs[0].spec, to: shape)
  case .broadcast(let shape): return broadcastOutputSpec(inputs[0].spec, to: shape)
  default: return primitive.outputSpec(inputs.map(\.spec))
  }
}

/// The graph an op joins, if any: the graph of a symbolic input, or the function being traced
/// when the op reads a variable, draws random numbers or calls host code (each call must see the
/// variable's current value, new numbers and the host code's effects).
private func symbolicGraph(of primitive: Primitive, _ inputs: [Tensor], _ context: ExecutionContext)
  -> Graph?
{
  for input in inputs {
    if let graph = input.symbol?.graph { return graph }
  }
  guard let tracing = context.tracingGraph else { return nil }
  switch primitive {
  case .random, .host: return tracing
  default: return inputs.contains { $0 is Variable } ? tracing : nil
  }
}

/// Adds the op to `graph` and returns its symbolic output.
private func applySymbolically(
  _ primitive: Primitive, _ inputs: [Tensor], graph: Graph, context: ExecutionContext
) -> Tensor {
  let nodes = inputs.map { graph.node(for: $0) }
  let spec = trapping(primitive.outputSpec(nodes.map(\.spec)))
  let result = graph.tensor(graph.add(.primitive(primitive), inputs: nodes, spec: spec))
  if !context.recordingTapes.isEmpty && spec.dtype.isFloatingPoint {
    let read = zip(inputs, nodes).map { input, node in
      input is Variable ? graph.tensor(node) : input
    }
    for tape in context.recordingTapes {
      tape.record(primitive, inputs: inputs, values: read, output: result)
    }
  }
  return result
}
