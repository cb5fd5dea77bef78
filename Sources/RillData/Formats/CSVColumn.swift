/// A column of a CSV table, chosen by its header name or by its position.
///
/// String and integer literals convert:
///
/// ```swift
/// try table.tensor(columns: ["sepal_length", "sepal_width"])
/// try table.column(0, dtype: .int32)   // the first column
/// ```
public enum CSVColumn: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral,
  ExpressibleByIntegerLiteral
{
  /// The column with this name in the header.
  case name(String)
  /// The column at this position, counting from 0.
  case index(Int)

  /// The column named by a string literal.
  public init(stringLiteral value: String) {
    self = .name(value)
  }

  /// The column at the position given by an integer literal.
  public init(integerLiteral value: Int) {
    self = .index(value)
  }

  /// The column written as `'name'` or `at position 3`.
  public var description: String {
    switch self {
    case .name(let name): return "'\(name)'"
    case .index(let index): return "at position \(index)"
    }
  }
}
