/// The memory for a tensor could not be allocated.
///
/// Ops trap when memory runs out, since a program cannot go on without its results; readers of
/// files, whose sizes come from outside the program, throw this error instead (see
/// ``Tensor/init(dtype:shape:initializingBytesWith:)``).
///
/// ```swift
/// do {
///   let weights = try NPY.read(contentsOf: url)
/// } catch let error as TensorAllocationError {
///   print(error)   // cannot allocate 419430400 bytes for a float32 tensor of shape […]
/// }
/// ```
public struct TensorAllocationError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The element type of the tensor.
  public var dtype: DType
  /// The shape of the tensor.
  public var shape: Shape
  /// The number of bytes asked for.
  public var byteCount: Int

  /// Creates an error for a tensor of `dtype` and `shape` needing `byteCount` bytes.
  ///
  /// - Parameters:
  ///   - dtype: the element type.
  ///   - shape: the shape.
  ///   - byteCount: the bytes asked for.
  public init(dtype: DType, shape: Shape, byteCount: Int) {
    self.dtype = dtype
    self.shape = shape
    self.byteCount = byteCount
  }

  /// A sentence naming the size, dtype and shape.
  public var description: String {
    "cannot allocate \(byteCount) bytes for a \(dtype) tensor of shape \(shape): "
      + "the system has no memory to give"
  }
}
