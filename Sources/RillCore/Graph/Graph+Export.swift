import Foundation

/// One node of a ``Graph`` as it is shown and exported: its name, type, inputs, dtype and shape.
public struct GraphNodeDescription: Sendable, Hashable, Codable {
  /// The unique name; slashes separate name scopes (`HiddenLayer/matmul`).
  public let name: String
  /// What the node does: `Placeholder`, `Const`, `VariableV2`, `ReadVariable`, `Assign…`,
  /// `NoOp` (a group of updates), or the name of a primitive such as `matmul` or `add`.
  public let type: String
  /// The names of the nodes it reads, in order.
  public let inputs: [String]
  /// The dtype of its value, such as `float32`.
  public let dtype: String
  /// The shape of its value; -1 marks a dimension known only when the graph runs.
  public let shape: [Int]
  /// The primitive's parameters (`matmul(transposeA: false, transposeB: true)`), empty for
  /// other nodes.
  public let attributes: String
}

extension Graph: CustomStringConvertible {
  /// Every node, in the order it was added.
  public var nodeDescriptions: [GraphNodeDescription] {
    let recorded = lock.withLock { nodes }
    return recorded.map { node in
      var attributes = ""
      if case .primitive(let primitive) = node.operation { attributes = parameters(of: primitive) }
      return GraphNodeDescription(
        name: node.name, type: node.typeName, inputs: node.inputs.map(\.name),
        dtype: node.spec.dtype.rawValue, shape: node.spec.shape.dimensions, attributes: attributes)
    }
  }

  /// One line per node, `name = type(inputs) : dtype[shape]`, as a way to look at a graph.
  ///
  /// ```
  /// W/W = ReadVariable() : float32[1]
  /// output/mul = multiply(W/W, input/x) : float32[-1]
  /// ```
  public var description: String {
    nodeDescriptions.map { node in
      let details = node.attributes.isEmpty ? "" : "  \(node.attributes)"
      return
        "\(node.name) = \(node.type)(\(node.inputs.joined(separator: ", "))) : \(node.dtype)\(node.shape)\(details)"
    }.joined(separator: "\n")
  }

  /// The nodes as a JSON array of ``GraphNodeDescription`` objects, for tools that draw graphs.
  public func jsonDescription() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Encoding strings, integers and arrays of them cannot fail.
    let data = (try? encoder.encode(nodeDescriptions)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}

/// The parameters of a primitive worth showing (axes, shapes, flags); empty for elementwise
/// functions, whose type names them already.
private func parameters(of primitive: Primitive) -> String {
  switch primitive {
  case .unary, .binary, .compare, .select, .reshapeLike, .broadcastLike, .copyLike: return ""
  default: return String(describing: primitive).replacingOccurrences(of: "RillCore.", with: "")
  }
}
