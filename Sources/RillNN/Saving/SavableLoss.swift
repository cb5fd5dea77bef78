/// A loss that can be written to a model file with the model's compile settings and be recreated
/// from it.
///
/// Keras: `get_config` and `from_config`.
///
/// The saved form holds the ``Loss/reduction`` of every loss and what the type lists in
/// ``configuration()``. A custom loss conforms and is registered once, before a model compiled
/// with it is loaded:
///
/// ```swift
/// struct LogCosh: Loss, SavableLoss {
///   var reduction = LossReduction.sumOverBatchSize
///   var name: String { "log_cosh" }
///   func perExample(labels: Tensor, predictions: Tensor) -> Tensor {
///     log(cosh(predictions - labels)).mean(alongAxes: [-1])
///   }
///   func configuration() -> [String: ConfigurationValue] { [:] }
///   init(configuration: Configuration) throws { reduction = try configuration.reduction() }
/// }
/// LossRegistry.register(LogCosh.self)
/// ```
public protocol SavableLoss: Loss {
  /// The settings particular to this type, by Keras's names (the reduction is saved for every
  /// loss).
  func configuration() -> [String: ConfigurationValue]

  /// Recreates the loss from its ``configuration()``; ``Configuration/reduction()`` reads the
  /// reduction.
  ///
  /// - Throws: ``ModelFileError`` when a value is missing or of the wrong kind.
  init(configuration: Configuration) throws
}

/// The loss types a model file may name, and the names `compile` accepts for them (`"mse"`,
/// `"sparse_categorical_crossentropy"` …): Rill's built-in losses (listed in
/// `Saving/BuiltInClasses.swift`) and the custom ones registered here.
public enum LossRegistry {
  static let classes = ClassRegistry<any SavableLoss.Type, @Sendable () -> any Loss>(
    builtIn: builtInLosses, identity: { ObjectIdentifier($0) })

  /// Registers `type` under `name` (its Swift type name by default), so that model files naming it
  /// load compiled.
  ///
  /// Registering a name again replaces the earlier type.
  ///
  /// - Parameters:
  ///   - type: the loss type.
  ///   - name: the name written in model files.
  public static func register(_ type: any SavableLoss.Type, as name: String? = nil) {
    classes.register(type, as: name ?? String(describing: type))
  }

  /// Registers a name for `compile(loss:)`, matched without regard to case.
  ///
  /// - Parameters:
  ///   - shortName: the name, such as `"mse"`.
  ///   - make: makes the loss the name stands for.
  public static func register(shortName: String, _ make: @escaping @Sendable () -> any Loss) {
    classes.register(shortName: shortName, make)
  }

  /// The type registered under `name`, if any.
  public static func type(named name: String) -> (any SavableLoss.Type)? {
    classes.type(named: name)
  }

  /// A new loss for the short name `name`, or `nil` when no loss has that name.
  static func make(shortName name: String) -> (any Loss)? {
    classes.factory(shortName: name)?()
  }
}

extension SavableLoss {
  /// No settings besides the reduction.
  public func configuration() -> [String: ConfigurationValue] { [:] }
}

extension LossReduction {
  /// Keras's name for the reduction.
  var savedForm: ConfigurationValue {
    switch self {
    case .sumOverBatchSize: "sum_over_batch_size"
    case .sum: "sum"
    case .none: "none"
    }
  }
}

extension Configuration {
  /// The loss reduction saved under `"reduction"`, by Keras's names.
  ///
  /// - Throws: ``ModelFileError`` when it is missing or not one of `"sum_over_batch_size"`,
  ///   `"sum"` and `"none"`.
  public func reduction() throws -> LossReduction {
    switch try string("reduction") {
    case "sum_over_batch_size": return .sumOverBatchSize
    case "sum": return .sum
    case "none": return .none
    default: throw invalid("reduction", "\"sum_over_batch_size\", \"sum\" or \"none\"")
    }
  }
}

/// The loss as a model file holds it, or `nil` when its type is not a registered
/// ``SavableLoss``.
func savedLoss(_ loss: any Loss) -> ConfigurationValue? {
  guard let savable = loss as? any SavableLoss,
    let className = LossRegistry.classes.name(of: type(of: loss))
  else { return nil }
  var config = savable.configuration()
  config["reduction"] = loss.reduction.savedForm
  return classForm(className, config)
}

/// The loss saved in `form` by ``savedLoss(_:)``.
///
/// - Throws: ``ModelFileError`` when the type is unknown or a value is invalid.
func makeLoss(from form: ConfigurationValue) throws -> any Loss {
  let (name, config) = try readClassForm(form, kind: "loss")
  guard let type = LossRegistry.type(named: name) else {
    throw ModelFileError.unknownClass(name, kind: "loss")
  }
  return try type.init(configuration: config)
}
