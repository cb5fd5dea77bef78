import CRillVulkan

/// A block of device memory: freed (once the work recorded so far has finished) when the last
/// reference goes.
final class VulkanBuffer: @unchecked Sendable {
  /// The runtime's buffer.
  let handle: OpaquePointer
  /// The context that allocated it, kept alive as long as the buffer.
  let context: VulkanContext
  /// The number of bytes asked for.
  let byteCount: Int

  /// Wraps a runtime buffer.
  init(handle: OpaquePointer, context: VulkanContext, byteCount: Int) {
    self.handle = handle
    self.context = context
    self.byteCount = byteCount
  }

  deinit {
    rv_buffer_release(context.handle, handle)
  }
}
