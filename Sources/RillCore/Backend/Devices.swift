import Foundation

/// The devices tensors can live on: the CPU, and those that backends have registered.
///
/// ```swift
/// for device in Devices.available {
///   print(device.id, device.name, device.memoryByteCount)
/// }
/// let device = try Devices.named("vulkan:0")   // throws DeviceError.notFound if absent
/// ```
public enum Devices {
  private static let lock = Lock()
  nonisolated(unsafe) private static var registered: [any Device] = []

  /// The CPU, then every registered device, in the order they were registered.
  public static var available: [any Device] {
    [CPUDevice.shared] + lock.withLock { registered }
  }

  /// Adds a device to ``available``; a backend calls it once for each device it finds.
  ///
  /// Registering a device whose ``Device/id`` is already listed does nothing.
  ///
  /// - Parameter device: the device to list.
  public static func register(_ device: any Device) {
    lock.withLock {
      guard device.id != CPUDevice.shared.id, !registered.contains(where: { $0.id == device.id })
      else { return }
      registered.append(device)
    }
  }

  /// The available device with the given identifier.
  ///
  /// - Parameter id: a device's ``Device/id``, such as `"cpu"` or `"vulkan:0"`.
  /// - Returns: the device.
  /// - Throws: ``DeviceError/notFound(id:available:)`` when no available device has that
  ///   identifier.
  public static func named(_ id: String) throws(DeviceError) -> any Device {
    let devices = available
    guard let device = devices.first(where: { $0.id == id }) else {
      throw DeviceError.notFound(id: id, available: devices.map(\.id))
    }
    return device
  }
}

/// Why a device could not be found or used.
public enum DeviceError: Error, Equatable, CustomStringConvertible {
  /// No available device has the identifier asked for.
  case notFound(id: String, available: [String])

  /// What went wrong, for the user.
  public var description: String {
    switch self {
    case .notFound(let id, let available):
      return "no device '\(id)' is available (available: \(available.joined(separator: ", ")))"
    }
  }
}
