import RillCore

/// A Vulkan compute device behind Rill's device boundary: tensors on it live in its memory and
/// its kernels are compute shaders.
///
/// Every kernel family of ``Device`` runs as a compute shader, float64 transcendentals included
/// (GLSL lacks them; `math64.glsl` implements them to about an ulp); kernels that a dtype does
/// not support on this backend (fused float64 chains, for example) trap with a message naming
/// the op, never computing something else. Dispatches are recorded and submitted in batches;
/// reading a tensor's values waits for the kernels that write it.
///
/// ```swift
/// let gpu = try VulkanDevice(deviceIndex: 0)
/// Devices.register(gpu)
/// let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4] as [Float], on: gpu)
/// print(matmul(x, x))
/// ```
public final class VulkanDevice: Device, @unchecked Sendable {
  /// The Vulkan context that owns the memory and the queue.
  public let context: VulkanContext

  /// Opens the Vulkan device `deviceIndex` (in ``VulkanDeviceInfo/available()``'s order).
  ///
  /// - Parameter deviceIndex: which device.
  /// - Throws: ``VulkanError`` when no Vulkan driver or no such device exists.
  public init(deviceIndex: Int = 0) throws {
    context = try VulkanContext(deviceIndex: deviceIndex)
    context.owner = self
  }

  /// Opens every Vulkan device and registers it in ``Devices``.
  ///
  /// - Returns: the devices, in Vulkan's order; empty when Vulkan has no device.
  /// - Throws: ``VulkanError/noLoader(_:)`` when no Vulkan driver can be loaded, or another
  ///   ``VulkanError`` when a listed device cannot be opened.
  @discardableResult
  public static func registerAll() throws -> [VulkanDevice] {
    let devices = try VulkanDeviceInfo.available().map { try VulkanDevice(deviceIndex: $0.index) }
    for device in devices { Devices.register(device) }
    return devices
  }

  /// `"vulkan:N"`, N the device's index.
  public var id: String { "vulkan:\(context.info.index)" }

  /// The driver's name for the device.
  public var name: String { context.info.name }

  /// The size of the device's largest local memory heap.
  public var memoryByteCount: Int { Int(context.info.memoryBytes) }

  /// The Vulkan buffer behind a view of this device, as the shaders see it; traps when the view
  /// lies on another device.
  func vulkan(_ view: DeviceView, _ op: String = "kernel") -> VulkanView {
    guard let buffer = view.buffer as? VulkanBuffer, buffer.context === context else {
      fatalError("\(op): a view on device \(view.buffer.device.id) reached device \(id)")
    }
    let size = view.dtype.byteCount
    require(view.byteOffset % size == 0, "\(op): byte offset \(view.byteOffset) is not aligned")
    return VulkanView(
      buffer: buffer, offset: view.byteOffset / size, dtype: view.dtype, shape: view.shape,
      strides: view.strides)
  }

  // MARK: Memory

  /// Allocates device memory.
  ///
  /// - Parameter byteCount: the size.
  /// - Returns: a buffer of this device, or `nil` when the device has no memory to give.
  public func allocate(byteCount: Int) -> DeviceBuffer? {
    context.allocateIfAvailable(byteCount: byteCount)
  }

  /// Copies host bytes into a buffer of this device, after the kernels recorded so far.
  ///
  /// - Parameters:
  ///   - source: the bytes.
  ///   - destination: a buffer of this device.
  ///   - byteOffset: where the first byte goes.
  public func copy(
    fromHost source: UnsafeRawBufferPointer, into destination: DeviceBuffer, byteOffset: Int
  ) {
    guard let base = source.baseAddress, source.count > 0 else { return }
    context.write(
      base, byteCount: source.count, to: buffer(destination), offset: byteOffset)
  }

  /// Copies bytes of a buffer of this device to host memory, waiting for the kernels that
  /// write them.
  ///
  /// - Parameters:
  ///   - source: a buffer of this device.
  ///   - byteOffset: where the first byte is.
  ///   - destination: the host memory to fill.
  public func copy(
    _ source: DeviceBuffer, byteOffset: Int, toHost destination: UnsafeMutableRawBufferPointer
  ) {
    guard let base = destination.baseAddress, destination.count > 0 else { return }
    context.read(buffer(source), offset: byteOffset, byteCount: destination.count, into: base)
  }

  /// Copies between buffers: on the device when both are this device's, through the host
  /// otherwise.
  ///
  /// - Parameters:
  ///   - source: a buffer of any device.
  ///   - destination: a buffer of this device.
  ///   - byteCount: the number of bytes.
  public func copy(_ source: DeviceBuffer, into destination: DeviceBuffer, byteCount: Int) {
    if let from = source as? VulkanBuffer, from.context === context, byteCount % 4 == 0 {
      context.copy(from, offset: 0, to: buffer(destination), offset: 0, byteCount: byteCount)
    } else {
      source.device.withHostBytes(of: source, byteCount: byteCount) { bytes in
        copy(fromHost: bytes, into: destination, byteOffset: 0)
      }
    }
  }

  /// The Vulkan buffer `buffer` is; traps when it belongs to another device.
  private func buffer(_ buffer: DeviceBuffer) -> VulkanBuffer {
    guard let vulkan = buffer as? VulkanBuffer, vulkan.context === context else {
      fatalError("a buffer of device \(buffer.device.id) reached device \(id)")
    }
    return vulkan
  }
}
