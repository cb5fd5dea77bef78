import Foundation

/// The classes of one kind (layers, optimizers, losses, metrics or schedules) that model files
/// may name, by the name written for them, and the short names `compile` accepts.
///
/// The public registries (``LayerRegistry``, ``OptimizerRegistry``, ``LossRegistry``,
/// ``MetricRegistry``, ``ScheduleRegistry``) are thin fronts on one of these; registering is
/// thread-safe.
final class ClassRegistry<Kind, Factory>: @unchecked Sendable {
  private let lock = NSLock()
  private var types: [String: Kind] = [:]
  private var factories: [String: Factory] = [:]
  private let identity: (Kind) -> ObjectIdentifier

  /// Creates a registry holding `builtIn`: each class under its Swift name, and its short
  /// names (lowercased) with the factory that makes the default instance.
  init(
    builtIn: [(type: Kind, shortNames: [String], make: Factory?)],
    identity: @escaping (Kind) -> ObjectIdentifier
  ) {
    self.identity = identity
    for entry in builtIn {
      types[String(describing: entry.type)] = entry.type
      if let make = entry.make {
        for name in entry.shortNames { factories[name.lowercased()] = make }
      }
    }
  }

  /// Registers `type` under `name`, replacing any class registered under it before.
  func register(_ type: Kind, as name: String) {
    lock.withLock { types[name] = type }
  }

  /// Registers `make` under the short name `name` (matched without regard to case).
  func register(shortName name: String, _ make: Factory) {
    lock.withLock { factories[name.lowercased()] = make }
  }

  /// The class registered under `name`.
  func type(named name: String) -> Kind? {
    lock.withLock { types[name] }
  }

  /// The factory registered under the short name `name`.
  func factory(shortName name: String) -> Factory? {
    lock.withLock { factories[name.lowercased()] }
  }

  /// The name `type` is registered under, or `nil`.
  ///
  /// Only the exact class counts: a subclass of a registered class is not written under its
  /// parent's name.
  func name(of type: Any.Type) -> String? {
    let wanted = ObjectIdentifier(type)
    return lock.withLock { types.first { identity($0.value) == wanted }?.key }
  }
}

/// A class name and its settings, as optimizers, losses, schedules, metrics, initializers and
/// regularizers are saved: Keras's `{"class_name": …, "config": {…}}`.
func classForm(_ className: String, _ config: [String: ConfigurationValue]) -> ConfigurationValue {
  ["class_name": .string(className), "config": .object(config)]
}

/// The class name and configuration saved in `form`, a value written by ``classForm(_:_:)``.
///
/// - Throws: ``ModelFileError/invalidConfiguration(className:key:expected:)`` when `form` is
///   not an object with a class name and a configuration.
func readClassForm(_ form: ConfigurationValue, kind: String) throws -> (String, Configuration) {
  guard case .object(let values) = form else {
    throw ModelFileError.invalidConfiguration(
      className: kind, key: "class_name", expected: "an object with a class name")
  }
  let outer = Configuration(className: kind, values: values)
  let name = try outer.string("class_name")
  return (name, Configuration(className: name, values: try outer.object("config")))
}
