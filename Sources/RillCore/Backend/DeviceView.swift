/// The operand of a device kernel: elements of a ``DeviceBuffer`` described by a byte offset, a
/// dtype, a shape and strides.
///
/// The front end builds views and passes them to the buffer's device; only that device reads
/// the memory behind them. Broadcasting (stride 0), transposition, reversal (negative strides)
/// and slicing are views of the same buffer, so they need no copies on the way into a kernel.
public struct DeviceView: @unchecked Sendable {
  /// The buffer holding the elements.
  public var buffer: DeviceBuffer
  /// The position in `buffer` of the element at index (0, 0, …), in bytes.
  public var byteOffset: Int
  /// The element type.
  public var dtype: DType
  /// The dimensions.
  public var shape: [Int]
  /// The distance between neighbours along each dimension, in elements; may be 0 or negative.
  public var strides: [Int]

  /// Describes elements of `buffer`.
  ///
  /// - Parameters:
  ///   - buffer: the buffer holding the elements.
  ///   - byteOffset: the position of the element at index (0, 0, …), in bytes.
  ///   - dtype: the element type.
  ///   - shape: the dimensions.
  ///   - strides: the distance between neighbours along each dimension, in elements.
  public init(buffer: DeviceBuffer, byteOffset: Int, dtype: DType, shape: [Int], strides: [Int]) {
    self.buffer = buffer
    self.byteOffset = byteOffset
    self.dtype = dtype
    self.shape = shape
    self.strides = strides
  }

  /// A dense row-major view of a whole buffer, from its first byte.
  ///
  /// - Parameters:
  ///   - buffer: the buffer holding the elements.
  ///   - dtype: the element type.
  ///   - shape: the dimensions.
  /// - Returns: the view with contiguous strides.
  public static func dense(_ buffer: DeviceBuffer, dtype: DType, shape: [Int]) -> DeviceView {
    DeviceView(
      buffer: buffer, byteOffset: 0, dtype: dtype, shape: shape,
      strides: Shape(shape).contiguousStrides)
  }

  /// The number of elements.
  public var scalarCount: Int { shape.reduce(1, *) }

  /// The device whose memory the view describes.
  public var device: any Device { buffer.device }

  /// Whether the elements lie row-major and without gaps.
  public var isContiguous: Bool {
    var expected = 1
    for axis in shape.indices.reversed() where shape[axis] != 1 {
      if strides[axis] != expected { return false }
      expected *= shape[axis]
    }
    return true
  }

  /// The view with its dimensions reordered: dimension `i` of the result is dimension
  /// `permutation[i]` of this view.
  ///
  /// - Parameter permutation: a permutation of the dimensions.
  /// - Returns: the view of the same elements in the new order.
  public func permuted(_ permutation: [Int]) -> DeviceView {
    DeviceView(
      buffer: buffer, byteOffset: byteOffset, dtype: dtype, shape: permutation.map { shape[$0] },
      strides: permutation.map { strides[$0] })
  }

  /// The view moved by `elements` elements: the element at index (0, 0, …) becomes the one
  /// `elements` elements (times the element size) further into the buffer.
  ///
  /// - Parameter elements: the distance in elements; may be negative.
  /// - Returns: the moved view.
  public func offset(byElements elements: Int) -> DeviceView {
    var moved = self
    moved.byteOffset += elements * dtype.byteCount
    return moved
  }
}
