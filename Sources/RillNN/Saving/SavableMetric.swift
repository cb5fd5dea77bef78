/// A metric that can be written to a model file with the model's compile settings and be recreated
/// from it.
///
/// Keras: `get_config` and `from_config`.
///
/// The saved form holds the metric's ``Metric/name`` and what the class lists in
/// ``configuration()``; the running state is not saved. A custom metric conforms and is
/// registered once, before a model compiled with it is loaded:
///
/// ```swift
/// final class MeanPrediction: Mean, SavableMetric {
///   func configuration() -> [String: ConfigurationValue] { [:] }
///   convenience init(configuration: Configuration, name: String) { self.init(name: name) }
/// }
/// MetricRegistry.register(MeanPrediction.self)
/// ```
public protocol SavableMetric: Metric {
  /// The settings particular to this class, by Keras's names (the name is saved for every
  /// metric).
  ///
  /// - Throws: ``ModelFileError/notSavable(layer:className:)`` when a setting (a custom loss,
  ///   say) has no saved form; the metric is then left out of the model file.
  func configuration() throws -> [String: ConfigurationValue]

  /// Recreates the metric named `name` from its ``configuration()``.
  ///
  /// - Throws: ``ModelFileError`` when a value is missing or of the wrong kind.
  init(configuration: Configuration, name: String) throws
}

extension SavableMetric {
  /// No settings besides the name.
  public func configuration() -> [String: ConfigurationValue] { [:] }
}

/// The metric classes a model file may name, and the names `compile` accepts for them
/// (`"accuracy"`, `"precision"` …): Rill's built-in metrics (listed in
/// `Saving/BuiltInClasses.swift`) and the custom ones registered here.
public enum MetricRegistry {
  static let classes = ClassRegistry<any SavableMetric.Type, @Sendable (any Loss) -> Metric>(
    builtIn: builtInMetrics, identity: { ObjectIdentifier($0) })

  /// Registers `type` under `name` (its Swift class name by default), so that model files naming it
  /// load compiled with it.
  ///
  /// Registering a name again replaces the earlier class.
  ///
  /// - Parameters:
  ///   - type: the metric class.
  ///   - name: the name written in model files.
  public static func register(_ type: any SavableMetric.Type, as name: String? = nil) {
    classes.register(type, as: name ?? String(describing: type))
  }

  /// Registers a name for `compile(metrics:)`, matched without regard to case.
  ///
  /// - Parameters:
  ///   - shortName: the name, such as `"accuracy"`.
  ///   - make: makes the metric the name stands for, given the compiled loss.
  public static func register(
    shortName: String, _ make: @escaping @Sendable (any Loss) -> Metric
  ) {
    classes.register(shortName: shortName, make)
  }

  /// The class registered under `name`, if any.
  public static func type(named name: String) -> (any SavableMetric.Type)? {
    classes.type(named: name)
  }

  /// A new metric for the short name `name` and the compiled `loss`, or `nil` when no metric
  /// has that name.
  static func make(shortName name: String, for loss: any Loss) -> Metric? {
    classes.factory(shortName: name)?(loss)
  }
}

/// The metric as a model file holds it, or `nil` when its class is not a registered
/// ``SavableMetric`` or a setting of it has no saved form.
func savedMetric(_ metric: Metric) -> ConfigurationValue? {
  guard let savable = metric as? any SavableMetric,
    let className = MetricRegistry.classes.name(of: type(of: metric)),
    var config = try? savable.configuration()
  else { return nil }
  config["name"] = .string(metric.name)
  return classForm(className, config)
}

/// The metric saved in `form` by ``savedMetric(_:)``.
///
/// - Throws: ``ModelFileError`` when the class is unknown or a value is invalid.
func makeMetric(from form: ConfigurationValue) throws -> Metric {
  let (name, config) = try readClassForm(form, kind: "metric")
  guard let type = MetricRegistry.type(named: name) else {
    throw ModelFileError.unknownClass(name, kind: "metric")
  }
  return try type.init(configuration: config, name: try config.string("name"))
}
