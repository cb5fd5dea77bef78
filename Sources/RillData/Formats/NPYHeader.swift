import RillCore

/// The header of a `.npy` file: the Python dictionary literal
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
struct NPYHeader: Equatable {
  /// The dtype, from `descr`.
  var dtype: DType
  /// The dimensions, from `shape`.
  var shape: [Int]
  /// Whether the elements are stored in column-major order, from `fortran_order`.
  var fortranOrder = false

  /// The `descr` string NumPy writes for `dtype`.
  static func descr(for dtype: DType) -> String {
    switch dtype {
    case .float32: return "<f4"
    case .float64: return "<f8"
    case .int32: return "<i4"
    case .int64: return "<i8"
    case .uint8: return "|u1"
    case .bool: return "|b1"
    }
  }

  /// Creates a header for an array of `dtype` and `shape`.
  init(dtype: DType, shape: [Int]) {
    self.dtype = dtype
    self.shape = shape
  }

  /// Parses and checks the text of a header.
  ///
  /// - Throws: ``NPYError`` when the text is not a dictionary with exactly the keys `descr`,
  ///   `fortran_order` and `shape`, or when the dtype is not supported.
  init(parsing text: String) throws {
    var parser = PythonLiteralParser(text)
    let dictionary = try parser.parseHeaderDictionary()
    guard Set(dictionary.keys) == ["descr", "fortran_order", "shape"] else {
      throw NPYError(
        .badHeader(
          "keys \(dictionary.keys.sorted()) are not 'descr', 'fortran_order' and 'shape'"))
    }
    guard case .string(let descr)? = dictionary["descr"] else {
      throw NPYError(.badHeader("'descr' is not a string"))
    }
    guard case .boolean(let fortranOrder)? = dictionary["fortran_order"] else {
      throw NPYError(.badHeader("'fortran_order' is not True or False"))
    }
    guard case .tuple(let items)? = dictionary["shape"] else {
      throw NPYError(.badHeader("'shape' is not a tuple"))
    }
    let shape = try items.map { item -> Int in
      guard case .integer(let size) = item else {
        throw NPYError(.badHeader("'shape' holds something other than integers"))
      }
      return size
    }
    guard let dtype = NPYHeader.dtype(descr: descr) else {
      throw NPYError(.unsupportedDType(descr))
    }
    self.init(dtype: dtype, shape: shape)
    // With at most one dimension, Fortran and C order lay the elements out alike.
    self.fortranOrder = fortranOrder && shape.count > 1
  }

  /// The dtype a `descr` string stands for, or `nil` if Rill does not read it.
  ///
  /// One-byte types have no byte order, so NumPy may write them with `|`, `<`, `>` or `=`.
  static func dtype(descr: String) -> DType? {
    switch descr {
    case "<f4": return .float32
    case "<f8": return .float64
    case "<i4": return .int32
    case "<i8": return .int64
    case "|u1", "<u1", ">u1", "=u1": return .uint8
    case "|b1", "<b1", ">b1", "=b1": return .bool
    default: return nil
    }
  }

  /// The header as NumPy writes it, without padding.
  var text: String {
    let descr = NPYHeader.descr(for: dtype)
    let sizes = shape.map(String.init).joined(separator: ", ")
    let tuple = shape.count == 1 ? "(\(sizes),)" : "(\(sizes))"
    return "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(tuple), }"
  }
}
