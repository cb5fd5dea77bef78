/// A value in an NPY header.
enum PythonLiteral: Equatable {
  case string(String)
  case boolean(Bool)
  case integer(Int)
  case tuple([PythonLiteral])
}

/// Parses the small subset of Python literals that NPY headers use: one dictionary with
/// string keys whose values are strings, `True`/`False`, non-negative integers or tuples of them.
struct PythonLiteralParser {
  private let characters: [Character]
  private var position = 0

  /// Creates a parser over `text`.
  init(_ text: String) {
    self.characters = Array(text)
  }

  /// Parses the whole text as one dictionary, allowing surrounding whitespace.
  mutating func parseHeaderDictionary() throws -> [String: PythonLiteral] {
    skipWhitespace()
    try expect("{")
    var dictionary: [String: PythonLiteral] = [:]
    skipWhitespace()
    while peek() != "}" {
      guard case .string(let key) = try parseValue(depth: 0) else {
        throw error("a dictionary key is not a string")
      }
      skipWhitespace()
      try expect(":")
      let value = try parseValue(depth: 0)
      guard dictionary.updateValue(value, forKey: key) == nil else {
        throw error("the key '\(key)' appears twice")
      }
      skipWhitespace()
      if peek() == "," {
        position += 1
        skipWhitespace()
      } else if peek() != "}" {
        throw error("expected ',' or '}'")
      }
    }
    position += 1
    skipWhitespace()
    guard position == characters.count else { throw error("text follows the dictionary") }
    return dictionary
  }

  private mutating func parseValue(depth: Int) throws -> PythonLiteral {
    guard depth < 4 else { throw error("tuples are nested too deeply") }
    skipWhitespace()
    switch peek() {
    case "'", "\"": return .string(try parseString())
    case "(": return .tuple(try parseTuple(depth: depth))
    case let character? where character.isASCII && character.isNumber:
      return .integer(try parseInteger())
    case let character? where character.isLetter:
      let word = parseWord()
      switch word {
      case "True": return .boolean(true)
      case "False": return .boolean(false)
      default: throw error("unexpected word '\(word)'")
      }
    default:
      throw error("expected a value")
    }
  }

  private mutating func parseString() throws -> String {
    guard let quote = peek() else { throw error("expected a string") }
    position += 1
    var value = ""
    while let character = peek(), character != quote {
      guard character != "\\" && character != "\n" else {
        throw error("escapes and line breaks in strings are not supported")
      }
      value.append(character)
      position += 1
    }
    try expect(quote)
    return value
  }

  private mutating func parseTuple(depth: Int) throws -> [PythonLiteral] {
    try expect("(")
    var items: [PythonLiteral] = []
    skipWhitespace()
    while peek() != ")" {
      items.append(try parseValue(depth: depth + 1))
      skipWhitespace()
      if peek() == "," {
        position += 1
        skipWhitespace()
      } else if peek() != ")" {
        throw error("expected ',' or ')' in a tuple")
      }
    }
    position += 1
    return items
  }

  private mutating func parseInteger() throws -> Int {
    var value = 0
    while let digit = peek()?.wholeNumberValue, peek()?.isASCII == true {
      let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = shifted.addingReportingOverflow(digit)
      guard !overflow1 && !overflow2 else { throw error("an integer is too large") }
      value = sum
      position += 1
    }
    if peek() == "L" { position += 1 }  // Python 2 long literals, as in (3L, 4L)
    return value
  }

  private mutating func parseWord() -> String {
    var word = ""
    while let character = peek(), character.isLetter || character == "_" {
      word.append(character)
      position += 1
    }
    return word
  }

  private mutating func expect(_ character: Character) throws {
    guard peek() == character else { throw error("expected '\(character)'") }
    position += 1
  }

  private func peek() -> Character? {
    position < characters.count ? characters[position] : nil
  }

  private mutating func skipWhitespace() {
    while let character = peek(), character == " " || character == "\t" || character == "\n" {
      position += 1
    }
  }

  private func error(_ message: String) -> NPYError {
    NPYError(.badHeader("\(message) at character \(position + 1)"))
  }
}
