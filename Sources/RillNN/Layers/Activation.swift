import RillCore

/// Applies an activation function.
///
/// Keras: `keras.layers.Activation`.
public final class Activation: Layer {
  /// The function applied.
  public let function: ActivationFunction

  /// Creates the layer.
  public init(_ function: ActivationFunction, name: String? = nil) {
    self.function = function
    super.init(name: name)
  }

  /// function(input).
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    function(input)
  }
}

/// max(x, 0).
///
/// Keras: `keras.layers.ReLU`.
public final class ReLU: Layer {
  /// Creates the layer.
  public override init(name: String? = nil) {
    super.init(name: name)
  }

  /// max(input, 0).
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    relu(input)
  }
}

/// The softmax along an axis.
///
/// Keras: `keras.layers.Softmax`.
public final class Softmax: Layer {
  /// The axis normalized to sum to 1.
  public let axis: Int

  /// Creates the layer.
  public init(alongAxis axis: Int = -1, name: String? = nil) {
    self.axis = axis
    super.init(name: name)
  }

  /// softmax(input) along ``axis``.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    softmax(input, alongAxis: axis)
  }
}

extension Activation: SavableLayer {
  /// The activation.
  public func configuration() -> [String: ConfigurationValue] {
    ["activation": function.savedForm]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(try ActivationFunction(configuration: configuration, key: "activation"), name: name)
  }
}

extension ReLU: SavableLayer {
  /// No settings.
  public func configuration() -> [String: ConfigurationValue] { [:] }

  /// Recreates the layer.
  public convenience init(configuration: Configuration, name: String) {
    self.init(name: name)
  }
}

extension Softmax: SavableLayer {
  /// The axis.
  public func configuration() -> [String: ConfigurationValue] { ["axis": .int(axis)] }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(alongAxis: try configuration.int("axis"), name: name)
  }
}
