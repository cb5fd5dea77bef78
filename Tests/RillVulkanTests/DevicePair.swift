import RillCore
import RillVulkan
import Testing

/// The Vulkan device the tests run on: lavapipe in CI, the first device Vulkan lists.
let vulkan: VulkanDevice = {
  do {
    return try VulkanDevice(deviceIndex: 0)
  } catch {
    fatalError("The Vulkan tests need a Vulkan device (Debian mesa-vulkan-drivers): \(error)")
  }
}()

/// The same operand on the CPU device and on the Vulkan device.
struct DevicePair {
  var cpu: DeviceView
  var gpu: DeviceView

  /// Dense operands holding `values` (converted to `dtype`), viewed with `shape`; `strides`
  /// (in elements, from `offset`) give a strided view of the same memory instead.
  init(
    _ values: [Double], dtype: DType = .float32, shape: [Int], strides: [Int]? = nil,
    offset: Int = 0
  ) {
    let bytes = hostBytes(values, dtype: dtype)
    func make(_ device: any Device) -> DeviceView {
      guard let buffer = device.allocate(byteCount: max(bytes.count, 1)) else {
        fatalError("no memory on \(device.id)")
      }
      bytes.withUnsafeBytes { device.copy(fromHost: $0, into: buffer, byteOffset: 0) }
      var view = DeviceView.dense(buffer, dtype: dtype, shape: shape)
      if let strides { view.strides = strides }
      return view.offset(byElements: offset)
    }
    cpu = make(CPUDevice.shared)
    gpu = make(vulkan)
  }

  /// Uninitialized dense outputs of `shape`.
  static func output(dtype: DType = .float32, shape: [Int]) -> DevicePair {
    let count = shape.reduce(1, *)
    // NaN (or an unlikely integer), so that an element a kernel forgets to write shows.
    let sentinel: Double = dtype.isFloatingPoint ? .nan : (dtype == .bool ? 1 : 77)
    return DevicePair([Double](repeating: sentinel, count: count), dtype: dtype, shape: shape)
  }

  /// Random values in [low, high) (integers for integer dtypes) from a fixed generator.
  static func random(
    dtype: DType = .float32, shape: [Int], in range: ClosedRange<Double> = -2...2,
    seed: UInt64 = 1
  ) -> DevicePair {
    var generator = SplitMix64(seed: seed)
    let count = shape.reduce(1, *)
    let values = (0..<count).map { _ -> Double in
      let u = Double(generator.next() >> 11) * 0x1p-53
      let value = range.lowerBound + (range.upperBound - range.lowerBound) * u
      return dtype.isFloatingPoint ? value : value.rounded(.down)
    }
    return DevicePair(values, dtype: dtype, shape: shape)
  }
}

/// The bytes of `values` as `dtype` elements.
func hostBytes(_ values: [Double], dtype: DType) -> [UInt8] {
  var bytes: [UInt8] = []
  func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes += $0 } }
  for value in values {
    switch dtype {
    case .float32: append(Float(value))
    case .float64: append(value)
    case .int32: append(Int32(value))
    case .int64: append(Int64(value))
    case .uint8: append(UInt8(value))
    case .bool: append(value != 0 ? UInt8(1) : UInt8(0))
    }
  }
  return bytes
}

/// The elements of a view (read in row-major order of its shape), as doubles.
func elements(_ view: DeviceView) -> [Double] {
  let size = view.dtype.byteCount
  let span = view.buffer.byteCount
  var raw = [UInt8](repeating: 0, count: span)
  raw.withUnsafeMutableBytes { view.device.copy(view.buffer, byteOffset: 0, toHost: $0) }
  var result: [Double] = []
  let count = view.scalarCount
  guard count > 0 else { return [] }
  var index = [Int](repeating: 0, count: view.shape.count)
  for _ in 0..<count {
    var offset = view.byteOffset
    for axis in index.indices { offset += index[axis] * view.strides[axis] * size }
    let value: Double = raw.withUnsafeBytes { bytes in
      switch view.dtype {
      case .float32: return Double(bytes.loadUnaligned(fromByteOffset: offset, as: Float.self))
      case .float64: return bytes.loadUnaligned(fromByteOffset: offset, as: Double.self)
      case .int32: return Double(bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self))
      case .int64: return Double(bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
      case .uint8, .bool: return Double(bytes[offset])
      }
    }
    result.append(value)
    var axis = index.count - 1
    while axis >= 0 {
      index[axis] += 1
      if index[axis] < view.shape[axis] { break }
      index[axis] = 0
      axis -= 1
    }
  }
  return result
}

/// Expects the Vulkan output to match the CPU output elementwise within the tolerance (NaNs
/// must match NaNs), naming the first bad element and the largest error.
func expectSame(
  _ output: DevicePair, rtol: Double = 1e-5, atol: Double = 1e-6, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let expected = elements(output.cpu)
  let actual = elements(output.gpu)
  var worst = 0.0
  var firstBad: Int? = nil
  for (index, (e, a)) in zip(expected, actual).enumerated() {
    let bad: Bool
    if e.isNaN || a.isNaN {
      bad = e.isNaN != a.isNaN
    } else if e.isInfinite || a.isInfinite {
      bad = e != a
    } else {
      let error = Swift.abs(a - e)
      worst = Swift.max(worst, error)
      bad = error > atol + rtol * Swift.abs(e)
    }
    if bad && firstBad == nil { firstBad = index }
  }
  if let firstBad {
    Issue.record(
      """
      \(what): shape \(output.cpu.shape), first mismatch at \(firstBad): Vulkan \
      \(actual[firstBad]) vs CPU \(expected[firstBad]); largest error \(worst)
      """, sourceLocation: sourceLocation)
  }
}
