import RillCore

/// A computation graph in the form TensorBoard's Graphs tab reads: a list of named nodes, each
/// with an op type, the names of its inputs and a few attributes.
///
/// This is the bridge for Rill's `Graph` and compiled functions: they describe their nodes with
/// this type and hand it to ``SummaryWriter/graph(_:)``, which stores it as a serialized
/// `tensorflow.GraphDef`. Node names with slashes (`dense1/MatMul`) are drawn as nested scopes.
///
/// ```swift
/// let graph = TensorBoardGraph(nodes: [
///   .init(name: "x", op: "Placeholder", attributes: ["dtype": .dtype(.float32)]),
///   .init(name: "dense/kernel", op: "VariableV2", attributes: ["shape": .shape([784, 10])]),
///   .init(name: "dense/MatMul", op: "MatMul", inputs: ["x", "dense/kernel"]),
/// ])
/// writer.graph(graph)
/// ```
public struct TensorBoardGraph: Sendable {
  /// One operation of the graph: TensorFlow's `NodeDef`.
  public struct Node: Sendable {
    /// The unique name; slashes separate name scopes.
    public var name: String
    /// The operation type, for example `MatMul` or `Placeholder`.
    public var op: String
    /// The names of the nodes whose outputs this node reads (`name:1` for a second output,
    /// `^name` for a control dependency).
    public var inputs: [String]
    /// The device the node runs on, or the empty string.
    public var device: String
    /// Attributes shown in the node's info card, such as `dtype` or `shape`.
    public var attributes: [String: AttributeValue]

    /// Creates a node.
    ///
    /// - Parameters:
    ///   - name: The unique name; slashes separate name scopes.
    ///   - op: The operation type.
    ///   - inputs: The names of the input nodes.
    ///   - device: The device, or the empty string.
    ///   - attributes: Attributes for the node's info card.
    public init(
      name: String, op: String, inputs: [String] = [], device: String = "",
      attributes: [String: AttributeValue] = [:]
    ) {
      self.name = name
      self.op = op
      self.inputs = inputs
      self.device = device
      self.attributes = attributes
    }
  }

  /// The value of a node attribute: TensorFlow's `AttrValue`, for the kinds TensorBoard shows.
  public enum AttributeValue: Sendable, Equatable {
    /// A string.
    case string(String)
    /// An integer.
    case int(Int)
    /// A real number (stored as a 32-bit float, as TensorFlow does).
    case float(Double)
    /// A Boolean.
    case bool(Bool)
    /// An element type.
    case dtype(DType)
    /// A shape; -1 marks an unknown dimension.
    case shape([Int])
    /// The shapes of the node's outputs (TensorBoard labels edges with the `_output_shapes`
    /// attribute).
    case shapes([[Int]])
  }

  /// The nodes, in any order.
  public var nodes: [Node]

  /// Creates a graph from its nodes.
  public init(nodes: [Node]) {
    self.nodes = nodes
  }

  /// The graph serialized as a `tensorflow.GraphDef` message.
  ///
  /// GraphDef: node (1), versions (4, with `producer` (1)). NodeDef: name (1), op (2),
  /// input (3), device (4), attr (5, a map written as entries with key (1) and value (2)).
  public func encodedGraphDef() -> [UInt8] {
    var graph = ProtobufEncoder()
    for node in nodes {
      graph.appendMessage(field: 1) { proto in
        proto.appendString(node.name, field: 1)
        proto.appendString(node.op, field: 2)
        for input in node.inputs { proto.appendString(input, field: 3) }
        if !node.device.isEmpty { proto.appendString(node.device, field: 4) }
        for key in node.attributes.keys.sorted() {
          guard let value = node.attributes[key] else { continue }
          proto.appendMessage(field: 5) { entry in
            entry.appendString(key, field: 1)
            entry.appendMessage(field: 2) { value.encode(into: &$0) }
          }
        }
      }
    }
    graph.appendMessage(field: 4) { $0.appendInt32(1, field: 1) }
    return graph.bytes
  }
}

extension TensorBoardGraph.AttributeValue {
  /// Writes the `AttrValue` fields: list (1), s (2), i (3), f (4), b (5), type (6), shape (7).
  func encode(into message: inout ProtobufEncoder) {
    switch self {
    case .string(let value):
      message.appendString(value, field: 2)
    case .int(let value):
      message.appendInt64(Int64(value), field: 3)
    case .float(let value):
      message.appendFloat(Float(value), field: 4)
    case .bool(let value):
      message.appendBool(value, field: 5)
    case .dtype(let dtype):
      message.appendInt32(TensorBoardGraph.dataTypeNumber(dtype), field: 6)
    case .shape(let dimensions):
      message.appendMessage(field: 7) { TensorBoardGraph.encodeShape(dimensions, into: &$0) }
    case .shapes(let shapes):
      // AttrValue.ListValue: shape (7), repeated.
      message.appendMessage(field: 1) { list in
        for dimensions in shapes {
          list.appendMessage(field: 7) { TensorBoardGraph.encodeShape(dimensions, into: &$0) }
        }
      }
    }
  }
}

extension TensorBoardGraph {
  /// TensorFlow's `DataType` enum number for a dtype (`types.proto`).
  static func dataTypeNumber(_ dtype: DType) -> Int32 {
    switch dtype {
    case .float32: return 1
    case .float64: return 2
    case .int32: return 3
    case .uint8: return 4
    case .int64: return 9
    case .bool: return 10
    }
  }

  /// Writes a `TensorShapeProto`: one `dim` (2) per dimension, each with its `size` (1).
  static func encodeShape(_ dimensions: [Int], into message: inout ProtobufEncoder) {
    for size in dimensions {
      message.appendMessage(field: 2) { $0.appendInt64(Int64(size), field: 1) }
    }
  }
}

extension TensorBoardGraph {
  /// The nodes of a Rill ``Graph`` (a TensorFlow 1 style graph, or the graph a compiled
  /// function traced), with their dtypes and shapes as attributes.
  public init(_ graph: Graph) {
    self.init(
      nodes: graph.nodeDescriptions.map { node in
        var attributes: [String: AttributeValue] = ["_output_shapes": .shapes([node.shape])]
        if let dtype = DType(rawValue: node.dtype) { attributes["dtype"] = .dtype(dtype) }
        if !node.attributes.isEmpty { attributes["parameters"] = .string(node.attributes) }
        return Node(name: node.name, op: node.type, inputs: node.inputs, attributes: attributes)
      })
  }
}
