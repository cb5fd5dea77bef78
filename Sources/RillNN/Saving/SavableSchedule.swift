/// A learning-rate schedule that can be written to a model file as its optimizer's learning rate
/// and be recreated from it.
///
/// Keras: `get_config` and `from_config`.
///
/// ```swift
/// struct HalvingEachEpoch: LearningRateSchedule, SavableSchedule {
///   var initialRate: Double, stepsPerEpoch: Double
///   func callAsFunction(_ step: Tensor) -> Tensor {
///     initialRate * pow(Tensor(0.5, dtype: .float32), floor(step / stepsPerEpoch))
///   }
///   func configuration() -> [String: ConfigurationValue] {
///     ["initial_rate": .double(initialRate), "steps_per_epoch": .double(stepsPerEpoch)]
///   }
///   init(configuration: Configuration) throws { … }
/// }
/// ScheduleRegistry.register(HalvingEachEpoch.self)
/// ```
public protocol SavableSchedule: LearningRateSchedule {
  /// The schedule's settings, by Keras's names where Keras has the setting.
  func configuration() -> [String: ConfigurationValue]

  /// Recreates the schedule from its ``configuration()``.
  ///
  /// - Throws: ``ModelFileError`` when a value is missing, of the wrong kind or out of range.
  init(configuration: Configuration) throws
}

/// The schedule types a model file may name: Rill's built-in schedules (listed in
/// `Saving/BuiltInClasses.swift`) and the custom ones registered here.
public enum ScheduleRegistry {
  static let classes = ClassRegistry<any SavableSchedule.Type, Never>(
    builtIn: builtInSchedules.map { (type: $0, shortNames: [], make: nil) },
    identity: { ObjectIdentifier($0) })

  /// Registers `type` under `name` (its Swift type name by default), so that model files naming it
  /// load.
  ///
  /// Registering a name again replaces the earlier type.
  ///
  /// - Parameters:
  ///   - type: the schedule type.
  ///   - name: the name written in model files.
  public static func register(_ type: any SavableSchedule.Type, as name: String? = nil) {
    classes.register(type, as: name ?? String(describing: type))
  }

  /// The type registered under `name`, if any.
  public static func type(named name: String) -> (any SavableSchedule.Type)? {
    classes.type(named: name)
  }
}

/// The schedule as a model file holds it, or `nil` when its type is not a registered
/// ``SavableSchedule``.
func savedSchedule(_ schedule: any LearningRateSchedule) -> ConfigurationValue? {
  guard let savable = schedule as? any SavableSchedule,
    let className = ScheduleRegistry.classes.name(of: type(of: schedule))
  else { return nil }
  return classForm(className, savable.configuration())
}

/// The schedule saved in `form` by ``savedSchedule(_:)``.
///
/// - Throws: ``ModelFileError`` when the type is unknown or a value is invalid.
func makeSchedule(from form: ConfigurationValue) throws -> any LearningRateSchedule {
  let (name, config) = try readClassForm(form, kind: "schedule")
  guard let type = ScheduleRegistry.type(named: name) else {
    throw ModelFileError.unknownClass(name, kind: "schedule")
  }
  return try type.init(configuration: config)
}
