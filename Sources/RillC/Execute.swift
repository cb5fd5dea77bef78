import Rill

/// Runs an op by name; see `rill.h`.
///
/// - Parameters:
///   - op: the op's name, as TensorFlow spells it (`add`, `matmul`, `conv2d` …).
///   - inputs: `inputCount` tensor handles.
///   - inputCount: how many operands.
///   - attrs: an attribute-set handle, or NULL for none.
///   - status: receives the outcome.
/// - Returns: the result, a new tensor handle, or NULL.
@_cdecl("rill_execute")
public func rill_execute(
  _ op: UnsafePointer<CChar>?, _ inputs: UnsafePointer<OpaquePointer?>?, _ inputCount: Int32,
  _ attrs: OpaquePointer?, _ status: OpaquePointer?
) -> OpaquePointer? {
  withStatus(status, failure: nil) {
    guard let op else { throw CallError.invalid("rill_execute: op is NULL") }
    let name = String(cString: op)
    guard let definition = OpTable.definitions[name] else {
      throw CallError(.notFound, "rill_execute: '\(name)' is not an op Rill runs from C")
    }
    guard Int(inputCount) == definition.arity else {
      throw CallError.invalid("\(name): takes \(definition.arity) inputs, given \(inputCount)")
    }
    guard inputCount == 0 || inputs != nil else {
      throw CallError.invalid("\(name): inputs is NULL")
    }
    let operands = try (0..<Int(inputCount)).map { index in
      try liveTensor(inputs?[index], "\(name): input \(index)")
    }
    var values: [String: AttributeValue] = [:]
    if attrs != nil {
      guard let box = Handles.object(attrs, as: AttributesBox.self) else {
        throw CallError.invalid("\(name): attrs is not a live RillAttrs")
      }
      values = box.values
    }
    // Every result shape an op's rule makes is bounded by the largest size at each position
    // (counted from the last) over the operands: checked so that no rule's shape overflows.
    let rank = operands.map(\.rank).max() ?? 0
    let bound = (0..<rank).map { position in
      operands.map { $0.rank > position ? $0.shape[$0.rank - 1 - position] : 1 }.max() ?? 1
    }
    try checkShapeArithmetic(bound, name)
    var attributes = OpAttributes(op: name, values: values)
    let prepared = try definition.prepare(
      &attributes, operands.map { TensorSpec(dtype: $0.dtype, shape: $0.shape) })
    try attributes.checkAllRead()
    for spec in [prepared.output] + prepared.scratch { try checkAllocatable(spec, name) }
    try prepared.checkValues(operands)
    return Handles.register(TensorBox(prepared.run(operands)))
  }
}
