import CRillVulkan

/// What a Vulkan physical device is: its name, kind and memory, as the driver reports them.
///
/// ```swift
/// for device in try VulkanDeviceInfo.available() {
///   print(device.name, device.kind, device.memoryBytes)
/// }
/// ```
public struct VulkanDeviceInfo: Hashable, Sendable, CustomStringConvertible {
  /// The kinds of physical device Vulkan distinguishes.
  public enum Kind: String, Hashable, Sendable {
    /// A GPU sharing memory with the CPU.
    case integratedGPU = "integrated GPU"
    /// A GPU with its own memory.
    case discreteGPU = "discrete GPU"
    /// A GPU in a virtual machine.
    case virtualGPU = "virtual GPU"
    /// A CPU implementation (lavapipe, SwiftShader).
    case cpu = "CPU"
    /// Anything else.
    case other = "other"
  }

  /// The position in Vulkan's enumeration order, as ``VulkanContext/init(deviceIndex:)`` takes it.
  public var index: Int
  /// The device's name (for example "llvmpipe (LLVM 15.0.6, 256 bits)").
  public var name: String
  /// What kind of device it is.
  public var kind: Kind
  /// The size of the largest device-local memory heap, in bytes.
  public var memoryBytes: UInt64
  /// The Vulkan version the device supports, as `major.minor.patch`.
  public var apiVersion: String
  /// Whether shaders can use 64-bit integers (the int64 kernels need them).
  public var supportsInt64: Bool
  /// Whether shaders can use 64-bit floats (the float64 kernels need them).
  public var supportsFloat64: Bool

  /// The device described by the runtime's record.
  init(index: Int, _ info: rv_device_info) {
    var copy = info
    self.index = index
    self.name = withUnsafeBytes(of: &copy.name) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    switch info.type {
    case 1: kind = .integratedGPU
    case 2: kind = .discreteGPU
    case 3: kind = .virtualGPU
    case 4: kind = .cpu
    default: kind = .other
    }
    memoryBytes = info.device_local_bytes
    let version = info.api_version
    apiVersion = "\(version >> 22 & 0x7f).\(version >> 12 & 0x3ff).\(version & 0xfff)"
    supportsInt64 = info.has_int64 != 0
    supportsFloat64 = info.has_float64 != 0
  }

  /// `name (kind, memory)`.
  public var description: String {
    "\(name) (\(kind.rawValue), \(memoryBytes / (1 << 20)) MiB, Vulkan \(apiVersion))"
  }

  /// The Vulkan devices with a compute queue, in Vulkan's order.
  ///
  /// - Returns: one entry per device; empty when a driver is installed but reports no device.
  /// - Throws: ``VulkanError/noLoader(_:)`` when no Vulkan driver can be loaded.
  public static func available() throws -> [VulkanDeviceInfo] {
    var infos = [rv_device_info](repeating: rv_device_info(), count: 16)
    var count: Int32 = 0
    var error = [CChar](repeating: 0, count: 512)
    let status = rv_enumerate(&infos, Int32(infos.count), &count, &error, error.count)
    guard status == 0 else { throw VulkanError(status: status, message: errorText(error)) }
    return (0..<min(Int(count), infos.count)).map { VulkanDeviceInfo(index: $0, infos[$0]) }
  }
}
