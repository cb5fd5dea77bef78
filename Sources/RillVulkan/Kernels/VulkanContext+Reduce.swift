import RillCore

// Reductions, arg-reductions and running sums (the layout of `reduce_common.glsl`).
extension VulkanContext {
  /// Parameters for the outputs over `kept` axes (dropping size-1 ones) of x and y.
  private func reductionParameters(
    op: String, function: Int32, x: VulkanView, y: VulkanView, kept: [Int], reduced: [Int]
  ) -> [Int32] {
    let keptAxes = kept.filter { x.shape[$0] != 1 }
    let reducedAxes = reduced.filter { x.shape[$0] != 1 }
    require(
      keptAxes.count <= 8 && reducedAxes.count <= 8,
      "\(op): shape \(x.shape) has too many dimensions for Vulkan")
    require(x.count <= maximumShaderIndex, "\(op): \(x.count) elements are too many for Vulkan")
    var parameters = [Int32](repeating: 0, count: 48)
    parameters[0] = Int32(keptAxes.reduce(1) { $0 * x.shape[$1] })
    parameters[1] = Int32(keptAxes.count)
    parameters[2] = function
    parameters[3] = Int32(reducedAxes.reduce(1) { $0 * x.shape[$1] })
    for (d, axis) in keptAxes.enumerated() {
      parameters[4 + d] = Int32(x.shape[axis])
      parameters[12 + d] = Int32(x.strides[axis])
      parameters[20 + d] = Int32(y.strides[axis])
    }
    parameters[28] = Int32(x.offset)
    parameters[29] = Int32(y.offset)
    parameters[30] = Int32(reducedAxes.count)
    for (d, axis) in reducedAxes.enumerated() {
      parameters[32 + d] = Int32(x.shape[axis])
      parameters[40 + d] = Int32(x.strides[axis])
    }
    return parameters
  }

  /// Reduces x over `axes` into y; `function` is 0 sum, 1 product, 2 max, 3 min, 4 mean.
  func reduce(_ function: Int32, name: String, _ x: VulkanView, axes: [Int], into y: VulkanView) {
    guard y.count > 0 else { return }
    require(x.dtype != .bool, "\(name): bool operands")
    requireSupport(x.dtype, name)
    let kept = x.shape.indices.filter { !axes.contains($0) }
    let parameters = reductionParameters(
      op: name, function: function, x: x, y: y, kept: kept, reduced: axes)
    let reducedCount = Int(parameters[3])
    if reducedCount >= 128 {
      // One workgroup per output (a fixed tree over 256 partials).
      dispatch(
        "reduce_workgroup_\(x.dtype.shaderSuffix)", parameters: parameters,
        buffers: [y.buffer, x.buffer], groups: (min(y.count, 65535), 1, 1))
    } else {
      dispatch(
        "reduce_\(x.dtype.shaderSuffix)", parameters: parameters, buffers: [y.buffer, x.buffer],
        groups: gridGroups(y.count))
    }
  }

  /// The index of the first largest (`function` 0) or smallest (1) element along `axis`, into
  /// the int64 view y.
  func argReduce(_ function: Int32, name: String, _ x: VulkanView, axis: Int, into y: VulkanView) {
    guard y.count > 0 else { return }
    requireSupport(.int64, name)
    require(x.dtype != .bool, "\(name): bool operands")
    requireSupport(x.dtype, name)
    let kept = x.shape.indices.filter { $0 != axis }
    var parameters = reductionParameters(
      op: name, function: function, x: x, y: y, kept: kept, reduced: [])
    parameters[3] = Int32(x.shape[axis])
    parameters[40] = Int32(x.strides[axis])
    dispatch(
      "arg_reduce_\(x.dtype.shaderSuffix)", parameters: parameters, buffers: [y.buffer, x.buffer],
      groups: gridGroups(y.count))
  }

  /// Running sums of x along `axis` into y.
  func cumulativeSum(
    _ x: VulkanView, axis: Int, exclusive: Bool, reverse: Bool, into y: VulkanView
  ) {
    guard y.count > 0 else { return }
    require(x.dtype != .bool, "cumsum: bool operands")
    requireSupport(x.dtype, "cumsum")
    let kept = x.shape.indices.filter { $0 != axis }
    var parameters = reductionParameters(
      op: "cumsum", function: (exclusive ? 1 : 0) | (reverse ? 2 : 0), x: x, y: y, kept: kept,
      reduced: [])
    parameters[3] = Int32(x.shape[axis])
    parameters[40] = Int32(x.strides[axis])
    parameters[41] = Int32(y.strides[axis])
    dispatch(
      "cumulative_sum_\(x.dtype.shaderSuffix)", parameters: parameters,
      buffers: [y.buffer, x.buffer], groups: gridGroups(Int(parameters[0])))
  }
}
