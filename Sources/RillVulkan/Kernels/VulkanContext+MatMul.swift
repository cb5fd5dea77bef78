import RillCore

extension VulkanContext {
  /// Batched matrix product over rank-3 views ([batch, rows, columns], a batch stride of 0
  /// broadcasts); the flags transpose the last two dimensions of a and b.
  func matmul(
    _ a: VulkanView, _ b: VulkanView, transposeA: Bool, transposeB: Bool, into y: VulkanView
  ) {
    guard y.count > 0 else { return }
    require(
      [.float32, .float64, .int32, .int64].contains(a.dtype),
      "matmul: \(a.dtype) is not implemented on Vulkan")
    requireSupport(a.dtype, "matmul")
    let batch = y.shape[0]
    let m = y.shape[1]
    let n = y.shape[2]
    let k = transposeA ? a.shape[1] : a.shape[2]
    let (aRow, aK) = transposeA ? (a.strides[2], a.strides[1]) : (a.strides[1], a.strides[2])
    let (bK, bColumn) = transposeB ? (b.strides[2], b.strides[1]) : (b.strides[1], b.strides[2])
    guard k > 0 else {
      fill(y.buffer, offset: y.offset * y.dtype.byteCount, byteCount: y.count * y.dtype.byteCount)
      return
    }
    require(
      batch <= 65535 && m / 64 < 65535 && n / 64 < 65535
        && [a.count, b.count, y.count].allSatisfy { $0 <= maximumShaderIndex },
      "matmul: [\(batch), \(m), \(n)] is too large for Vulkan kernels")
    let parameters: [Int] = [
      batch, m, n, k, a.offset, a.strides[0], aRow, aK, b.offset, b.strides[0], bK, bColumn,
      y.offset, y.strides[0], y.strides[1], y.strides[2],
    ]
    dispatch(
      "matmul_\(a.dtype.shaderSuffix)", parameters: parameters.map { Int32($0) },
      buffers: [y.buffer, a.buffer, b.buffer], groups: ((n + 63) / 64, (m + 63) / 64, batch))
  }
}
