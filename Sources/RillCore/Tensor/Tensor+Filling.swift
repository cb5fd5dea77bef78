extension Tensor {
  /// Creates a tensor by writing its elements straight into newly allocated memory, and throws
  /// rather than traps when the memory is not available: the way readers of files make their
  /// tensors, with no copy beyond the result.
  ///
  /// `body` receives the tensor's `shape.scalarCount × dtype.byteCount` uninitialized bytes and
  /// must write every element in row-major order, in the machine's byte order (bools as 0 or
  /// 1). If `body` throws, the memory is released and the error propagates.
  ///
  /// ```swift
  /// let bytes: [UInt8] = [1, 2, 3, 4, 5, 6]
  /// let x = try Tensor(dtype: .uint8, shape: [2, 3]) { buffer in
  ///   buffer.copyBytes(from: bytes)
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - dtype: the element type.
  ///   - shape: the shape, whose sizes must fit in `Int` (build it with
  ///     ``Shape/init(checking:elementByteCount:)`` when it came from outside).
  ///   - device: where the tensor lives; the default device (see ``withDevice(_:_:)``) unless
  ///     given. On a device other than the CPU, `body` writes host memory that is then copied.
  ///   - body: writes the elements into the buffer it is given.
  /// - Throws: ``TensorAllocationError`` when the memory cannot be allocated, or what `body`
  ///   throws.
  /// - Precondition: `shape` is fully defined.
  public convenience init(
    dtype: DType, shape: Shape, on device: (any Device)? = nil,
    initializingBytesWith body: (UnsafeMutableRawBufferPointer) throws -> Void
  ) throws {
    require(
      shape.isFullyDefined,
      "Tensor(dtype:shape:initializingBytesWith:): shape \(shape) has an unknown dimension")
    let device = device ?? ExecutionContext.current.device
    let (byteCount, overflow) = shape.scalarCount.multipliedReportingOverflow(by: dtype.byteCount)
    guard !overflow, let storage = device.allocate(byteCount: byteCount) else {
      throw TensorAllocationError(
        dtype: dtype, shape: shape, byteCount: overflow ? Int.max : byteCount)
    }
    try device.initializeBytes(of: storage, byteCount: byteCount, body)
    self.init(storage: storage, dtype: dtype, shape: shape)
  }
}
