/// Why a model could not be saved to, or loaded from, a model directory.
///
/// Weights that do not fit a model are reported as ``CheckpointError``s, and damaged weight
/// files as `SafetensorsError`s or `NPZError`s; this error covers the architecture and the
/// directory. When loading throws, no model or variable has changed.
public enum ModelFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The model or one of its layers has no saved form: its class does not conform to
  /// ``SavableLayer``. Save its weights with `saveWeights(to:)` instead.
  case notSavable(layer: String, className: String)
  /// The model has not been built: it has no weights to save or load yet. Call it once, or
  /// `build(for:)`, first.
  case notBuilt(model: String)
  /// The file names a class Rill does not know; custom classes must be registered with their
  /// kind's registry (``LayerRegistry``, ``OptimizerRegistry``, ``LossRegistry``,
  /// ``MetricRegistry`` or ``ScheduleRegistry``) before loading.
  case unknownClass(String, kind: String)
  /// A configuration lacks a value, or has one of the wrong kind.
  case invalidConfiguration(className: String, key: String, expected: String)
  /// The directory or its `config.json` is missing, unreadable or not a Rill model; the text
  /// says which file and why.
  case unreadable(path: String, reason: String)
  /// The directory cannot be written; the text says which file and why.
  case unwritable(path: String, reason: String)

  /// A sentence saying what is wrong and where.
  public var description: String {
    switch self {
    case .notSavable(let layer, let className):
      return "layer '\(layer)' of class \(className) cannot be saved: make \(className) conform "
        + "to SavableLayer, or save the weights alone with saveWeights(to:)"
    case .notBuilt(let model):
      return "model '\(model)' has no weights yet: call it on an input, or build(for:), first"
    case .unknownClass(let name, let kind):
      return "unknown \(kind) class '\(name)' in the model file; register custom classes with "
        + "their registry (LayerRegistry, OptimizerRegistry, LossRegistry, MetricRegistry, "
        + "ScheduleRegistry) before loading"
    case .invalidConfiguration(let className, let key, let expected):
      return "the configuration of \(className) needs '\(key)' to be \(expected)"
    case .unreadable(let path, let reason):
      return "cannot read the model at \(path): \(reason)"
    case .unwritable(let path, let reason):
      return "cannot write the model to \(path): \(reason)"
    }
  }
}
