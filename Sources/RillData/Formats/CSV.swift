import Foundation

/// Reads comma-separated (or otherwise delimited) text files into a ``CSVTable``, whose columns
/// convert to tensors.
///
/// Fields follow RFC 4180: a field in double quotes may hold delimiters, line breaks and
/// doubled quotes (`""`); lines end with `\n`, `\r\n` or `\r`; empty lines are skipped; a
/// leading byte-order mark is ignored. Every record must have as many fields as the header.
///
/// ```swift
/// // label,x,y
/// // 1,0.5,2.0
/// // 0,1.5,-1.0
/// let table = try CSV.read(contentsOf: URL(fileURLWithPath: "points.csv"))
/// let features = try table.tensor(columns: ["x", "y"])        // float32 [2, 2]
/// let labels = try table.column("label", dtype: .int32)       // int32 [2]
/// let dataset = Dataset(tensorSlices: (features, labels))
/// ```
/// Problems throw a ``CSVError`` that names the line and column.
public enum CSV {
  /// Reads the CSV file at `url`.
  ///
  /// - Parameters:
  ///   - url: the file, UTF-8 text.
  ///   - hasHeader: whether the first line names the columns. Without a header the columns
  ///     are named `"0"`, `"1"`, ….
  ///   - delimiter: the ASCII character between fields.
  /// - Returns: the table of fields.
  /// - Throws: ``CSVError`` naming the file and line when it cannot be read or parsed.
  public static func read(
    contentsOf url: URL, hasHeader: Bool = true, delimiter: Character = ","
  ) throws -> CSVTable {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw CSVError(.unreadable(error.localizedDescription), path: url.path)
    }
    do {
      return try decode(data, hasHeader: hasHeader, delimiter: delimiter, path: url.path)
    } catch var error as CSVError {
      error.path = url.path
      throw error
    }
  }

  /// Parses CSV text held in memory.
  ///
  /// - Parameters:
  ///   - data: UTF-8 text.
  ///   - hasHeader: whether the first line names the columns.
  ///   - delimiter: the ASCII character between fields.
  /// - Returns: the table of fields.
  /// - Throws: ``CSVError`` naming the line when the text cannot be parsed.
  /// - Precondition: `delimiter` is one ASCII character other than a quote or a line break.
  public static func decode(
    _ data: Data, hasHeader: Bool = true, delimiter: Character = ","
  ) throws -> CSVTable {
    try decode(data, hasHeader: hasHeader, delimiter: delimiter, path: nil)
  }

  private static func decode(
    _ data: Data, hasHeader: Bool, delimiter: Character, path: String?
  ) throws -> CSVTable {
    guard let separator = delimiter.asciiValue, delimiter != "\"", delimiter != "\n",
      delimiter != "\r"
    else { fatalError("CSV: the delimiter \(delimiter) is not an ASCII character") }
    var bytes = [UInt8](data)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard String(validating: bytes, as: UTF8.self) != nil else { throw CSVError(.notUTF8) }
    var records = CSVRecordReader(bytes: bytes, separator: separator)
    var names: [String]
    var rows: [[String]] = []
    var lines: [Int] = []
    if hasHeader {
      guard let header = try records.next() else { throw CSVError(.missingHeader) }
      names = header.fields
    } else {
      names = []
    }
    while let record = try records.next() {
      if !hasHeader && rows.isEmpty { names = record.fields.indices.map(String.init) }
      guard record.fields.count == names.count else {
        throw CSVError(
          .wrongFieldCount(expected: names.count, actual: record.fields.count), line: record.line)
      }
      rows.append(record.fields)
      lines.append(record.line)
    }
    return CSVTable(columnNames: names, rows: rows, lines: lines, path: path)
  }
}
