/// A layer that can be written to a model file and recreated from it: it describes its settings
/// (not its weights) as a configuration and can be made again from one.
///
/// Keras: `get_config` and `from_config`.
///
/// Rill's built-in layers and ``Sequential`` conform. A custom layer conforms by listing its
/// settings, and is registered once before a model holding it is loaded:
///
/// ```swift
/// final class Scale: Layer, SavableLayer {
///   let initialFactor: Double
///   init(initialFactor: Double, name: String? = nil) { … }
///   var configuration: [String: ConfigurationValue] { ["initial_factor": .double(initialFactor)] }
///   convenience init(configuration: Configuration, name: String) throws {
///     self.init(initialFactor: try configuration.double("initial_factor"), name: name)
///   }
/// }
/// LayerRegistry.register(Scale.self)
/// ```
public protocol SavableLayer: Layer {
  /// The settings that recreate the layer, by Keras's names where Keras has the setting.
  ///
  /// - Throws: ``ModelFileError/notSavable(layer:className:)`` when a setting (a custom
  ///   initializer or regularizer, say) has no saved form.
  func configuration() throws -> [String: ConfigurationValue]

  /// Recreates the layer named `name` from its ``configuration()``.
  ///
  /// - Throws: ``ModelFileError`` when a value is missing or of the wrong kind.
  init(configuration: Configuration, name: String) throws
}

/// The layer classes a model file may name, by class name: Rill's built-in layers (listed in
/// `Saving/BuiltInClasses.swift`), and the custom ones registered with ``register(_:as:)``.
public enum LayerRegistry {
  static let classes = ClassRegistry<any SavableLayer.Type, Never>(
    builtIn: builtInLayers.map { (type: $0, shortNames: [], make: nil) },
    identity: { ObjectIdentifier($0) })

  /// Registers `type` under `name` (its Swift class name by default), so that model files naming it
  /// can be loaded.
  ///
  /// Registering a name again replaces the earlier class.
  ///
  /// - Parameters:
  ///   - type: the layer class.
  ///   - name: the name written in model files.
  public static func register(_ type: any SavableLayer.Type, as name: String? = nil) {
    classes.register(type, as: name ?? String(describing: type))
  }

  /// The class registered under `name`, if any.
  public static func type(named name: String) -> (any SavableLayer.Type)? {
    classes.type(named: name)
  }

  /// The name under which `layer` is written: its registered name, or `nil` when its class is
  /// not savable or not registered.
  static func name(of layer: Layer) -> String? {
    guard layer is any SavableLayer else { return nil }
    return classes.name(of: Swift.type(of: layer))
  }
}

extension SavableLayer {
  /// No settings besides the name.
  public func configuration() -> [String: ConfigurationValue] { [:] }

  /// The layer as a model file describes it: its class, name and configuration.
  func savedForm() throws -> [String: ConfigurationValue] {
    guard let className = LayerRegistry.name(of: self) else {
      throw ModelFileError.notSavable(layer: name, className: String(describing: type(of: self)))
    }
    return [
      "class_name": .string(className), "name": .string(name),
      "config": .object(try configuration()),
    ]
  }
}

/// Recreates a layer from its saved form (see ``SavableLayer/savedForm()``).
///
/// - Throws: ``ModelFileError`` when the class is unknown or the configuration is invalid.
func makeLayer(from saved: ConfigurationValue) throws -> Layer {
  guard case .object(let fields) = saved else {
    throw ModelFileError.invalidConfiguration(
      className: "layer", key: "layers", expected: "a list of layer objects")
  }
  let form = Configuration(className: "layer", values: fields)
  let className = try form.string("class_name")
  guard let type = LayerRegistry.type(named: className) else {
    throw ModelFileError.unknownClass(className, kind: "layer")
  }
  return try type.init(
    configuration: Configuration(className: className, values: try form.object("config")),
    name: try form.string("name"))
}
