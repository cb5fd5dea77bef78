extension Tensor: CustomStringConvertible {
  /// The tensor as TensorFlow prints it: shape, dtype and elements, with the middle of long
  /// dimensions elided once the tensor has more than 1,000 elements.
  ///
  /// ```
  /// Tensor(shape: [2, 3], dtype: float32,
  /// [[1.0, 2.0, 3.0],
  ///  [4.0, 5.0, 6.0]])
  /// ```
  public var description: String {
    if let symbol {
      return "Tensor(shape: \(shape), dtype: \(dtype), symbolic: \"\(symbol.node.name)\")"
    }
    let header = "Tensor(shape: \(shape), dtype: \(dtype),"
    let body = withHostBytes { bytes in
      formattedElements(bytes, edgeItems: scalarCount > 1000 ? 3 : nil)
    }
    return rank <= 1 ? "\(header) \(body))" : "\(header)\n\(body))"
  }

  /// The elements as nested rows, each shown element padded to the widest one.
  private func formattedElements(_ bytes: UnsafeRawBufferPointer, edgeItems: Int?) -> String {
    let strides = shape.contiguousStrides

    // The indices shown along an axis of `size`; nil marks the elided middle.
    func shown(_ size: Int) -> [Int?] {
      guard let edgeItems, size > 2 * edgeItems else { return (0..<size).map { $0 } }
      return Array(0..<edgeItems) + [nil] + Array((size - edgeItems)..<size)
    }

    var texts: [Int: String] = [:]
    func collect(axis: Int, offset: Int) {
      if axis == rank {
        texts[offset] = elementText(bytes, at: offset)
        return
      }
      for index in shown(shape[axis]).compactMap({ $0 }) {
        collect(axis: axis + 1, offset: offset + index * strides[axis])
      }
    }
    collect(axis: 0, offset: 0)
    let width = texts.values.map(\.count).max() ?? 0

    func render(axis: Int, offset: Int, indent: String) -> String {
      if axis == rank {
        let text = texts[offset] ?? ""
        return String(repeating: " ", count: width - text.count) + text
      }
      let items = shown(shape[axis]).map { index -> String in
        guard let index else { return "..." }
        return render(axis: axis + 1, offset: offset + index * strides[axis], indent: indent + " ")
      }
      let blankLines = String(repeating: "\n", count: Swift.max(0, rank - axis - 2))
      let separator = axis == rank - 1 ? ", " : ",\n" + blankLines + indent + " "
      return "[" + items.joined(separator: separator) + "]"
    }
    return render(axis: 0, offset: 0, indent: "")
  }

  /// The text of the element `offset` elements into the host bytes of the elements.
  private func elementText(_ data: UnsafeRawBufferPointer, at offset: Int) -> String {
    switch dtype {
    case .float32: return "\(data.load(fromByteOffset: offset * 4, as: Float.self))"
    case .float64: return "\(data.load(fromByteOffset: offset * 8, as: Double.self))"
    case .int32: return "\(data.load(fromByteOffset: offset * 4, as: Int32.self))"
    case .int64: return "\(data.load(fromByteOffset: offset * 8, as: Int64.self))"
    case .uint8: return "\(data.load(fromByteOffset: offset, as: UInt8.self))"
    case .bool: return "\(data.load(fromByteOffset: offset, as: Bool.self))"
    }
  }
}
