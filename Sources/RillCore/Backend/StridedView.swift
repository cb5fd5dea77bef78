/// Memory described by a base address, a dtype, a shape and strides.
///
/// Kernels read operands through strided views, so broadcasting (stride 0), transposition and
/// slicing need no copies on the way in. Outputs are dense unless a kernel says otherwise.
struct StridedView {
  /// The address of the element at index (0, 0, …).
  var data: UnsafeMutableRawPointer
  /// The element type.
  var dtype: DType
  /// The dimensions.
  var shape: [Int]
  /// The distance between neighbours along each dimension, in elements; may be 0 or negative.
  var strides: [Int]
  /// The object that owns the memory, kept alive as long as the view.
  var owner: TensorStorage?

  /// Describes memory at `data` owned by `owner`.
  init(
    data: UnsafeMutableRawPointer, dtype: DType, shape: [Int], strides: [Int],
    owner: TensorStorage? = nil
  ) {
    self.data = data
    self.dtype = dtype
    self.shape = shape
    self.strides = strides
    self.owner = owner
  }

  /// The number of elements.
  var scalarCount: Int { shape.reduce(1, *) }

  /// Whether the elements lie row-major and without gaps.
  var isContiguous: Bool {
    var expected = 1
    for axis in shape.indices.reversed() where shape[axis] != 1 {
      if strides[axis] != expected { return false }
      expected *= shape[axis]
    }
    return true
  }

  /// A dense row-major view of tensor storage.
  static func dense(_ storage: TensorStorage, dtype: DType, shape: [Int]) -> StridedView {
    StridedView(
      data: storage.data, dtype: dtype, shape: shape, strides: Shape(shape).contiguousStrides,
      owner: storage)
  }

  /// The view with its dimensions reordered: dimension `i` of the result is dimension
  /// `permutation[i]` of this view.
  func permuted(_ permutation: [Int]) -> StridedView {
    StridedView(
      data: data, dtype: dtype, shape: permutation.map { shape[$0] },
      strides: permutation.map { strides[$0] }, owner: owner)
  }

  /// The address of the element `offset` elements (times the element size) past `data`.
  @inline(__always)
  func address(_ offset: Int) -> UnsafeMutableRawPointer {
    data + offset * dtype.byteCount
  }
}
