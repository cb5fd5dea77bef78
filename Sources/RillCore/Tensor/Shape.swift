/// The dimensions of a tensor, outermost first.
///
/// A shape is a list of non-negative sizes; its rank is the number of dimensions and a scalar
/// has the empty shape `[]`. Shapes are written as array literals:
///
/// ```swift
/// let shape: Shape = [60000, 28, 28]
/// shape.rank          // 3
/// shape.scalarCount   // 47_040_000
/// shape[1...]         // [28, 28]
/// ```
public struct Shape: Hashable, Sendable, RandomAccessCollection, MutableCollection,
  ExpressibleByArrayLiteral, CustomStringConvertible
{
  /// The sizes of the dimensions, outermost first.
  public var dimensions: [Int] {
    didSet { contiguousStrides = Shape.strides(of: dimensions) }
  }

  /// The row-major strides of a dense tensor of this shape, in elements.
  ///
  /// Kept with the dimensions so that kernels get them without allocating on every op.
  private(set) var contiguousStrides: [Int]

  /// Creates a shape from its dimensions.
  public init(_ dimensions: [Int]) {
    self.dimensions = dimensions
    self.contiguousStrides = Shape.strides(of: dimensions)
  }

  /// Creates a shape from an array literal of dimensions.
  public init(arrayLiteral elements: Int...) {
    self.init(elements)
  }

  /// Two shapes are equal when their dimensions are.
  public static func == (lhs: Shape, rhs: Shape) -> Bool {
    lhs.dimensions == rhs.dimensions
  }

  /// Hashes the dimensions.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(dimensions)
  }

  /// The size written for a dimension not known until a graph runs (a placeholder's batch
  /// dimension, say).
  public static let unknown = -1

  /// Whether every dimension is known.
  public var isFullyDefined: Bool { !dimensions.contains(Shape.unknown) }

  /// The number of dimensions.
  public var rank: Int { dimensions.count }

  /// The number of elements in a tensor of this shape: the product of the dimensions.
  public var scalarCount: Int {
    var product = 1
    for dimension in dimensions { product *= dimension }
    return product
  }

  /// The position of the outermost dimension (always 0).
  public var startIndex: Int { 0 }

  /// One past the position of the innermost dimension (the rank).
  public var endIndex: Int { dimensions.count }

  /// The size of the dimension at `position`.
  public subscript(position: Int) -> Int {
    get { dimensions[position] }
    set { dimensions[position] = newValue }
  }

  /// The shape made of the dimensions in `bounds`.
  public subscript(bounds: Range<Int>) -> Shape {
    get { Shape(Array(dimensions[bounds])) }
    set { dimensions.replaceSubrange(bounds, with: newValue.dimensions) }
  }

  /// The shape written as TensorFlow prints it, for example `[3, 4]` (`-1` for an unknown
  /// dimension).
  public var description: String {
    "[" + dimensions.map(String.init).joined(separator: ", ") + "]"
  }

  /// The row-major strides of a dense tensor with `dimensions`.
  ///
  /// - Precondition: the partial products of the dimensions fit in `Int`; dimensions from
  ///   outside the program are checked first by ``init(checking:elementByteCount:)``.
  private static func strides(of dimensions: [Int]) -> [Int] {
    switch dimensions.count {
    case 0: return []
    case 1: return [1]
    default:
      var strides = [Int](repeating: 1, count: dimensions.count)
      var stride = 1
      for axis in dimensions.indices.reversed() {
        strides[axis] = stride
        let (product, overflow) = stride.multipliedReportingOverflow(by: dimensions[axis])
        require(!overflow, "Shape: the strides of dimensions \(dimensions) overflow Int")
        stride = product
      }
      return strides
    }
  }

  /// Converts a possibly negative axis (counting from the end) to a position, or reports why it
  /// is out of range for this rank.
  func normalizedAxis(_ axis: Int, op: String) -> Result<Int, ShapeError> {
    let position = axis < 0 ? axis + rank : axis
    guard position >= 0 && position < rank else {
      return .failure(ShapeError(op: op, "axis \(axis) is out of range for shape \(self)"))
    }
    return .success(position)
  }

  /// Converts a list of axes to sorted, distinct positions, or reports the first bad one.
  func normalizedAxes(_ axes: [Int], op: String) -> Result<[Int], ShapeError> {
    var positions: [Int] = []
    for axis in axes {
      switch normalizedAxis(axis, op: op) {
      case .success(let position):
        guard !positions.contains(position) else {
          return .failure(ShapeError(op: op, "axis \(axis) is repeated in \(axes)"))
        }
        positions.append(position)
      case .failure(let error):
        return .failure(error)
      }
    }
    return .success(positions.sorted())
  }
}
