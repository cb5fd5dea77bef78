extension Shape {
  /// Creates a shape from dimensions that came from outside the program (a file's header, a
  /// feed, a network peer), checking that a tensor of this shape can exist.
  ///
  /// Every dimension must be non-negative, and the product of the nonzero dimensions times
  /// `elementByteCount` must fit in `Int`, as NumPy requires: then the element count, the byte
  /// count and every stride fit too, even when a zero dimension makes the tensor empty. Readers
  /// build their shapes with this initializer, so that a forged header throws instead of
  /// trapping in arithmetic.
  ///
  /// ```swift
  /// let shape = try Shape(checking: [60000, 28, 28])                     // [60000, 28, 28]
  /// _ = try Shape(checking: [0, 2_147_483_647, 1_073_741_824, 2_147_483_647])   // throws
  /// ```
  ///
  /// - Parameters:
  ///   - dimensions: the sizes, outermost first.
  ///   - elementByteCount: the size of one element in bytes (1 to check the element count only).
  /// - Throws: ``ShapeError`` (op `Shape(checking:)`) when a dimension is negative or the sizes
  ///   overflow.
  /// - Precondition: `elementByteCount` is positive.
  public init(checking dimensions: [Int], elementByteCount: Int = 1) throws {
    require(
      elementByteCount > 0,
      "Shape(checking:): element byte count \(elementByteCount) is not positive")
    var product = elementByteCount
    for dimension in dimensions {
      guard dimension >= 0 else {
        throw ShapeError(
          op: "Shape(checking:)", "dimensions \(dimensions) hold a negative size")
      }
      let (next, overflow) = product.multipliedReportingOverflow(by: Swift.max(dimension, 1))
      guard !overflow else {
        throw ShapeError(
          op: "Shape(checking:)",
          "dimensions \(dimensions) of \(elementByteCount)-byte elements are too large to address")
      }
      product = next
    }
    self.init(dimensions)
  }
}
