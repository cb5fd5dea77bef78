/// How many elements a ``Dataset`` yields in one iteration.
///
/// ```swift
/// switch dataset.cardinality {
/// case .finite(let count): print("\(count) elements per epoch")
/// case .infinite: print("repeats forever")
/// case .unknown: print("only iteration can tell (after filter or a generator)")
/// }
/// ```
/// TensorFlow: `tf.data.Dataset.cardinality`, whose `INFINITE_CARDINALITY` and
/// `UNKNOWN_CARDINALITY` are the last two cases.
public enum Cardinality: Hashable, Sendable, CustomStringConvertible {
  /// Exactly this many elements.
  case finite(Int)
  /// The dataset never ends.
  case infinite
  /// The count depends on the elements (after ``Dataset/filter(_:)``) or on code the dataset
  /// cannot inspect (a generator).
  case unknown

  /// The cardinality written as `finite(3)`, `infinite` or `unknown`.
  public var description: String {
    switch self {
    case .finite(let count): return "finite(\(count))"
    case .infinite: return "infinite"
    case .unknown: return "unknown"
    }
  }
}
