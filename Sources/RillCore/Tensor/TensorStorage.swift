/// Host memory: the buffers of the CPU device, a block of bytes from the buffer pool.
///
/// Storage is shared between tensors that differ only in shape (a reshape is free) and between a
/// ``Variable`` and the values read from it. Tensors never write to storage they share; a
/// variable updates its storage in place only while nothing else refers to it, and copies it
/// first otherwise (copy on write).
final class TensorStorage: DeviceBuffer, @unchecked Sendable {
  /// The first byte, aligned to 16 bytes (64 for blocks of 64 KiB or more).
  let data: UnsafeMutableRawPointer

  /// The storage of symbolic tensors, which hold no elements.
  static let empty = TensorStorage(byteCount: 0)

  /// Allocates `byteCount` bytes of uninitialized memory from the buffer pool.
  init(byteCount: Int) {
    self.data = BufferPool.shared.allocate(byteCount: byteCount)
    super.init(device: CPUDevice.shared, byteCount: byteCount)
  }

  /// Allocates `byteCount` bytes of uninitialized memory from the buffer pool, or returns `nil`
  /// when the memory is not available.
  init?(byteCountIfAvailable byteCount: Int) {
    guard let data = BufferPool.shared.allocateIfAvailable(byteCount: byteCount) else {
      return nil
    }
    self.data = data
    super.init(device: CPUDevice.shared, byteCount: byteCount)
  }

  deinit {
    BufferPool.shared.release(data, byteCount: byteCount)
  }

  /// The memory as a typed pointer.
  @inline(__always)
  func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
    data.assumingMemoryBound(to: type)
  }
}
