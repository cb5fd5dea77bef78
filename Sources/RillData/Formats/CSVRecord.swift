/// One record of a CSV file: its fields and the line where it starts.
struct CSVRecord {
  /// The fields, unquoted.
  var fields: [String]
  /// The line where the record starts, from 1.
  var line: Int
}
