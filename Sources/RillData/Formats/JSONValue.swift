/// A JSON value (RFC 8259), parsed strictly from bytes that came from outside, for the headers
/// of file formats such as safetensors.
///
/// The parser is small and strict on purpose: it rejects duplicate keys (which a dictionary
/// would silently merge), invalid UTF-8, lone surrogates, nesting deeper than
/// ``maximumDepth``, and anything after the value but whitespace. Numbers keep their text, so
/// that the reader decides whether it expects an exact integer. Foundation's
/// `JSONSerialization` and `JSONDecoder` accept duplicate keys and turn numbers into doubles,
/// so a forged header could hide an entry or an offset; that strictness is why Rill keeps its
/// own parser here. Objects keep their members in file order, in an array: a header of a
/// million small objects then costs one allocation per object rather than a hash table each,
/// and parsing stays linear in the size of the text.
enum JSONValue: Equatable {
  case object([JSONMember])
  case array([JSONValue])
  case string(String)
  /// A number, as written (already checked against JSON's number grammar).
  case number(String)
  case bool(Bool)
  case null

  /// The value of the member named `key` of `members`, or `nil`.
  static func member(_ key: String, of members: [JSONMember]) -> JSONValue? {
    members.first { $0.key == key }?.value
  }

  /// Why bytes are not JSON; the text says what was found where.
  struct SyntaxError: Error, Equatable, CustomStringConvertible {
    var description: String
  }

  /// The deepest nesting of arrays and objects accepted, far beyond what headers need, and a
  /// guard against forged input that would exhaust the stack.
  static let maximumDepth = 64

  /// Parses `bytes`, which must hold one JSON value and nothing else but whitespace.
  ///
  /// - Throws: ``SyntaxError`` saying what is wrong and at which byte.
  init<Bytes: RandomAccessCollection>(parsing bytes: Bytes) throws where Bytes.Element == UInt8 {
    self = try Self.parsed(bytes).value
  }

  /// Parses `bytes` as ``init(parsing:)`` does, also counting the parser's steps.
  ///
  /// A step is a value, a byte scanned in a string or number, or a key compared or hashed while
  /// looking for a repeated key; tests check that the steps grow linearly with the text.
  ///
  /// - Returns: the value and the steps taken.
  /// - Throws: ``SyntaxError`` saying what is wrong and at which byte.
  static func parsed<Bytes: RandomAccessCollection>(
    _ bytes: Bytes
  ) throws -> (value: JSONValue, steps: Int) where Bytes.Element == UInt8 {
    var parser = JSONParser(bytes: Array(bytes))
    parser.skipWhitespace()
    let value = try parser.parseValue(depth: 0)
    parser.skipWhitespace()
    guard parser.position == parser.bytes.count else {
      throw parser.error("unexpected \(parser.describeNext()) after the value")
    }
    return (value, parser.steps)
  }

  /// `text` as a JSON string literal, escaped as serde_json (and so the safetensors reference
  /// implementation) escapes it: quotes, backslashes and control characters only.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case _ where scalar.value < 0x20:
        let hex = String(scalar.value, radix: 16)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}

/// One member of a JSON object: a key and its value.
struct JSONMember: Equatable {
  var key: String
  var value: JSONValue
}

/// A recursive-descent JSON parser over bytes.
private struct JSONParser {
  let bytes: [UInt8]
  var position = 0
  /// The work done so far (see ``JSONValue/parsed(_:)``).
  var steps = 0

  init(bytes: [UInt8]) {
    self.bytes = bytes
  }

  func error(_ message: String) -> JSONValue.SyntaxError {
    JSONValue.SyntaxError(description: "\(message) at byte \(position)")
  }

  func describeNext() -> String {
    guard position < bytes.count else { return "end of text" }
    let byte = bytes[position]
    return (0x21..<0x7F).contains(byte)
      ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
  }

  mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  mutating func parseValue(depth: Int) throws -> JSONValue {
    guard position < bytes.count else { throw error("the text ends where a value should be") }
    steps += 1
    switch bytes[position] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): return try parseLiteral("true", .bool(true))
    case UInt8(ascii: "f"): return try parseLiteral("false", .bool(false))
    case UInt8(ascii: "n"): return try parseLiteral("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw error("unexpected \(describeNext())")
    }
  }

  mutating func parseLiteral(_ word: String, _ value: JSONValue) throws -> JSONValue {
    let expected = Array(word.utf8)
    guard bytes.count - position >= expected.count,
      Array(bytes[position..<position + expected.count]) == expected
    else { throw error("unexpected \(describeNext())") }
    position += expected.count
    return value
  }

  mutating func expect(_ character: Unicode.Scalar) throws {
    guard position < bytes.count, bytes[position] == UInt8(ascii: character) else {
      throw error("expected '\(character)', found \(describeNext())")
    }
    position += 1
  }

  mutating func parseObject(depth: Int) throws -> JSONValue {
    guard depth <= JSONValue.maximumDepth else { throw error("nesting is too deep") }
    try expect("{")
    var members: [JSONMember] = []
    // Small objects look for a repeated key among their members; large ones keep a set.
    var keys: Set<String> = []
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
        throw error("expected a key, found \(describeNext())")
      }
      let keyStart = position
      let key = try parseString()
      skipWhitespace()
      try expect(":")
      skipWhitespace()
      let value = try parseValue(depth: depth)
      let repeated: Bool
      if members.count < 16 {
        steps += members.count
        repeated = members.contains { $0.key == key }
      } else {
        if keys.isEmpty {
          steps += members.count
          keys = Set(members.map(\.key))
        }
        steps += 1
        repeated = !keys.insert(key).inserted
      }
      guard !repeated else {
        position = keyStart
        throw error("duplicate key \(JSONValue.quoted(key))")
      }
      members.append(JSONMember(key: key, value: value))
      skipWhitespace()
      guard position < bytes.count else { throw error("the text ends inside an object") }
      if bytes[position] == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      }
      try expect(",")
    }
  }

  mutating func parseArray(depth: Int) throws -> JSONValue {
    guard depth <= JSONValue.maximumDepth else { throw error("nesting is too deep") }
    try expect("[")
    var elements: [JSONValue] = []
    skipWhitespace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(elements)
    }
    while true {
      skipWhitespace()
      elements.append(try parseValue(depth: depth))
      skipWhitespace()
      guard position < bytes.count else { throw error("the text ends inside an array") }
      if bytes[position] == UInt8(ascii: "]") {
        position += 1
        return .array(elements)
      }
      try expect(",")
    }
  }

  mutating func parseNumber() throws -> JSONValue {
    let start = position
    func digits() -> Int {
      let first = position
      while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
      return position - first
    }
    if bytes[position] == UInt8(ascii: "-") { position += 1 }
    let integerStart = position
    guard digits() > 0 else { throw error("a number has no digits") }
    if bytes[integerStart] == UInt8(ascii: "0") && position - integerStart > 1 {
      throw error("a number has a leading zero")
    }
    if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
      position += 1
      guard digits() > 0 else { throw error("a number has no digits after its point") }
    }
    if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < bytes.count, [UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[position]) {
        position += 1
      }
      guard digits() > 0 else { throw error("a number has no digits in its exponent") }
    }
    steps += position - start
    return .number(String(decoding: bytes[start..<position], as: UTF8.self))
  }

  mutating func parseString() throws -> String {
    try expect("\"")
    // Most strings hold no escape: take their bytes at once.
    var end = position
    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
      bytes[end] >= 0x20
    {
      end += 1
    }
    steps += end - position
    if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
      let start = position
      let decoded = bytes.withUnsafeBufferPointer {
        String(validating: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self)
      }
      guard let text = decoded else { throw error("a string is not valid UTF-8") }
      position = end + 1
      return text
    }
    var utf8: [UInt8] = []
    while true {
      guard position < bytes.count else { throw error("the text ends inside a string") }
      let byte = bytes[position]
      position += 1
      steps += 1
      switch byte {
      case UInt8(ascii: "\""):
        // Decoding repairs invalid UTF-8, so a repaired string differs from its bytes.
        let text = String(decoding: utf8, as: UTF8.self)
        guard text.utf8.elementsEqual(utf8) else { throw error("a string is not valid UTF-8") }
        return text
      case UInt8(ascii: "\\"):
        try parseEscape(into: &utf8)
      case 0..<0x20:
        position -= 1
        throw error("a string holds the control character 0x\(String(byte, radix: 16))")
      default:
        utf8.append(byte)
      }
    }
  }

  mutating func parseEscape(into utf8: inout [UInt8]) throws {
    guard position < bytes.count else { throw error("the text ends inside an escape") }
    let byte = bytes[position]
    position += 1
    let simple: [UInt8: UInt8] = [
      0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D,
      0x74: 0x09,
    ]
    if let replacement = simple[byte] {
      utf8.append(replacement)
      return
    }
    guard byte == UInt8(ascii: "u") else {
      throw error("unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
    }
    var value = try parseHexQuad()
    if (0xD800..<0xDC00).contains(value) {
      // A high surrogate must be followed by an escaped low surrogate: together one scalar.
      guard bytes.count - position >= 2, bytes[position] == UInt8(ascii: "\\"),
        bytes[position + 1] == UInt8(ascii: "u")
      else { throw error("a lone surrogate \\u\(String(value, radix: 16))") }
      position += 2
      let low = try parseHexQuad()
      guard (0xDC00..<0xE000).contains(low) else {
        throw error("a surrogate pair ends with \\u\(String(low, radix: 16))")
      }
      value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
    }
    guard let scalar = Unicode.Scalar(value) else {
      throw error("a lone surrogate \\u\(String(value, radix: 16))")
    }
    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
  }

  mutating func parseHexQuad() throws -> UInt32 {
    guard bytes.count - position >= 4,
      let value = UInt32(
        String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
      bytes[position..<position + 4].allSatisfy({
        $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-")
      })
    else { throw error("a \\u escape needs four hexadecimal digits") }
    position += 4
    return value
  }
}
