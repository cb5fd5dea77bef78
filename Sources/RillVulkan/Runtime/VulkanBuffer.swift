import CRillVulkan
import RillCore

/// A block of Vulkan device memory: freed (once the work recorded so far has finished) when the
/// last reference goes.
final class VulkanBuffer: DeviceBuffer, @unchecked Sendable {
  /// The runtime's buffer.
  let handle: OpaquePointer
  /// The context that allocated it, kept alive as long as the buffer.
  let context: VulkanContext

  /// Wraps a runtime buffer of `context`, owned by `device`.
  init(handle: OpaquePointer, context: VulkanContext, device: any Device, byteCount: Int) {
    self.handle = handle
    self.context = context
    super.init(device: device, byteCount: byteCount)
  }

  deinit {
    rv_buffer_release(context.handle, handle)
  }
}
