/// A variable as a graph sees it: one the graph owns (its value lives in each ``Session``) or an
/// eager ``Variable`` the graph captured (its value lives in the variable itself).
enum VariableReference: Hashable {
  case owned(GraphVariableID)
  case captured(Variable)

  static func == (lhs: VariableReference, rhs: VariableReference) -> Bool {
    switch (lhs, rhs) {
    case (.owned(let a), .owned(let b)): return a == b
    case (.captured(let a), .captured(let b)): return a === b
    default: return false
    }
  }

  func hash(into hasher: inout Hasher) {
    switch self {
    case .owned(let id): hasher.combine(id)
    case .captured(let variable): hasher.combine(ObjectIdentifier(variable))
    }
  }
}

/// The identity of a variable owned by a graph: its graph and its position in it.
struct GraphVariableID: Hashable {
  let graph: ObjectIdentifier
  let index: Int
}

/// What a graph node does.
enum NodeOperation {
  /// A value fed at run time.
  case placeholder
  /// A value fixed when the graph was built.
  case constant(Tensor)
  /// A primitive applied to the node's inputs.
  case primitive(Primitive)
  /// Its input, through which no gradient flows.
  case stopGradient
  /// The current value of a variable.
  case read(VariableReference)
  /// Sets a variable to its input, or updates it to f(input 0, input 1) — input 0 its current
  /// value — and outputs the new value.
  case assign(VariableReference, BinaryFunction?)
  /// Runs its inputs for their effects; it has no value.
  case group
}

/// One operation of a ``Graph``: what it does, the nodes it reads, and the dtype and (possibly
/// partly unknown) shape of its value.
final class GraphNode {
  /// The node's position in its graph, which is also a topological order.
  let index: Int
  let operation: NodeOperation
  let inputs: [GraphNode]
  let spec: TensorSpec
  /// The node's name, with its name scopes: `HiddenLayer/MatMul`.
  let name: String

  init(index: Int, operation: NodeOperation, inputs: [GraphNode], spec: TensorSpec, name: String) {
    self.index = index
    self.operation = operation
    self.inputs = inputs
    self.spec = spec
    self.name = name
  }

  /// The TensorFlow-style type of the node, for names and exported graphs.
  var typeName: String { GraphNode.typeName(of: operation) }

  /// The TensorFlow-style type of a node doing `operation`.
  static func typeName(of operation: NodeOperation) -> String {
    switch operation {
    case .placeholder: return "Placeholder"
    case .constant: return "Const"
    case .primitive(let primitive): return primitive.name
    case .stopGradient: return "StopGradient"
    case .read(.owned): return "VariableV2"
    case .read(.captured): return "ReadVariable"
    case .assign(_, let function):
      switch function {
      case nil: return "Assign"
      case .add?: return "AssignAdd"
      case .subtract?: return "AssignSub"
      case let other?: return "Assign_\(other.name)"
      }
    case .group: return "NoOp"
    }
  }
}
