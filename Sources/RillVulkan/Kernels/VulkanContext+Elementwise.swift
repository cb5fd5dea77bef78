import RillCore

// The elementwise kernels: one shader per family and dtype, the function passed as a number
// (the raw values of RillCore's function enums), operands as strided views.
extension VulkanContext {
  /// Traps unless the device can run shaders on `dtype`.
  func requireSupport(_ dtype: DType, _ op: String) {
    if dtype == .int64 {
      require(info.supportsInt64, "\(op): this Vulkan device has no 64-bit integers in shaders")
    }
    if dtype == .float64 {
      require(info.supportsFloat64, "\(op): this Vulkan device has no 64-bit floats in shaders")
    }
  }

  /// Records one strided elementwise dispatch.
  func elementwise(
    _ shader: String, op: String, function: UInt32, output: VulkanView, inputs: [VulkanView]
  ) {
    guard output.count > 0 else { return }
    for view in [output] + inputs { requireSupport(view.dtype, op) }
    let parameters = stridedParameters(
      op: op, function: function, shape: output.shape, operands: [output] + inputs)
    dispatch(
      shader, parameters: parameters, buffers: ([output] + inputs).map(\.buffer),
      groups: gridGroups(output.count))
  }

  /// y = f(x); `function` is a `UnaryFunction` raw value.
  func unary(_ function: UInt32, name: String, _ x: VulkanView, into y: VulkanView) {
    elementwise(
      "unary_\(x.dtype.shaderSuffix)", op: name, function: function, output: y, inputs: [x])
  }

  /// y = f(a, b); `function` is a `BinaryFunction` raw value.
  func binary(
    _ function: UInt32, name: String, _ a: VulkanView, _ b: VulkanView, into y: VulkanView
  ) {
    require(a.dtype != .bool, "\(name): bool operands")
    elementwise(
      "binary_\(a.dtype.shaderSuffix)", op: name, function: function, output: y, inputs: [a, b])
  }

  /// y = f(a, b) as bools; `function` is a `ComparisonFunction` raw value.
  func compare(
    _ function: UInt32, name: String, _ a: VulkanView, _ b: VulkanView, into y: VulkanView
  ) {
    elementwise(
      "compare_\(a.dtype.shaderSuffix)", op: name, function: function, output: y, inputs: [a, b])
  }

  /// y = condition ? a : b.
  func select(_ condition: VulkanView, _ a: VulkanView, _ b: VulkanView, into y: VulkanView) {
    elementwise(
      "select_\(y.dtype.wordSuffix)", op: "select", function: 0, output: y,
      inputs: [condition, a, b])
  }

  /// y = x converted to y's dtype.
  func cast(_ x: VulkanView, into y: VulkanView) {
    elementwise(
      "cast_\(x.dtype.shaderSuffix)_\(y.dtype.shaderSuffix)", op: "cast", function: 0, output: y,
      inputs: [x])
  }

  /// Copies x into the strided view y of the same shape.
  func copy(_ x: VulkanView, into y: VulkanView) {
    elementwise("copy_\(y.dtype.wordSuffix)", op: "copy", function: 0, output: y, inputs: [x])
  }

  /// One fused chain of float32 operations: `program` lists (kind, function, operand, operand)
  /// per operation as `fused.comp` reads them.
  func fused(
    program: [(kind: Int32, function: Int32, a: Int32, b: Int32)], inputs: [VulkanView],
    into y: VulkanView
  ) {
    guard y.count > 0 else { return }
    require(y.dtype == .float32, "fused elementwise: \(y.dtype) is not implemented on Vulkan")
    require(
      inputs.count <= 8 && program.count <= 32 && !program.isEmpty,
      "fused elementwise: \(inputs.count) inputs and \(program.count) operations exceed Vulkan's 8 and 32"
    )
    var parameters = stridedParameters(
      op: "fused", function: 0, shape: y.shape, operands: [y] + inputs)
    parameters += [Int32](repeating: 0, count: 97 - parameters.count)
    parameters[95] = Int32(inputs.count)
    parameters[96] = Int32(program.count)
    for step in program { parameters += [step.kind, step.function, step.a, step.b] }
    // Unused input bindings repeat the output, so every binding names a buffer.
    let buffers =
      [y.buffer] + inputs.map(\.buffer)
      + [VulkanBuffer](repeating: y.buffer, count: 8 - inputs.count)
    dispatch(
      "fused_f32", parameters: parameters, buffers: buffers,
      groups: gridGroups(y.count, groupSize: 64))
  }
}
