import CRillVulkan
import Foundation
import RillCore

/// A Vulkan logical device with one compute queue: allocates buffers, copies between host and
/// device, and records compute dispatches that it submits in batches.
///
/// Dispatches are recorded into one command buffer, each followed by a barrier, and submitted
/// when the host next reads or writes device memory (or when a batch fills), so a chain of
/// kernels costs one submission. Pipelines are created on first use and kept.
///
/// ```swift
/// let context = try VulkanContext(deviceIndex: 0)
/// print(context.info.name)
/// ```
public final class VulkanContext: @unchecked Sendable {
  /// The runtime's context.
  let handle: OpaquePointer
  /// The device it runs on.
  public let info: VulkanDeviceInfo
  /// The ``Device`` whose buffers this context allocates (set by ``VulkanDevice``).
  weak var owner: VulkanDevice?

  /// Opens the Vulkan device `deviceIndex` (in ``VulkanDeviceInfo/available()``'s order).
  ///
  /// - Parameter deviceIndex: which device.
  /// - Throws: ``VulkanError`` when Vulkan has no driver or no such device, or the device cannot
  ///   be opened.
  public init(deviceIndex: Int = 0) throws {
    var context: OpaquePointer?
    var error = [CChar](repeating: 0, count: 512)
    let status = rv_context_create(Int32(deviceIndex), &context, &error, error.count)
    guard status == 0, let context else {
      throw VulkanError(status: status, message: errorText(error))
    }
    handle = context
    var record = rv_device_info()
    rv_context_info(context, &record)
    info = VulkanDeviceInfo(index: deviceIndex, record)
  }

  deinit {
    rv_context_destroy(handle)
  }

  /// The number of batches submitted to the queue so far.
  public var submissionCount: UInt64 { rv_submission_count(handle) }

  /// The last failure's message.
  var lastError: String { String(cString: rv_context_error(handle)) }

  /// Traps unless the runtime call succeeded: device failures after set-up (a lost device, an
  /// allocation refused in the middle of a kernel) cannot be recovered from inside a kernel.
  func check(_ status: Int32, _ what: @autoclosure () -> String) {
    require(status == 0, "Vulkan \(what()): \(lastError) (status \(status))")
  }

  /// Allocates `byteCount` bytes of device memory, or returns `nil` when the device has none
  /// to give.
  func allocateIfAvailable(byteCount: Int) -> VulkanBuffer? {
    guard let owner else { fatalError("Vulkan: allocation on a context without its device") }
    var buffer: OpaquePointer?
    let status = rv_buffer_create(handle, UInt64(max(byteCount, 0)), &buffer)
    guard status == 0, let buffer else { return nil }
    return VulkanBuffer(handle: buffer, context: self, device: owner, byteCount: byteCount)
  }

  /// Allocates `byteCount` bytes of device memory for a kernel's own use; traps when the device
  /// has none to give.
  func allocate(byteCount: Int) -> VulkanBuffer {
    guard let buffer = allocateIfAvailable(byteCount: byteCount) else {
      fatalError("Vulkan: allocating \(byteCount) bytes failed: \(lastError)")
    }
    return buffer
  }

  /// Copies `byteCount` host bytes into `buffer` at `offset` (bytes).
  func write(_ source: UnsafeRawPointer, byteCount: Int, to buffer: VulkanBuffer, offset: Int = 0) {
    require(offset >= 0 && offset + byteCount <= buffer.byteCount, "Vulkan write out of range")
    check(
      rv_buffer_write(handle, buffer.handle, UInt64(offset), source, UInt64(byteCount)), "write")
  }

  /// Copies `byteCount` bytes at `offset` of `buffer` into host memory.
  func read(
    _ buffer: VulkanBuffer, offset: Int = 0, byteCount: Int,
    into destination: UnsafeMutableRawPointer
  ) {
    require(offset >= 0 && offset + byteCount <= buffer.byteCount, "Vulkan read out of range")
    check(
      rv_buffer_read(handle, buffer.handle, UInt64(offset), destination, UInt64(byteCount)), "read")
  }

  /// Records copying `byteCount` bytes (offsets and count multiples of 4) between buffers.
  func copy(
    _ source: VulkanBuffer, offset: Int, to destination: VulkanBuffer,
    offset destinationOffset: Int,
    byteCount: Int
  ) {
    check(
      rv_buffer_copy(
        handle, source.handle, UInt64(offset), destination.handle, UInt64(destinationOffset),
        UInt64(byteCount)), "copy")
  }

  /// Records filling `byteCount` bytes (a multiple of 4) of `buffer` at `offset` with `word`.
  func fill(_ buffer: VulkanBuffer, offset: Int = 0, byteCount: Int, word: UInt32 = 0) {
    check(rv_buffer_fill(handle, buffer.handle, UInt64(offset), UInt64(byteCount), word), "fill")
  }

  /// Submits the recorded work and waits for it.
  public func synchronize() {
    check(rv_flush(handle), "flush")
  }

  /// Records one dispatch of the shader `shader` with `parameters` at binding 0 and `buffers` at
  /// bindings 1….
  func dispatch(
    _ shader: String, parameters: [Int32], buffers: [VulkanBuffer],
    groups: (x: Int, y: Int, z: Int)
  ) {
    let id = ShaderTable.id(shader)
    let handles: [OpaquePointer?] = buffers.map { $0.handle }
    let status = parameters.withUnsafeBytes { raw in
      handles.withUnsafeBufferPointer { pointers in
        rv_dispatch(
          handle, id, pointers.baseAddress, UInt32(handles.count), raw.baseAddress,
          UInt32(raw.count), UInt32(groups.x), UInt32(groups.y), UInt32(groups.z))
      }
    }
    check(status, "dispatch of \(shader)")
    withExtendedLifetime(buffers) {}
  }
}

/// The committed shaders by name.
enum ShaderTable {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var ids: [String: UInt32] = [:]

  /// The id of the shader `name`; traps when no such shader was compiled.
  static func id(_ name: String) -> UInt32 {
    lock.lock()
    defer { lock.unlock() }
    if let id = ids[name] { return id }
    let found = rv_shader_find(name)
    guard found >= 0 else { fatalError("Vulkan: no shader \(name) was compiled") }
    ids[name] = UInt32(found)
    return UInt32(found)
  }
}
