import Foundation
import RillCore
import TensorBoardProtos

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

  /// The graph serialized as a `tensorflow.GraphDef` message (node attributes in key order, so
  /// the same graph always gives the same bytes).
  ///
  /// - Returns: the bytes of the `GraphDef`, with TensorFlow's `versions.producer` set to 1.
  /// - Throws: ``SummaryWriterError/tooLarge(_:)`` when the graph would exceed the 2 GiB that a
  ///   protobuf message may hold.
  public func encodedGraphDef() throws(SummaryWriterError) -> [UInt8] {
    try MessageCoding.serialize(message, what: "the graph")
  }

  /// The graph as the generated `GraphDef` message.
  var message: Tensorflow_GraphDef {
    var graph = Tensorflow_GraphDef()
    graph.node = nodes.map { node in
      var proto = Tensorflow_NodeDef()
      proto.name = node.name
      proto.op = node.op
      proto.input = node.inputs
      proto.device = node.device
      proto.attr = node.attributes.mapValues(\.message)
      return proto
    }
    graph.versions.producer = 1
    return graph
  }
}

extension TensorBoardGraph.AttributeValue {
  /// The value as the generated `AttrValue` message.
  var message: Tensorflow_AttrValue {
    var value = Tensorflow_AttrValue()
    switch self {
    case .string(let text): value.s = Data(text.utf8)
    case .int(let number): value.i = Int64(number)
    case .float(let number): value.f = Float(number)
    case .bool(let flag): value.b = flag
    case .dtype(let dtype): value.type = TensorBoardGraph.dataType(dtype)
    case .shape(let dimensions): value.shape = TensorBoardGraph.shape(dimensions)
    case .shapes(let shapes): value.list.shape = shapes.map(TensorBoardGraph.shape)
    }
    return value
  }
}

extension TensorBoardGraph {
  /// TensorFlow's `DataType` for a dtype.
  static func dataType(_ dtype: DType) -> Tensorflow_DataType {
    switch dtype {
    case .float32: return .dtFloat
    case .float64: return .dtDouble
    case .int32: return .dtInt32
    case .uint8: return .dtUint8
    case .int64: return .dtInt64
    case .bool: return .dtBool
    }
  }

  /// A `TensorShapeProto` with one `dim` per dimension (-1 for an unknown size).
  static func shape(_ dimensions: [Int]) -> Tensorflow_TensorShapeProto {
    var shape = Tensorflow_TensorShapeProto()
    shape.dim = dimensions.map { size in
      var dimension = Tensorflow_TensorShapeProto.Dim()
      dimension.size = Int64(size)
      return dimension
    }
    return shape
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
