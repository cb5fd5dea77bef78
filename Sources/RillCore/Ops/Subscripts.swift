/// One entry of a tensor subscript: an index, a range with an optional stride, a new axis, or
/// the ellipsis that stands for all remaining axes.
///
/// Swift's integers and ranges convert to these, so tensors are indexed as arrays are:
///
/// ```swift
/// images[3]                             // the fourth image, [28, 28]
/// images[..<500]                        // the first 500, [500, 28, 28]
/// images[0..., 14]                      // the middle row of every image, [N, 28]
/// x[TensorRange.range(by: 2)]           // every other element along the first axis
/// x[TensorRange.ellipsis, -1]           // the last element along the last axis
/// ```
public enum TensorRange: Hashable, Sendable {
  /// One position, which removes the axis; negative positions count from the end.
  case index(Int)
  /// A range of positions with Python's meaning (see ``SliceRange``).
  case slice(SliceRange)
  /// A new axis of size 1.
  case newAxis
  /// All axes not named by the other entries.
  case ellipsis

  /// Every `stride`-th position from `start` up to `end` (either bound may be omitted; a
  /// negative stride walks backward).
  public static func range(from start: Int? = nil, to end: Int? = nil, by stride: Int = 1)
    -> TensorRange
  {
    .slice(SliceRange(start: start, end: end, stride: stride))
  }
}

/// A value that can appear in a tensor subscript.
public protocol TensorRangeExpression {
  /// The subscript entry this value stands for.
  var tensorRange: TensorRange { get }
}

extension TensorRange: TensorRangeExpression {
  /// The entry itself.
  public var tensorRange: TensorRange { self }
}

extension Int: TensorRangeExpression {
  /// One position.
  public var tensorRange: TensorRange { .index(self) }
}

extension Range<Int>: TensorRangeExpression {
  /// The positions from `lowerBound` up to `upperBound`.
  public var tensorRange: TensorRange { .slice(SliceRange(start: lowerBound, end: upperBound)) }
}

extension ClosedRange<Int>: TensorRangeExpression {
  /// The positions from `lowerBound` through `upperBound`.
  public var tensorRange: TensorRange {
    .slice(SliceRange(start: lowerBound, end: upperBound == -1 ? nil : upperBound + 1))
  }
}

extension PartialRangeFrom<Int>: TensorRangeExpression {
  /// The positions from `lowerBound` to the end.
  public var tensorRange: TensorRange { .slice(SliceRange(start: lowerBound)) }
}

extension PartialRangeUpTo<Int>: TensorRangeExpression {
  /// The positions before `upperBound`.
  public var tensorRange: TensorRange { .slice(SliceRange(end: upperBound)) }
}

extension PartialRangeThrough<Int>: TensorRangeExpression {
  /// The positions up to and including `upperBound`.
  public var tensorRange: TensorRange {
    .slice(SliceRange(end: upperBound == -1 ? nil : upperBound + 1))
  }
}

extension StrideTo<Int>: TensorRangeExpression {
  /// The positions of `stride(from:to:by:)`.
  public var tensorRange: TensorRange {
    // StrideTo does not expose its bounds; its elements are recovered from the sequence.
    let positions = Array(self)
    guard let first = positions.first else { return .slice(SliceRange(start: 0, end: 0)) }
    let step = positions.count > 1 ? positions[1] - first : 1
    let end = positions[positions.count - 1] + step
    return .slice(SliceRange(start: first, end: end < 0 ? nil : end, stride: step))
  }
}

extension Tensor {
  /// The elements selected by a list of subscript entries, as NumPy and TensorFlow slicing does:
  /// indices remove their axis, ranges keep it, `.newAxis` inserts one, `.ellipsis` stands for the
  /// axes not mentioned, and trailing axes not mentioned are kept whole.
  ///
  /// TensorFlow: `tf.strided_slice`.
  ///
  /// - Precondition: indices lie within their axes and at most one ellipsis appears.
  public final subscript(_ ranges: TensorRangeExpression...) -> Tensor {
    self[ranges.map(\.tensorRange)]
  }

  /// The elements selected by an array of subscript entries; see ``subscript(_:)-variadic``.
  public final subscript(_ ranges: [TensorRange]) -> Tensor {
    let ellipses = ranges.filter { $0 == .ellipsis }.count
    require(ellipses <= 1, "strided_slice: more than one ellipsis in \(ranges)")
    let named = ranges.filter { $0 != .ellipsis && $0 != .newAxis }.count
    require(
      named <= rank, "strided_slice: \(named) axes indexed in a tensor of shape \(shape)")
    var expanded: [TensorRange] = []
    for range in ranges {
      if range == .ellipsis {
        expanded += Array(repeating: .slice(SliceRange()), count: rank - named)
      } else {
        expanded.append(range)
      }
    }
    if ellipses == 0 { expanded += Array(repeating: .slice(SliceRange()), count: rank - named) }

    var slices: [SliceRange] = []
    var resultShape: [Int] = []
    var axis = 0
    for range in expanded {
      switch range {
      case .newAxis:
        resultShape.append(1)
      case .index(let index):
        let size = shape[axis]
        require(
          index >= -size && index < size,
          "strided_slice: index \(index) is out of range for axis \(axis) of shape \(shape)")
        let position = index < 0 ? index + size : index
        slices.append(SliceRange(start: position, end: position + 1))
        axis += 1
      case .slice(let slice):
        require(slice.stride != 0, "strided_slice: a stride is zero")
        slices.append(slice)
        resultShape.append(slice.resolved(size: shape[axis]).count)
        axis += 1
      case .ellipsis:
        fatalError("strided_slice: the ellipsis was expanded")
      }
    }
    return apply(.stridedSlice(slices), self).reshaped(to: Shape(resultShape))
  }
}
