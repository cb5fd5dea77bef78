/// A block of memory on a device: what a concrete tensor's elements live in.
///
/// A backend subclasses it to hold its own handle (a host pointer, a GPU allocation, a key into
/// a private table) and frees the memory in `deinit`. The front end only keeps buffers, passes
/// them back to their device inside ``DeviceView``s, and never reads their memory.
///
/// ```swift
/// final class MyBuffer: DeviceBuffer {
///   let handle: MyAllocation
///   init(device: MyDevice, handle: MyAllocation, byteCount: Int) {
///     self.handle = handle
///     super.init(device: device, byteCount: byteCount)
///   }
/// }
/// ```
open class DeviceBuffer: @unchecked Sendable {
  /// The device whose memory this is.
  public final let device: any Device
  /// The number of usable bytes.
  public final let byteCount: Int

  /// Records the device and size of a new buffer; the subclass has allocated the memory.
  ///
  /// - Parameters:
  ///   - device: the device that owns the memory.
  ///   - byteCount: the number of usable bytes.
  public init(device: any Device, byteCount: Int) {
    self.device = device
    self.byteCount = byteCount
  }
}
