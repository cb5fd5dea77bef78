/// Why a ``Session`` could not run what it was asked to: what came from outside the program (the
/// feeds) or from the state of the session, named by the graph node concerned.
///
/// Like TensorFlow's `InvalidArgumentError` and `FailedPreconditionError`, these are thrown, never
/// trapped.
public enum SessionError: Error, Equatable, CustomStringConvertible {
  /// A placeholder the fetches depend on was not fed.
  case missingFeed(placeholder: String)
  /// A placeholder was fed a value of another dtype.
  case feedDTypeMismatch(placeholder: String, expected: DType, fed: DType)
  /// A placeholder was fed a value whose shape does not fit its declared shape.
  case feedShapeMismatch(placeholder: String, expected: Shape, fed: Shape)
  /// A variable was read before any initializer ran in this session.
  case uninitializedVariable(name: String)
  /// An op received operands that do not fit once the fed shapes are known.
  case invalidArgument(node: String, message: String)
  /// A fetch or operation belongs to another graph than the session's.
  case foreignTensor(name: String)

  /// What went wrong, for people.
  public var description: String {
    switch self {
    case .missingFeed(let name):
      return "InvalidArgument: placeholder '\(name)' must be fed a value"
    case .feedDTypeMismatch(let name, let expected, let fed):
      return "InvalidArgument: placeholder '\(name)' has dtype \(expected) but was fed \(fed)"
    case .feedShapeMismatch(let name, let expected, let fed):
      return "InvalidArgument: placeholder '\(name)' has shape \(expected) but was fed shape \(fed)"
    case .uninitializedVariable(let name):
      return
        "FailedPrecondition: variable '\(name)' is read before it is initialized (run globalVariablesInitializer() first)"
    case .invalidArgument(let node, let message):
      return "InvalidArgument: at '\(node)': \(message)"
    case .foreignTensor(let name):
      return "InvalidArgument: '\(name)' does not belong to the session's graph"
    }
  }
}
