import Foundation
import Rill

/// One attribute value of an op.
enum AttributeValue {
  case int(Int64)
  case float(Double)
  case bool(Bool)
  case ints([Int64])
  case string(String)
}

/// The object behind a `RillAttrs*`: an op's named attributes.
final class AttributesBox {
  var values: [String: AttributeValue] = [:]
}

/// The attributes one op call reads, checked by kind; unknown names are refused at the end.
struct OpAttributes {
  let op: String
  private let values: [String: AttributeValue]
  private var read: Set<String> = []

  init(op: String, values: [String: AttributeValue]) {
    self.op = op
    self.values = values
  }

  /// Throws for an attribute the op did not read.
  func checkAllRead() throws {
    if let unknown = values.keys.sorted().first(where: { !read.contains($0) }) {
      throw CallError(.notFound, "\(op): unknown attribute '\(unknown)'")
    }
  }

  /// The int `name`, or `defaultValue` when unset.
  mutating func int(_ name: String, default defaultValue: Int) throws -> Int {
    read.insert(name)
    switch values[name] {
    case nil: return defaultValue
    case .int(let value)?: return Int(value)
    default: throw CallError.invalid("\(op): attribute '\(name)' must be an int")
    }
  }

  /// The float `name` (an int is accepted), or `defaultValue` when unset.
  mutating func float(_ name: String, default defaultValue: Double) throws -> Double {
    read.insert(name)
    switch values[name] {
    case nil: return defaultValue
    case .float(let value)?: return value
    case .int(let value)?: return Double(value)
    default: throw CallError.invalid("\(op): attribute '\(name)' must be a float")
    }
  }

  /// The bool `name`, or `defaultValue` when unset.
  mutating func bool(_ name: String, default defaultValue: Bool) throws -> Bool {
    read.insert(name)
    switch values[name] {
    case nil: return defaultValue
    case .bool(let value)?: return value
    default: throw CallError.invalid("\(op): attribute '\(name)' must be a bool")
    }
  }

  /// The int list `name` (a single int is a list of one), or `nil` when unset.
  mutating func ints(_ name: String) throws -> [Int]? {
    read.insert(name)
    switch values[name] {
    case nil: return nil
    case .ints(let list)?: return list.map { Int($0) }
    case .int(let value)?: return [Int(value)]
    default: throw CallError.invalid("\(op): attribute '\(name)' must be a list of ints")
    }
  }

  /// The string `name`, or `defaultValue` when unset.
  mutating func string(_ name: String, default defaultValue: String) throws -> String {
    read.insert(name)
    switch values[name] {
    case nil: return defaultValue
    case .string(let value)?: return value
    default: throw CallError.invalid("\(op): attribute '\(name)' must be a string")
    }
  }

  /// A (height, width) pair given as two ints or TensorFlow's four, [1, h, w, 1].
  mutating func pair(_ name: String, default defaultValue: (Int, Int)?) throws -> (Int, Int)? {
    guard let list = try ints(name) else { return defaultValue }
    let pair: (Int, Int)
    if list.count == 2 {
      pair = (list[0], list[1])
    } else if list.count == 4 && list[0] == 1 && list[3] == 1 {
      pair = (list[1], list[2])
    } else {
      throw CallError.invalid("\(op): attribute '\(name)' \(list) must be [h, w] or [1, h, w, 1]")
    }
    try checkWindowSizes([pair], "\(op): attribute '\(name)'")
    return pair
  }

  /// The padding `name`: "VALID" (the default) or "SAME", in any case.
  mutating func padding(_ name: String) throws -> ConvolutionPadding {
    switch try string(name, default: "VALID").uppercased() {
    case "VALID": return .valid
    case "SAME": return .same
    case let other:
      throw CallError.invalid("\(op): attribute '\(name)' is '\(other)', not VALID or SAME")
    }
  }
}

/// Stores an attribute; the shared body of the setters.
private func setAttribute(
  _ attrs: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ value: AttributeValue
) -> Int32 {
  guard let box = Handles.object(attrs, as: AttributesBox.self), let name else { return -1 }
  box.values[String(cString: name)] = value
  return 0
}

/// A new, empty attribute set; see `rill.h`.
///
/// - Returns: a handle to free with `rill_attrs_delete`.
@_cdecl("rill_attrs_new")
public func rill_attrs_new() -> OpaquePointer? {
  Handles.register(AttributesBox())
}

/// Frees an attribute set; see `rill.h`.
///
/// - Parameter attrs: an attribute-set handle, or NULL.
@_cdecl("rill_attrs_delete")
public func rill_attrs_delete(_ attrs: OpaquePointer?) {
  Handles.remove(attrs, as: AttributesBox.self)
}

/// Sets an int attribute; see `rill.h`.
///
/// - Parameters:
///   - attrs: an attribute-set handle.
///   - name: the attribute's name.
///   - value: its value.
/// - Returns: 0, or -1 for a dead handle or a NULL name.
@_cdecl("rill_attrs_set_int")
public func rill_attrs_set_int(
  _ attrs: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ value: Int64
)
  -> Int32
{
  setAttribute(attrs, name, .int(value))
}

/// Sets a float attribute; see `rill.h`.
///
/// - Parameters:
///   - attrs: an attribute-set handle.
///   - name: the attribute's name.
///   - value: its value.
/// - Returns: 0, or -1 for a dead handle or a NULL name.
@_cdecl("rill_attrs_set_float")
public func rill_attrs_set_float(
  _ attrs: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ value: Double
) -> Int32 {
  setAttribute(attrs, name, .float(value))
}

/// Sets a bool attribute; see `rill.h`.
///
/// - Parameters:
///   - attrs: an attribute-set handle.
///   - name: the attribute's name.
///   - value: nonzero for true.
/// - Returns: 0, or -1 for a dead handle or a NULL name.
@_cdecl("rill_attrs_set_bool")
public func rill_attrs_set_bool(
  _ attrs: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ value: Int32
)
  -> Int32
{
  setAttribute(attrs, name, .bool(value != 0))
}

/// Sets an int-list attribute; see `rill.h`.
///
/// - Parameters:
///   - attrs: an attribute-set handle.
///   - name: the attribute's name.
///   - values: the ints (NULL when `count` is 0).
///   - count: how many.
/// - Returns: 0, or -1 for a dead handle, a NULL name or list, or a negative count.
@_cdecl("rill_attrs_set_ints")
public func rill_attrs_set_ints(
  _ attrs: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ values: UnsafePointer<Int64>?,
  _ count: Int32
) -> Int32 {
  guard count >= 0, count == 0 || values != nil else { return -1 }
  let list = (0..<Int(count)).map { values?[$0] ?? 0 }
  return setAttribute(attrs, name, .ints(list))
}

/// Sets a string attribute; see `rill.h`.
///
/// - Parameters:
///   - attrs: an attribute-set handle.
///   - name: the attribute's name.
///   - value: a NUL-terminated string, copied.
/// - Returns: 0, or -1 for a dead handle or a NULL name or value.
@_cdecl("rill_attrs_set_string")
public func rill_attrs_set_string(
  _ attrs: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ value: UnsafePointer<CChar>?
) -> Int32 {
  guard let value else { return -1 }
  return setAttribute(attrs, name, .string(String(cString: value)))
}

/// The largest window, stride or dilation the C API passes on: small enough that a window's
/// span and its padding never overflow.
let largestWindowSize = 1 << 24

/// Throws unless every size of `pairs` is at most ``largestWindowSize`` (the ops' rules report
/// sizes that are not positive).
func checkWindowSizes(_ pairs: [(Int, Int)], _ what: String) throws {
  for (height, width) in pairs where height > largestWindowSize || width > largestWindowSize {
    throw CallError.invalid(
      "\(what): [\(height), \(width)] is larger than the \(largestWindowSize) allowed")
  }
}
