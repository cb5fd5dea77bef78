import RillCore
import Testing

/// Why `actual` is not close to `expected`, or `nil` when it is.
///
/// The tensors must have the same shape and each pair of elements must satisfy
/// |actual − expected| ≤ atol + rtol · |expected| (NaN matches NaN, and infinities match
/// themselves). Dtypes may differ: both are compared as `Double`. The description names the
/// shapes, the first element out of tolerance and the largest error.
public func closenessFailure(
  _ actual: Tensor, _ expected: Tensor, rtol: Double, atol: Double
) -> String? {
  guard actual.shape == expected.shape else {
    return "shape \(actual.shape) differs from the expected \(expected.shape)"
  }
  let got = actual.scalars(as: Double.self)
  let want = expected.scalars(as: Double.self)
  var firstBad: Int? = nil
  var largest = 0.0
  var largestIndex = 0
  for index in got.indices {
    let (a, e) = (got[index], want[index])
    if a.isNaN && e.isNaN { continue }
    if a == e { continue }
    let error = Swift.abs(a - e)
    let bad = !(error <= atol + rtol * Swift.abs(e))
    if bad && firstBad == nil { firstBad = index }
    if bad && !(error <= largest) {
      largest = error
      largestIndex = index
    }
  }
  guard let firstBad else { return nil }
  let shape = expected.shape
  func position(_ flat: Int) -> [Int] {
    var remainder = flat
    var index = [Int](repeating: 0, count: shape.rank)
    for axis in shape.indices.reversed() {
      index[axis] = remainder % shape[axis]
      remainder /= shape[axis]
    }
    return index
  }
  return "shape \(expected.shape): first mismatch at \(position(firstBad)): got \(got[firstBad]), "
    + "expected \(want[firstBad]); largest error \(largest) at \(position(largestIndex)) "
    + "(rtol \(rtol), atol \(atol))"
}

/// Records a test issue unless `actual` is close to `expected` (see ``closenessFailure``).
public func assertClose(
  _ actual: Tensor, _ expected: Tensor, rtol: Double = 1e-5, atol: Double = 1e-6,
  _ comment: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  if let failure = closenessFailure(actual, expected, rtol: rtol, atol: atol) {
    let prefix = comment().isEmpty ? "" : comment() + ": "
    Issue.record(Comment(rawValue: prefix + failure), sourceLocation: sourceLocation)
  }
}

/// Records a test issue unless the tensors have the same dtype, shape and bit-identical
/// elements.
public func assertIdentical(
  _ actual: Tensor, _ expected: Tensor, _ comment: @autoclosure () -> String = "",
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let same =
    actual.dtype == expected.dtype && actual.shape == expected.shape
    && actual.bytes == expected.bytes
  if !same {
    let prefix = comment().isEmpty ? "" : comment() + ": "
    Issue.record(
      Comment(rawValue: prefix + "\(actual.spec) is not bit-identical to \(expected.spec)"),
      sourceLocation: sourceLocation)
  }
}

extension Tensor {
  /// The raw bytes of the elements.
  public var bytes: [UInt8] {
    switch dtype {
    case .float32:
      return scalars(as: Float.self).flatMap { withUnsafeBytes(of: $0.bitPattern, Array.init) }
    case .float64:
      return scalars(as: Double.self).flatMap { withUnsafeBytes(of: $0.bitPattern, Array.init) }
    case .int32: return scalars(as: Int32.self).flatMap { withUnsafeBytes(of: $0, Array.init) }
    case .int64: return scalars(as: Int64.self).flatMap { withUnsafeBytes(of: $0, Array.init) }
    case .uint8: return scalars(as: UInt8.self)
    case .bool: return scalars(as: Bool.self).map { $0 ? 1 : 0 }
    }
  }
}
