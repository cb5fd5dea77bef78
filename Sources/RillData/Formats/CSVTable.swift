import RillCore

/// The fields of a CSV file, as text, ready to convert column by column into tensors.
///
/// ```swift
/// let table = try CSV.read(contentsOf: URL(fileURLWithPath: "iris.csv"))
/// table.columnNames        // ["sepal_length", "sepal_width", "species"]
/// table.rowCount           // 150
/// let x = try table.tensor(columns: ["sepal_length", "sepal_width"])   // float32 [150, 2]
/// let y = try table.column("species", dtype: .int32)                   // int32 [150]
/// let named = try table.columns(["sepal_length"])                     // ["sepal_length": …]
/// ```
/// Conversion trims spaces and tabs around each field, and throws a ``CSVError`` naming the
/// line and column of the first field that is empty, not a number of the dtype, or out of its
/// range. Floats accept what Swift's `Float(_:)` and `Double(_:)` accept (including `nan` and
/// `inf`); integers are decimal; bools are `true`/`false` (any case) or `1`/`0`.
public struct CSVTable: Sendable {
  /// The names of the columns: the header's fields, or `"0"`, `"1"`, … without a header.
  public let columnNames: [String]
  /// The fields of each record, in file order.
  let rows: [[String]]
  /// The line where each record starts.
  let lines: [Int]
  /// The file the table came from, for error messages.
  let path: String?

  init(columnNames: [String], rows: [[String]], lines: [Int], path: String?) {
    self.columnNames = columnNames
    self.rows = rows
    self.lines = lines
    self.path = path
  }

  /// The number of records after the header.
  public var rowCount: Int { rows.count }

  /// One column converted to a rank-1 tensor of `dtype`.
  ///
  /// - Parameters:
  ///   - column: the column, by name or position.
  ///   - dtype: the element type of the result.
  /// - Returns: a tensor of shape `[rowCount]`.
  /// - Throws: ``CSVError`` when the column does not exist or a field does not convert.
  public func column(_ column: CSVColumn, dtype: DType = .float32) throws -> Tensor {
    let position = try self.position(of: column)
    return try convert(columns: [position], dtype: dtype, shape: [rows.count])
  }

  /// Columns converted to rank-1 tensors of `dtype`, keyed by column name.
  ///
  /// The result suits `Dataset(tensorSlices:)` for a dataset of named features.
  ///
  /// - Parameters:
  ///   - columns: the columns, or `nil` for all of them.
  ///   - dtype: the element type of the results.
  /// - Returns: one tensor of shape `[rowCount]` per column.
  /// - Throws: ``CSVError`` when a column does not exist, a name is ambiguous, or a field does
  ///   not convert.
  public func columns(
    _ columns: [CSVColumn]? = nil, dtype: DType = .float32
  ) throws -> [String: Tensor] {
    var result: [String: Tensor] = [:]
    for column in columns ?? columnNames.indices.map(CSVColumn.index) {
      let position = try position(of: column)
      guard result[columnNames[position]] == nil else {
        throw CSVError(.ambiguousColumn(columnNames[position]), path: path)
      }
      result[columnNames[position]] = try convert(
        columns: [position], dtype: dtype, shape: [rows.count])
    }
    return result
  }

  /// Columns converted to one matrix of `dtype`, one row per record.
  ///
  /// - Parameters:
  ///   - columns: the columns in the order wanted, or `nil` for all of them.
  ///   - dtype: the element type of the result.
  /// - Returns: a tensor of shape `[rowCount, columns.count]`.
  /// - Throws: ``CSVError`` when a column does not exist or a field does not convert.
  public func tensor(columns: [CSVColumn]? = nil, dtype: DType = .float32) throws -> Tensor {
    let positions = try (columns ?? columnNames.indices.map(CSVColumn.index)).map(position(of:))
    return try convert(columns: positions, dtype: dtype, shape: [rows.count, positions.count])
  }

  /// The position of a column, checking that it exists and that its name is unique.
  private func position(of column: CSVColumn) throws -> Int {
    switch column {
    case .index(let index):
      guard columnNames.indices.contains(index) else {
        throw CSVError(.unknownColumn(column), path: path)
      }
      return index
    case .name(let name):
      let matches = columnNames.indices.filter { columnNames[$0] == name }
      guard matches.count <= 1 else { throw CSVError(.ambiguousColumn(name), path: path) }
      guard let position = matches.first else {
        throw CSVError(.unknownColumn(column), path: path)
      }
      return position
    }
  }

  /// The fields at `positions` of every row, row-major, converted to a tensor of `dtype`.
  private func convert(columns positions: [Int], dtype: DType, shape: Shape) throws -> Tensor {
    func values<T: TensorScalar>(_ parse: (Substring) -> CSVFieldValue<T>) throws -> Tensor {
      var scalars: [T] = []
      scalars.reserveCapacity(rows.count * positions.count)
      for (row, fields) in rows.enumerated() {
        for position in positions {
          let text = fields[position].trimmingSpaces
          switch parse(text) {
          case .value(let value): scalars.append(value)
          case .failure(let reason):
            throw CSVError(
              reason, line: lines[row], column: position + 1, columnName: columnNames[position],
              path: path)
          }
        }
      }
      return Tensor(shape: shape, scalars: scalars)
    }
    switch dtype {
    case .float32: return try values { CSVFieldValue<Float>.parseFloat($0, dtype: dtype) }
    case .float64: return try values { CSVFieldValue<Double>.parseFloat($0, dtype: dtype) }
    case .int32: return try values { CSVFieldValue<Int32>.parseInteger($0, dtype: dtype) }
    case .int64: return try values { CSVFieldValue<Int64>.parseInteger($0, dtype: dtype) }
    case .uint8: return try values { CSVFieldValue<UInt8>.parseInteger($0, dtype: dtype) }
    case .bool: return try values(CSVFieldValue<Bool>.parseBool)
    }
  }
}

/// A field converted to a scalar, or why it does not convert.
enum CSVFieldValue<T> {
  case value(T)
  case failure(CSVError.Reason)
}

extension CSVFieldValue where T: BinaryFloatingPoint & LosslessStringConvertible {
  /// A float; infinity only when the text says so, not when a finite number overflows.
  static func parseFloat(_ text: Substring, dtype: DType) -> CSVFieldValue {
    guard !text.isEmpty else { return .failure(.emptyField(dtype)) }
    guard let value = T(String(text)) else { return .failure(.invalidValue(String(text), dtype)) }
    if value.isInfinite && !text.lowercased().contains("inf") {
      return .failure(.outOfRange(String(text), dtype))
    }
    return .value(value)
  }
}

extension CSVFieldValue where T: FixedWidthInteger {
  /// A decimal integer within `T`'s range.
  static func parseInteger(_ text: Substring, dtype: DType) -> CSVFieldValue {
    guard !text.isEmpty else { return .failure(.emptyField(dtype)) }
    if let value = T(text) { return .value(value) }
    // A well-formed integer that does not fit is out of range rather than invalid.
    let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text
    let wellFormed = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    return .failure(
      wellFormed ? .outOfRange(String(text), dtype) : .invalidValue(String(text), dtype))
  }
}

extension CSVFieldValue where T == Bool {
  /// `true`/`false` in any case, or `1`/`0`.
  static func parseBool(_ text: Substring) -> CSVFieldValue {
    switch text.lowercased() {
    case "": return .failure(.emptyField(.bool))
    case "true", "1": return .value(true)
    case "false", "0": return .value(false)
    default: return .failure(.invalidValue(String(text), .bool))
    }
  }
}

extension String {
  /// The text without spaces and tabs at either end.
  fileprivate var trimmingSpaces: Substring {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return self[first...last]
  }
}
