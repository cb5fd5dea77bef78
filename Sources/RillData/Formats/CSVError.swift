import RillCore

/// Why a CSV file could not be read or converted to tensors, with the line and column.
///
/// ```swift
/// do {
///   let table = try CSV.read(contentsOf: url)
///   let features = try table.tensor(columns: ["age", "height"])
/// } catch let error as CSVError {
///   print(error)
///   // CSV file people.csv, line 7, column 2 ('age'): "forty" is not a float32 value
/// }
/// ```
/// Lines and columns count from 1, as text editors do; the header is line 1.
public struct CSVError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// The file could not be read; the text is the system's reason.
    case unreadable(String)
    /// The file is not valid UTF-8 text.
    case notUTF8
    /// The file has no header line, though one was expected.
    case missingHeader
    /// A quoted field is still open at the end of the file.
    case unterminatedQuote
    /// Something other than a delimiter or line break follows a closing quote.
    case textAfterQuote
    /// A record has a different number of fields than the header (or the first record).
    case wrongFieldCount(expected: Int, actual: Int)
    /// A selected column does not exist.
    case unknownColumn(CSVColumn)
    /// A selected column name appears more than once in the header.
    case ambiguousColumn(String)
    /// A field to convert is empty.
    case emptyField(DType)
    /// A field is not a number (or a boolean) of the dtype asked for.
    case invalidValue(String, DType)
    /// A field is a number outside the range of the dtype asked for.
    case outOfRange(String, DType)
  }

  /// What was wrong.
  public var reason: Reason
  /// The line where the record starts (from 1; the header is line 1), if the error is in one.
  public var line: Int?
  /// The column (from 1), if the error is in one field.
  public var column: Int?
  /// The column's name from the header, if known.
  public var columnName: String?
  /// The file's path, when the text came from a file.
  public var path: String?

  /// Creates an error for `reason` at a place in a file.
  public init(
    _ reason: Reason, line: Int? = nil, column: Int? = nil, columnName: String? = nil,
    path: String? = nil
  ) {
    self.reason = reason
    self.line = line
    self.column = column
    self.columnName = columnName
    self.path = path
  }

  /// A sentence naming the file, line and column and saying what was wrong.
  public var description: String {
    var place = path.map { "CSV file \($0)" } ?? "CSV text"
    if let line { place += ", line \(line)" }
    if let column { place += ", column \(column)" }
    if let columnName { place += " ('\(columnName)')" }
    return place + ": " + message
  }

  private var message: String {
    switch reason {
    case .unreadable(let message): return "cannot be read (\(message))"
    case .notUTF8: return "the text is not valid UTF-8"
    case .missingHeader: return "there is no header line"
    case .unterminatedQuote: return "a quoted field is not closed before the end of the file"
    case .textAfterQuote: return "text follows the closing quote of a field"
    case .wrongFieldCount(let expected, let actual):
      return "\(actual) fields, but the header has \(expected)"
    case .unknownColumn(let column): return "there is no column \(column)"
    case .ambiguousColumn(let name): return "the header names '\(name)' more than once"
    case .emptyField(let dtype): return "the field is empty, not a \(dtype) value"
    case .invalidValue(let text, let dtype): return "\"\(text)\" is not a \(dtype) value"
    case .outOfRange(let text, let dtype): return "\(text) is outside the range of \(dtype)"
    }
  }
}
