import RillCore

/// Why `compile`, `fit`, `evaluate` or `predict` cannot use what it was given.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
  /// A name given to `compile` that Rill does not know.
  case unknownName(String, kind: String)
  /// `fit` or `evaluate` was called before `compile`.
  case notCompiled(model: String)
  /// The inputs and the labels have different numbers of examples.
  case mismatchedExamples(inputs: Shape, labels: Shape)
  /// There are no examples to train or evaluate on.
  case noExamples
  /// A setting is outside its range.
  case invalidArgument(String)

  /// What went wrong, for people.
  public var description: String {
    switch self {
    case .unknownName(let name, let kind):
      return "'\(name)' is not a \(kind) Rill knows; pass a \(kind) object instead"
    case .notCompiled(let model):
      return
        "model '\(model)' must be compiled (compile(optimizer:loss:metrics:)) before training or evaluation"
    case .mismatchedExamples(let inputs, let labels):
      return
        "inputs of shape \(inputs) and labels of shape \(labels) have different numbers of examples"
    case .noExamples:
      return "there are no examples"
    case .invalidArgument(let message):
      return message
    }
  }
}
