import RillCore

/// The JSON header of a safetensors file: where each tensor's bytes lie, and the metadata.
///
/// `{"__metadata__":{"format":"np"},"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]}}`
/// — offsets are relative to the first byte after the header.
struct SafetensorsHeader {
  /// One tensor's entry.
  struct Entry: Equatable {
    var name: String
    var dtype: DType
    var shape: Shape
    /// The offsets of the tensor's first byte and of the byte after its last.
    var begin: Int
    var end: Int
  }

  /// The entries, in the order of their data.
  var entries: [Entry]
  /// The `__metadata__` map (empty when absent).
  var metadata: [String: String]

  /// The format's code for each of Rill's dtypes.
  static func code(for dtype: DType) -> String {
    switch dtype {
    case .float32: return "F32"
    case .float64: return "F64"
    case .int32: return "I32"
    case .int64: return "I64"
    case .uint8: return "U8"
    case .bool: return "BOOL"
    }
  }

  /// The dtype a code stands for, or `nil` if Rill has no such dtype.
  static func dtype(code: String) -> DType? {
    DType.allCases.first { self.code(for: $0) == code }
  }

  /// The order in which the reference implementation lays tensors out (I64, F64, F32, I32, U8,
  /// BOOL, each group by name): the widest types first, so that every tensor's data starts at a
  /// multiple of its element size.
  private static func layoutRank(_ dtype: DType) -> Int {
    switch dtype {
    case .int64: return 0
    case .float64: return 1
    case .float32: return 2
    case .int32: return 3
    case .uint8: return 4
    case .bool: return 5
    }
  }

  // MARK: Writing

  /// Lays out `tensors` one after another, in the reference implementation's order.
  ///
  /// - Throws: ``SafetensorsError/Reason/reservedName`` for a tensor named `__metadata__`.
  init(laying tensors: [String: Tensor], metadata: [String: String]) throws {
    guard tensors["__metadata__"] == nil else {
      throw SafetensorsError(.reservedName, tensor: "__metadata__")
    }
    let ordered = tensors.sorted { left, right in
      let (leftRank, rightRank) = (
        Self.layoutRank(left.value.dtype), Self.layoutRank(right.value.dtype)
      )
      return leftRank != rightRank ? leftRank < rightRank : left.key < right.key
    }
    var offset = 0
    entries = ordered.map { name, tensor in
      let size = tensor.scalarCount * tensor.dtype.byteCount
      defer { offset += size }
      return Entry(
        name: name, dtype: tensor.dtype, shape: tensor.shape, begin: offset,
        end: offset + size)
    }
    self.metadata = metadata
  }

  /// The header's bytes as written to a file: compact JSON (metadata first, with its keys
  /// sorted; then the entries in data order), padded with spaces so that the 8-byte length and
  /// the header end at a multiple of 8 bytes.
  var encoded: [UInt8] {
    var members: [String] = []
    if !metadata.isEmpty {
      let pairs = metadata.sorted { $0.key < $1.key }.map {
        JSONValue.quoted($0.key) + ":" + JSONValue.quoted($0.value)
      }
      members.append("\"__metadata__\":{" + pairs.joined(separator: ",") + "}")
    }
    for entry in entries {
      let shape = entry.shape.dimensions.map(String.init).joined(separator: ",")
      members.append(
        JSONValue.quoted(entry.name) + ":{\"dtype\":\"\(Self.code(for: entry.dtype))\","
          + "\"shape\":[\(shape)],\"data_offsets\":[\(entry.begin),\(entry.end)]}")
    }
    var bytes = Array(("{" + members.joined(separator: ",") + "}").utf8)
    bytes += [UInt8](repeating: 0x20, count: (8 - bytes.count % 8) % 8)
    return bytes
  }

  // MARK: Reading

  /// Parses and checks a header against the `dataSize` bytes of data that follow it.
  ///
  /// Every entry must have a known dtype, a shape of non-negative sizes, and offsets that span
  /// exactly the bytes the shape needs; taken in offset order, the tensors must cover the data
  /// from its first byte to its last, with neither holes nor overlaps, so no two tensors share a
  /// byte and no byte is left unaccounted for (as the format requires).
  ///
  /// - Throws: ``SafetensorsError`` naming the tensor whose entry is wrong, or when the header
  ///   holds more entries or dimensions than `limits` allow.
  init(parsing bytes: [UInt8], dataSize: Int, limits: ReadingLimits) throws {
    guard bytes.first == UInt8(ascii: "{") else {
      throw SafetensorsError(.badHeader("it does not start with '{'"))
    }
    let root: JSONValue
    do {
      root = try JSONValue(parsing: bytes)
    } catch let error as JSONValue.SyntaxError {
      throw SafetensorsError(.badHeader(error.description))
    }
    guard case .object(let members) = root else {
      throw SafetensorsError(.badHeader("it is not a JSON object"))
    }
    let count = members.count - (JSONValue.member("__metadata__", of: members) == nil ? 0 : 1)
    guard count <= limits.maximumEntryCount else {
      throw SafetensorsError(.tooManyEntries(count: count, maximumCount: limits.maximumEntryCount))
    }
    var metadata: [String: String] = [:]
    var entries: [Entry] = []
    entries.reserveCapacity(count)
    for member in members {
      let (name, value) = (member.key, member.value)
      if name == "__metadata__" {
        metadata = try Self.metadata(value)
      } else {
        do {
          entries.append(
            try Self.entry(name: name, value, dataSize: dataSize, maximumRank: limits.maximumRank))
        } catch var error as SafetensorsError {
          error.tensor = name
          throw error
        }
      }
    }
    // Empty tensors first among equal offsets, then by name, so that errors are reproducible.
    entries.sort { ($0.begin, $0.end, $0.name) < ($1.begin, $1.end, $1.name) }
    var expectedBegin = 0
    for entry in entries {
      guard entry.begin == expectedBegin else {
        throw SafetensorsError(
          .misplacedData(begin: entry.begin, expectedBegin: expectedBegin), tensor: entry.name)
      }
      expectedBegin = entry.end
    }
    guard expectedBegin == dataSize else {
      throw SafetensorsError(.unusedData(byteCount: dataSize - expectedBegin))
    }
    self.entries = entries
    self.metadata = metadata
  }

  /// The metadata map; `null` stands for none, as the reference implementation accepts.
  private static func metadata(_ value: JSONValue) throws -> [String: String] {
    if value == .null { return [:] }
    guard case .object(let members) = value else {
      throw SafetensorsError(.badHeader("__metadata__ is not an object"))
    }
    var metadata: [String: String] = [:]
    for member in members {
      guard case .string(let text) = member.value else {
        throw SafetensorsError(.badHeader("__metadata__ holds a value that is not a string"))
      }
      metadata[member.key] = text
    }
    return metadata
  }

  private static func entry(
    name: String, _ value: JSONValue, dataSize: Int, maximumRank: Int
  ) throws -> Entry {
    // Keys are distinct (the parser rejects repeats), so three known keys are exactly these.
    let known = ["dtype", "shape", "data_offsets"]
    guard case .object(let members) = value, members.count == 3,
      members.allSatisfy({ known.contains($0.key) })
    else {
      throw SafetensorsError(
        .badHeader("the entry is not an object with exactly dtype, shape and data_offsets"))
    }
    func field(_ key: String) -> JSONValue? { JSONValue.member(key, of: members) }
    guard case .string(let code)? = field("dtype") else {
      throw SafetensorsError(.badHeader("dtype is not a string"))
    }
    guard let dtype = dtype(code: code) else { throw SafetensorsError(.unsupportedDType(code)) }
    if case .array(let sizes)? = field("shape"), sizes.count > maximumRank {
      throw SafetensorsError(.rankTooLarge(rank: sizes.count, maximumRank: maximumRank))
    }
    let dimensions = try integers(field("shape"), field: "shape")
    let offsets = try integers(field("data_offsets"), field: "data_offsets")
    guard offsets.count == 2, offsets[0] >= 0, offsets[1] >= 0 else {
      throw SafetensorsError(.badHeader("data_offsets is not two non-negative integers"))
    }
    let (begin, end) = (offsets[0], offsets[1])
    guard begin <= end, end <= dataSize else {
      throw SafetensorsError(.offsetsOutOfRange(begin: begin, end: end, dataSize: dataSize))
    }
    guard dimensions.allSatisfy({ $0 >= 0 }) else {
      throw SafetensorsError(.negativeDimension(shape: dimensions))
    }
    let shape: Shape
    do {
      shape = try Shape(checking: dimensions, elementByteCount: dtype.byteCount)
    } catch {
      throw SafetensorsError(.sizeOverflow(shape: dimensions))
    }
    let expected = shape.scalarCount * dtype.byteCount
    guard end - begin == expected else {
      throw SafetensorsError(
        .sizeMismatch(shape: dimensions, expectedBytes: expected, actualBytes: end - begin))
    }
    return Entry(name: name, dtype: dtype, shape: shape, begin: begin, end: end)
  }

  /// The elements of a JSON array of exact integers.
  private static func integers(_ value: JSONValue?, field: String) throws -> [Int] {
    guard case .array(let elements)? = value else {
      throw SafetensorsError(.badHeader("\(field) is not an array"))
    }
    return try elements.map { element in
      guard case .number(let text) = element, let integer = Int(text) else {
        throw SafetensorsError(.badHeader("\(field) holds something other than a 64-bit integer"))
      }
      return integer
    }
  }
}
