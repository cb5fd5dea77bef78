/// NumPy and TensorFlow broadcasting.
///
/// Two shapes are aligned at their last dimension; each pair of dimensions must be equal or one of
/// them 1, and missing leading dimensions count as 1. The result takes the larger size of each pair.
/// An unknown dimension (-1, in the shapes of graph placeholders) is assumed to fit: it meets a
/// known size n > 1 as n, and is unknown otherwise.
extension Shape {
  /// The shape that operands of shapes `a` and `b` broadcast to, or why they cannot.
  ///
  /// ```swift
  /// Shape.broadcast([4096, 4096], [4096], op: "add")   // .success([4096, 4096])
  /// Shape.broadcast([2, 3], [4], op: "add")            // .failure(add: shapes [2, 3] and [4] …)
  /// ```
  public static func broadcast(_ a: Shape, _ b: Shape, op: String) -> Result<Shape, ShapeError> {
    // Equal shapes and scalar operands, most of the operands of small steps, need no new shape.
    if a == b || b.rank == 0 { return .success(a) }
    if a.rank == 0 { return .success(b) }
    let rank = Swift.max(a.rank, b.rank)
    var result = [Int](repeating: 1, count: rank)
    for position in 0..<rank {
      let x = position - (rank - a.rank) >= 0 ? a[position - (rank - a.rank)] : 1
      let y = position - (rank - b.rank) >= 0 ? b[position - (rank - b.rank)] : 1
      if x == y || y == 1 {
        result[position] = x
      } else if x == 1 {
        result[position] = y
      } else if x == Shape.unknown || y == Shape.unknown {
        result[position] = Swift.max(x, y)
      } else {
        return .failure(
          ShapeError(op: op, "shapes \(a) and \(b) are not broadcast-compatible"))
      }
    }
    return .success(Shape(result))
  }

  /// The strides, in elements, with which a dense tensor of this shape is read as if it had the
  /// shape `target` it broadcasts to: 0 along broadcast dimensions.
  ///
  /// - Precondition: this shape broadcasts to `target`.
  func broadcastStrides(to target: Shape) -> [Int] {
    // A scalar read everywhere (a Swift number, a scalar variable) has zero strides: shared
    // arrays for the common ranks, so that such an operand allocates nothing.
    if rank == 0 && target.rank < Shape.zeroStrides.count {
      return Shape.zeroStrides[target.rank]
    }
    let own = contiguousStrides
    let offset = target.rank - rank
    var strides = [Int](repeating: 0, count: target.rank)
    for position in 0..<rank where dimensions[position] != 1 || target[position + offset] == 1 {
      strides[position + offset] = own[position]
    }
    return strides
  }

  /// Zero strides of ranks 0 through 8.
  private static let zeroStrides: [[Int]] = (0...8).map { [Int](repeating: 0, count: $0) }
}
