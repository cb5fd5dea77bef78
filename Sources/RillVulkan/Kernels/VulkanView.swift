import RillCore

/// Device memory seen as a strided array: a buffer, the offset of element (0, 0, …) in elements,
/// a dtype, a shape and strides in elements (0 for broadcast dimensions).
struct VulkanView {
  /// The memory.
  var buffer: VulkanBuffer
  /// The offset of the first element, in elements.
  var offset: Int
  /// The element type.
  var dtype: DType
  /// The dimensions.
  var shape: [Int]
  /// The distance between neighbours along each dimension, in elements.
  var strides: [Int]

  /// The number of elements.
  var count: Int { shape.reduce(1, *) }

  /// A dense row-major view of `buffer`.
  static func dense(_ buffer: VulkanBuffer, dtype: DType, shape: [Int]) -> VulkanView {
    var strides = [Int](repeating: 1, count: shape.count)
    var step = 1
    for axis in shape.indices.reversed() {
      strides[axis] = step
      step *= shape[axis]
    }
    return VulkanView(buffer: buffer, offset: 0, dtype: dtype, shape: shape, strides: strides)
  }

  /// The view with its dimensions reordered: dimension `i` of the result is `permutation[i]`.
  func permuted(_ permutation: [Int]) -> VulkanView {
    VulkanView(
      buffer: buffer, offset: offset, dtype: dtype, shape: permutation.map { shape[$0] },
      strides: permutation.map { strides[$0] })
  }
}

extension DType {
  /// The suffix of this dtype's shader variants.
  var shaderSuffix: String {
    switch self {
    case .float32: return "f32"
    case .float64: return "f64"
    case .int32: return "i32"
    case .int64: return "i64"
    case .uint8: return "u8"
    case .bool: return "bool"
    }
  }

  /// The suffix of the shaders that move elements of this size without reading them.
  var wordSuffix: String {
    switch byteCount {
    case 1: return "w1"
    case 4: return "w4"
    default: return "w8"
    }
  }
}

/// The largest element count or offset a shader indexes (they use 32-bit integers).
let maximumShaderIndex = Int(Int32.max)

/// Parameters of the strided layout (`common.glsl`) for an output and its inputs of one shape:
/// dimensions of size 1 are dropped and neighbours that every operand lays out contiguously are
/// merged, so most operands reach the shader with rank 1.
func stridedParameters(
  op: String, function: UInt32, shape: [Int], operands: [VulkanView], extra: Int32 = 0
) -> [Int32] {
  var dimensions: [(size: Int, strides: [Int])] = []
  for axis in shape.indices where shape[axis] != 1 {
    let strides = operands.map { $0.strides[axis] }
    if let last = dimensions.last,
      zip(last.strides, strides).allSatisfy({ $0 == $1 * shape[axis] })
    {
      dimensions[dimensions.count - 1] = (last.size * shape[axis], strides)
    } else {
      dimensions.append((shape[axis], strides))
    }
  }
  let count = shape.reduce(1, *)
  require(
    dimensions.count <= 8,
    "\(op): shape \(shape) has more than 8 non-mergeable dimensions on Vulkan")
  require(count <= maximumShaderIndex, "\(op): \(count) elements are too many for Vulkan kernels")
  var parameters = [Int32](repeating: 0, count: 12 + 9 * operands.count)
  parameters[0] = Int32(count)
  parameters[1] = Int32(dimensions.count)
  parameters[2] = Int32(function)
  parameters[3] = extra
  for (d, dimension) in dimensions.enumerated() { parameters[4 + d] = Int32(dimension.size) }
  for (k, operand) in operands.enumerated() {
    parameters[12 + 9 * k] = Int32(operand.offset)
    for (d, dimension) in dimensions.enumerated() {
      parameters[13 + 9 * k + d] = Int32(dimension.strides[k])
    }
  }
  return parameters
}

/// The workgroups of a grid-stride dispatch over `count` items, `groupSize` per group.
func gridGroups(_ count: Int, groupSize: Int = 256) -> (x: Int, y: Int, z: Int) {
  (max(1, min((count + groupSize - 1) / groupSize, 65535)), 1, 1)
}
