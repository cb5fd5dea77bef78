import RillCore

// Random tensors: the shader `random.comp` computes the CPU's counter-based stream.
extension VulkanContext {
  /// Whether the device can draw random tensors itself: the samples are computed in float64
  /// (and the 53-bit uniforms in 64-bit integers), as on the CPU.
  var drawsRandomNumbers: Bool { info.supportsFloat64 && info.supportsInt64 }

  /// Fills the dense view y with samples of `distribution` under `key`.
  ///
  /// - Parameters:
  ///   - distribution: the distribution.
  ///   - key: the stream's 64-bit key.
  ///   - y: a dense float32 or float64 output.
  func random(_ distribution: RandomDistribution, key: UInt64, into y: VulkanView) {
    guard y.count > 0 else { return }
    require(
      y.dtype == .float32 || y.dtype == .float64,
      "\(distribution.name): \(y.dtype) is not a floating-point dtype")
    require(
      y.count <= maximumShaderIndex,
      "\(distribution.name): \(y.count) elements are too many for Vulkan")
    let (kind, first, second): (Int32, Double, Double)
    switch distribution {
    case .uniform(let lower, let upper): (kind, first, second) = (0, lower, upper)
    case .normal(let mean, let deviation): (kind, first, second) = (1, mean, deviation)
    case .truncatedNormal(let mean, let deviation): (kind, first, second) = (2, mean, deviation)
    }
    func words(_ value: UInt64) -> [Int32] {
      let low = UInt32(truncatingIfNeeded: value)
      return [Int32(bitPattern: low), Int32(bitPattern: UInt32(value >> 32))]
    }
    let parameters =
      [Int32(y.count), kind] + words(key) + words(first.bitPattern) + words(second.bitPattern)
      + [Int32(y.offset)]
    let perBlock = kind == 0 ? 2 : (kind == 1 ? 4 : 1)
    dispatch(
      "random_\(y.dtype.shaderSuffix)", parameters: parameters, buffers: [y.buffer],
      groups: gridGroups((y.count + perBlock - 1) / perBlock, groupSize: 256))
  }
}
