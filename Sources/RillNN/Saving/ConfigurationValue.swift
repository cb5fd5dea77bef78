/// One value of a layer's, an optimizer's or a loss's configuration, as it is written in a
/// model's `config.json`: a number, a string, a flag, a list, a nested configuration or null.
///
/// ```swift
/// let value: ConfigurationValue = ["filters": 32, "kernel_size": [5, 5], "padding": "same"]
/// ```
public enum ConfigurationValue: Hashable, Sendable, Codable {
  /// An integer.
  case int(Int)
  /// A floating-point number.
  case double(Double)
  /// A string.
  case string(String)
  /// A flag.
  case bool(Bool)
  /// A list.
  case array([ConfigurationValue])
  /// A nested configuration.
  case object([String: ConfigurationValue])
  /// No value.
  case null

  /// Decodes the JSON value in `decoder`: whole numbers become ``int(_:)``.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let integer = try? container.decode(Int.self) {
      self = .int(integer)
    } else if let number = try? container.decode(Double.self) {
      self = .double(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let list = try? container.decode([ConfigurationValue].self) {
      self = .array(list)
    } else {
      self = .object(try container.decode([String: ConfigurationValue].self))
    }
  }

  /// Encodes the value as JSON.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .int(let value): try container.encode(value)
    case .double(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    case .null: try container.encodeNil()
    }
  }
}

extension ConfigurationValue: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
  ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
  /// An ``int(_:)``.
  public init(integerLiteral value: Int) { self = .int(value) }
  /// A ``double(_:)``.
  public init(floatLiteral value: Double) { self = .double(value) }
  /// A ``string(_:)``.
  public init(stringLiteral value: String) { self = .string(value) }
  /// A ``bool(_:)``.
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  /// An ``array(_:)``.
  public init(arrayLiteral elements: ConfigurationValue...) { self = .array(elements) }
  /// An ``object(_:)``.
  public init(dictionaryLiteral elements: (String, ConfigurationValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
  /// ``null``.
  public init(nilLiteral: ()) { self = .null }
}

/// The configuration of one layer, optimizer or loss as read from a model file, with typed
/// readers that throw ``ModelFileError`` naming the class and the key when a value is missing
/// or of the wrong kind.
///
/// ```swift
/// convenience init(configuration: Configuration, name: String) throws {
///   self.init(try configuration.int("units"), name: name)
/// }
/// ```
public struct Configuration: Sendable {
  /// The class the configuration belongs to, for messages.
  public let className: String
  /// The values by key.
  public let values: [String: ConfigurationValue]

  /// Wraps `values`, the configuration of an instance of `className`.
  ///
  /// - Parameters:
  ///   - className: the class the values configure.
  ///   - values: the values by key.
  public init(className: String, values: [String: ConfigurationValue]) {
    self.className = className
    self.values = values
  }

  /// The value under `key`, if any.
  public subscript(key: String) -> ConfigurationValue? { values[key] }

  /// The integer under `key`.
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not an integer.
  public func int(_ key: String) throws -> Int {
    guard case .int(let value) = values[key] else { throw invalid(key, "an integer") }
    return value
  }

  /// The number under `key` (an integer is accepted too).
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not a number.
  public func double(_ key: String) throws -> Double {
    switch values[key] {
    case .double(let value): return value
    case .int(let value): return Double(value)
    default: throw invalid(key, "a number")
    }
  }

  /// The number under `key`, or `nil` when it is missing or null.
  ///
  /// - Throws: ``ModelFileError`` when it is neither a number nor null.
  public func optionalDouble(_ key: String) throws -> Double? {
    if values[key] == nil || values[key] == .null { return nil }
    return try double(key)
  }

  /// The positive number under `key`, such as a number of steps to divide by.
  ///
  /// - Throws: ``ModelFileError`` when it is missing, not a number or not positive.
  public func positiveDouble(_ key: String) throws -> Double {
    let value = try double(key)
    guard value > 0 else { throw invalid(key, "a positive number") }
    return value
  }

  /// The list of numbers under `key`.
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not a list of numbers.
  public func doubles(_ key: String) throws -> [Double] {
    guard case .array(let list) = values[key] else { throw invalid(key, "a list of numbers") }
    return try list.map { element in
      switch element {
      case .double(let value): return value
      case .int(let value): return Double(value)
      default: throw invalid(key, "a list of numbers")
      }
    }
  }

  /// The flag under `key`.
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not a flag.
  public func bool(_ key: String) throws -> Bool {
    guard case .bool(let value) = values[key] else { throw invalid(key, "true or false") }
    return value
  }

  /// The string under `key`.
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not a string.
  public func string(_ key: String) throws -> String {
    guard case .string(let value) = values[key] else { throw invalid(key, "a string") }
    return value
  }

  /// The list of integers under `key`.
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not a list of integers.
  public func ints(_ key: String) throws -> [Int] {
    guard case .array(let list) = values[key] else { throw invalid(key, "a list of integers") }
    return try list.map { element in
      guard case .int(let value) = element else { throw invalid(key, "a list of integers") }
      return value
    }
  }

  /// The pair of integers under `key`, such as a kernel size.
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not a list of two integers.
  public func pair(_ key: String) throws -> (Int, Int) {
    let list = try ints(key)
    guard list.count == 2 else { throw invalid(key, "a list of two integers") }
    return (list[0], list[1])
  }

  /// The nested configuration under `key`.
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not an object.
  public func object(_ key: String) throws -> [String: ConfigurationValue] {
    guard case .object(let value) = values[key] else { throw invalid(key, "an object") }
    return value
  }

  /// The error for a value under `key` that is not `expected`.
  public func invalid(_ key: String, _ expected: String) -> ModelFileError {
    .invalidConfiguration(className: className, key: key, expected: expected)
  }
}
