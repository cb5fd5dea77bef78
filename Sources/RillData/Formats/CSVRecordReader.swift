/// Splits CSV bytes into records, one at a time, following RFC 4180's quoting.
struct CSVRecordReader {
  private let bytes: [UInt8]
  private let separator: UInt8
  private var position = 0
  private var line = 1

  private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// Creates a reader of `bytes` whose fields are separated by the byte `separator`.
  init(bytes: [UInt8], separator: UInt8) {
    self.bytes = bytes
    self.separator = separator
  }

  /// The next record, skipping empty lines, or `nil` at the end of the text.
  ///
  /// - Throws: ``CSVError`` for a quoted field that is not closed or is followed by text.
  mutating func next() throws -> CSVRecord? {
    while position < bytes.count && isLineBreak(bytes[position]) { consumeLineBreak() }
    guard position < bytes.count else { return nil }
    let start = line
    var fields: [String] = []
    while true {
      fields.append(try field(recordLine: start))
      guard position < bytes.count else { break }
      if bytes[position] == separator {
        position += 1
        continue
      }
      consumeLineBreak()
      break
    }
    return CSVRecord(fields: fields, line: start)
  }

  /// Reads one field and stops at the delimiter, line break or end that follows it.
  private mutating func field(recordLine: Int) throws -> String {
    guard position < bytes.count, bytes[position] == CSVRecordReader.quote else {
      let start = position
      while position < bytes.count && bytes[position] != separator
        && !isLineBreak(bytes[position])
      {
        position += 1
      }
      return String(decoding: bytes[start..<position], as: UTF8.self)
    }
    position += 1
    var value: [UInt8] = []
    while true {
      guard position < bytes.count else { throw CSVError(.unterminatedQuote, line: recordLine) }
      let byte = bytes[position]
      if byte == CSVRecordReader.quote {
        if position + 1 < bytes.count && bytes[position + 1] == CSVRecordReader.quote {
          value.append(CSVRecordReader.quote)
          position += 2
          continue
        }
        position += 1
        break
      }
      // A line break inside quotes is part of the field, but still counts as a line.
      if byte == CSVRecordReader.newline
        || (byte == CSVRecordReader.carriageReturn
          && (position + 1 == bytes.count || bytes[position + 1] != CSVRecordReader.newline))
      {
        line += 1
      }
      value.append(byte)
      position += 1
    }
    guard position == bytes.count || bytes[position] == separator || isLineBreak(bytes[position])
    else { throw CSVError(.textAfterQuote, line: line) }
    return String(decoding: value, as: UTF8.self)
  }

  private func isLineBreak(_ byte: UInt8) -> Bool {
    byte == CSVRecordReader.newline || byte == CSVRecordReader.carriageReturn
  }

  /// Consumes one `\n`, `\r\n` or `\r`.
  private mutating func consumeLineBreak() {
    if bytes[position] == CSVRecordReader.carriageReturn && position + 1 < bytes.count
      && bytes[position + 1] == CSVRecordReader.newline
    {
      position += 1
    }
    position += 1
    line += 1
  }
}
