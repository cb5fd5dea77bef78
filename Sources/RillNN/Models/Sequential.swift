import RillCore

/// A model that applies its layers one after the other.
///
/// ```swift
/// let model = Sequential {
///   Flatten()
///   Dense(128, activation: .relu)
///   Dense(10, activation: .softmax)
/// }
/// model.add(Dropout(rate: 0.1))   // layers can also be added one by one
/// ```
/// Keras: `keras.Sequential`.
public final class Sequential: Model {
  /// The layers, in order.
  public private(set) var layers: [Layer]

  /// Creates a model from layers.
  public init(_ layers: [Layer] = [], name: String? = nil) {
    self.layers = layers
    super.init(name: name)
  }

  /// Creates a model from layers listed in a builder block.
  public convenience init(name: String? = nil, @LayerBuilder _ layers: () -> [Layer]) {
    self.init(layers(), name: name)
  }

  /// Appends a layer.
  public func add(_ layer: Layer) {
    layers.append(layer)
  }

  /// Applies the layers in order.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    layers.reduce(input) { output, layer in layer(output, training: training) }
  }

  /// The layers, under names made from their classes and their order in this model (`dense`,
  /// `dense_1`, `conv2d` …), whatever their ``Layer/name``s: weights are keyed `dense.kernel`,
  /// `dense_1.kernel` …, as Keras 3 keys its weight files, so that a checkpoint fits any model
  /// built the same way, in this program or another.
  public override var namedSublayers: [(String, Layer)] {
    var counts: [String: Int] = [:]
    return layers.map { layer in
      let base = LayerNames.snakeCase(String(describing: type(of: layer)))
      let count = counts[base, default: 0]
      counts[base] = count + 1
      return (count == 0 ? base : "\(base)_\(count)", layer)
    }
  }
}

/// Collects the layers written one per line in a ``Sequential`` builder block.
@resultBuilder
public enum LayerBuilder {
  /// The layers of a block.
  public static func buildBlock(_ layers: [Layer]...) -> [Layer] { layers.flatMap { $0 } }
  /// One layer.
  public static func buildExpression(_ layer: Layer) -> [Layer] { [layer] }
  /// Layers from an optional part.
  public static func buildOptional(_ layers: [Layer]?) -> [Layer] { layers ?? [] }
  /// The first branch of an `if`.
  public static func buildEither(first layers: [Layer]) -> [Layer] { layers }
  /// The second branch of an `if`.
  public static func buildEither(second layers: [Layer]) -> [Layer] { layers }
  /// Layers from a `for` loop.
  public static func buildArray(_ layers: [[Layer]]) -> [Layer] { layers.flatMap { $0 } }
}

extension Sequential: SavableLayer {
  /// The layers' saved forms, in order.
  ///
  /// - Throws: ``ModelFileError/notSavable(layer:className:)`` naming the first layer that has
  ///   no saved form.
  public func configuration() throws -> [String: ConfigurationValue] {
    let forms = try layers.map { layer -> ConfigurationValue in
      guard let savable = layer as? any SavableLayer else {
        throw ModelFileError.notSavable(
          layer: layer.name, className: String(describing: type(of: layer)))
      }
      return .object(try savable.savedForm())
    }
    return ["layers": .array(forms)]
  }

  /// Recreates the model's layers from their saved forms.
  ///
  /// - Throws: ``ModelFileError`` when a layer's class is unknown or its configuration invalid.
  public convenience init(configuration: Configuration, name: String) throws {
    guard case .array(let forms) = configuration["layers"] else {
      throw configuration.invalid("layers", "a list of layers")
    }
    self.init(try forms.map(makeLayer(from:)), name: name)
  }
}
