/// An optimizer that can be written to a model file with the model's compile settings and be
/// recreated from it.
///
/// Keras: `get_config` and `from_config`.
///
/// The saved form holds what every ``Optimizer`` has — the learning rate (or its schedule, when
/// the schedule is a registered ``SavableSchedule``), clipping and weight decay — and what the
/// class lists in ``configuration()``. A custom optimizer conforms and is registered once,
/// before a model compiled with it is loaded:
///
/// ```swift
/// final class SignSGD: Optimizer, SavableOptimizer {
///   override func update(_ variable: Variable, gradient: Tensor, slots: [Variable],
///                        learningRate: Tensor, step: Tensor) {
///     variable.assignSub(learningRate * sign(gradient))
///   }
///   func configuration() -> [String: ConfigurationValue] { [:] }
///   convenience init(configuration: Configuration) { self.init(learningRate: 0.01) }
/// }
/// OptimizerRegistry.register(SignSGD.self)
/// ```
public protocol SavableOptimizer: Optimizer {
  /// The settings particular to this class, by Keras's names where Keras has the setting (the
  /// learning rate, clipping and weight decay are saved for every optimizer).
  func configuration() -> [String: ConfigurationValue]

  /// Recreates the optimizer from its ``configuration()``. The learning rate or schedule,
  /// clipping and weight decay are set afterwards from the saved form.
  ///
  /// - Throws: ``ModelFileError`` when a value is missing or of the wrong kind.
  init(configuration: Configuration) throws
}

/// The optimizer classes a model file may name, and the names `compile` accepts for them
/// (`"adam"` for `Adam()` …): Rill's built-in optimizers (listed in
/// `Saving/BuiltInClasses.swift`) and the custom ones registered here.
public enum OptimizerRegistry {
  static let classes = ClassRegistry<any SavableOptimizer.Type, @Sendable () -> Optimizer>(
    builtIn: builtInOptimizers, identity: { ObjectIdentifier($0) })

  /// Registers `type` under `name` (its Swift class name by default), so that model files naming it
  /// load compiled.
  ///
  /// Registering a name again replaces the earlier class.
  ///
  /// - Parameters:
  ///   - type: the optimizer class.
  ///   - name: the name written in model files.
  public static func register(_ type: any SavableOptimizer.Type, as name: String? = nil) {
    classes.register(type, as: name ?? String(describing: type))
  }

  /// Registers a name for `compile(optimizer:)`, matched without regard to case.
  ///
  /// - Parameters:
  ///   - shortName: the name, such as `"adam"`.
  ///   - make: makes the optimizer the name stands for.
  public static func register(shortName: String, _ make: @escaping @Sendable () -> Optimizer) {
    classes.register(shortName: shortName, make)
  }

  /// The class registered under `name`, if any.
  public static func type(named name: String) -> (any SavableOptimizer.Type)? {
    classes.type(named: name)
  }

  /// A new optimizer for the short name `name`, or `nil` when no optimizer has that name.
  static func make(shortName name: String) -> Optimizer? {
    classes.factory(shortName: name)?()
  }
}

extension Optimizer {
  /// The optimizer as a model file holds it, or `nil` when its class is not a registered
  /// ``SavableOptimizer`` or its schedule has no saved form.
  var savedForm: ConfigurationValue? {
    guard let savable = self as? any SavableOptimizer,
      let className = OptimizerRegistry.classes.name(of: type(of: self))
    else { return nil }
    var config = savable.configuration()
    if let schedule {
      guard let saved = savedSchedule(schedule) else { return nil }
      config["learning_rate"] = saved
    } else {
      config["learning_rate"] = .double(learningRate)
    }
    config["clipvalue"] = clipValue.map { .double($0) } ?? .null
    config["clipnorm"] = clipNorm.map { .double($0) } ?? .null
    config["global_clipnorm"] = globalClipNorm.map { .double($0) } ?? .null
    config["weight_decay"] = weightDecay.map { .double($0) } ?? .null
    return classForm(className, config)
  }
}

/// The optimizer saved in `form` by ``Optimizer/savedForm``.
///
/// - Throws: ``ModelFileError`` when the class is unknown or a value is invalid.
func makeOptimizer(from form: ConfigurationValue) throws -> Optimizer {
  let (name, config) = try readClassForm(form, kind: "optimizer")
  guard let type = OptimizerRegistry.type(named: name) else {
    throw ModelFileError.unknownClass(name, kind: "optimizer")
  }
  let optimizer = try type.init(configuration: config)
  if case .object = config["learning_rate"] {
    optimizer.schedule = try makeSchedule(from: config["learning_rate"] ?? .null)
  } else {
    optimizer.learningRate = try config.double("learning_rate")
  }
  optimizer.clipValue = try config.optionalDouble("clipvalue")
  optimizer.clipNorm = try config.optionalDouble("clipnorm")
  optimizer.globalClipNorm = try config.optionalDouble("global_clipnorm")
  optimizer.weightDecay = try config.optionalDouble("weight_decay")
  return optimizer
}
