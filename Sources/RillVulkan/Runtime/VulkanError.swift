import CRillVulkan

/// A failure of the Vulkan runtime: no driver or device, an allocation the device refused, or
/// another Vulkan error.
///
/// ```swift
/// do {
///   let context = try VulkanContext(deviceIndex: 0)
/// } catch VulkanError.noDevice(let message) {
///   print("no Vulkan device: \(message)")
/// }
/// ```
public enum VulkanError: Error, Equatable, CustomStringConvertible {
  /// libvulkan could not create an instance (no driver installed).
  case noLoader(String)
  /// No physical device with a compute queue exists.
  case noDevice(String)
  /// The device index is out of range.
  case badDeviceIndex(String)
  /// The device or the host ran out of memory.
  case outOfMemory(String)
  /// Another Vulkan error, with the call that failed.
  case failed(String)

  /// The error for a runtime status and its message.
  init(status: Int32, message: String) {
    switch status {
    case RV_NO_LOADER.rawValue: self = .noLoader(message)
    case RV_NO_DEVICE.rawValue: self = .noDevice(message)
    case RV_BAD_INDEX.rawValue: self = .badDeviceIndex(message)
    case RV_OUT_OF_MEMORY.rawValue: self = .outOfMemory(message)
    default: self = .failed(message)
    }
  }

  /// What went wrong, in words.
  public var description: String {
    switch self {
    case .noLoader(let message): return "Vulkan is not available: \(message)"
    case .noDevice(let message): return "no Vulkan device: \(message)"
    case .badDeviceIndex(let message): return "bad Vulkan device index: \(message)"
    case .outOfMemory(let message): return "Vulkan out of memory: \(message)"
    case .failed(let message): return "Vulkan error: \(message)"
    }
  }
}

/// The text in a C error buffer.
func errorText(_ buffer: [CChar]) -> String {
  String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
