import RillCore

// Gather and its deterministic adjoint, scatter-add, over views of rank 3 ([outer, axis, inner]).
extension VulkanContext {
  /// Uploads 32-bit integers into a new buffer.
  func upload(_ values: [Int32]) -> VulkanBuffer {
    let buffer = allocate(byteCount: max(values.count, 1) * 4)
    values.withUnsafeBytes { bytes in
      if let base = bytes.baseAddress { write(base, byteCount: bytes.count, to: buffer) }
    }
    return buffer
  }

  /// y[o, i, j] = x[o, indices[i], j].
  func gather(_ x: VulkanView, indices: [Int], into y: VulkanView) {
    guard y.count > 0 else { return }
    require(x.count <= maximumShaderIndex, "gather: \(x.count) elements are too many for Vulkan")
    let indexBuffer = upload(indices.map { Int32($0) })
    let parameters: [Int] = [
      y.count, y.shape[1], y.shape[2], 0, x.offset, x.strides[0], x.strides[1], x.strides[2],
      y.offset, y.strides[0], y.strides[1], y.strides[2],
    ]
    dispatch(
      "gather_\(y.dtype.wordSuffix)", parameters: parameters.map { Int32($0) },
      buffers: [y.buffer, x.buffer, indexBuffer], groups: gridGroups(y.count))
  }

  /// y[o, r, j] = Σ x[o, i, j] over the i with indices[i] = r, in ascending i (so the sums do not
  /// depend on scheduling); rows no index names are 0.
  func scatterAdd(_ x: VulkanView, indices: [Int], into y: VulkanView) {
    guard y.count > 0 else { return }
    require(y.dtype != .bool, "scatter_add: bool operands")
    requireSupport(y.dtype, "scatter_add")
    require(x.count <= maximumShaderIndex, "scatter_add: \(x.count) elements are too many")
    // Each row's positions, in ascending order (a counting sort on the host).
    let rows = y.shape[1]
    var starts = [Int32](repeating: 0, count: rows + 1)
    for index in indices { starts[index + 1] += 1 }
    for row in 0..<rows { starts[row + 1] += starts[row] }
    var next = Array(starts.dropLast())
    var positions = [Int32](repeating: 0, count: indices.count)
    for (position, index) in indices.enumerated() {
      positions[Int(next[index])] = Int32(position)
      next[index] += 1
    }
    let parameters: [Int] = [
      y.count, rows, y.shape[2], 0, x.offset, x.strides[0], x.strides[1], x.strides[2],
      y.offset, y.strides[0], y.strides[1], y.strides[2],
    ]
    dispatch(
      "scatter_add_\(y.dtype.shaderSuffix)", parameters: parameters.map { Int32($0) },
      buffers: [y.buffer, x.buffer, upload(starts), upload(positions)],
      groups: gridGroups(y.count))
  }
}
