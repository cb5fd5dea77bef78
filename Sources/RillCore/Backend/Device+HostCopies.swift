extension Device {
  /// Copies through host memory: the source's device copies to the host, this device from it.
  ///
  /// - Parameters:
  ///   - source: a buffer of any device.
  ///   - destination: a buffer of this device.
  ///   - byteCount: the number of bytes.
  public func copy(_ source: DeviceBuffer, into destination: DeviceBuffer, byteCount: Int) {
    source.device.withHostBytes(of: source, byteCount: byteCount) { bytes in
      copy(fromHost: bytes, into: destination, byteOffset: 0)
    }
  }

  /// Copies the bytes to host memory and calls `body` with them.
  ///
  /// - Parameters:
  ///   - buffer: a buffer of this device.
  ///   - byteCount: how many bytes from the start of the buffer `body` reads.
  ///   - body: reads the bytes.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws.
  public func withHostBytes<Result>(
    of buffer: DeviceBuffer, byteCount: Int, _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    let staging = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 64)
    defer { staging.deallocate() }
    copy(buffer, byteOffset: 0, toHost: staging)
    return try body(UnsafeRawBufferPointer(staging))
  }

  /// Calls `body` on host memory and copies what it wrote to the buffer.
  ///
  /// - Parameters:
  ///   - buffer: a buffer of this device.
  ///   - byteCount: how many bytes from the start of the buffer `body` writes.
  ///   - body: writes the bytes.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws (the buffer is then left as it was).
  public func initializeBytes<Result>(
    of buffer: DeviceBuffer, byteCount: Int,
    _ body: (UnsafeMutableRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    let staging = UnsafeMutableRawBufferPointer.allocate(byteCount: byteCount, alignment: 64)
    defer { staging.deallocate() }
    let result = try body(staging)
    copy(fromHost: UnsafeRawBufferPointer(staging), into: buffer, byteOffset: 0)
    return result
  }
}
