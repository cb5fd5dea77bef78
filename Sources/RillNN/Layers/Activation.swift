import RillCore

/// Applies an activation function. Keras: `keras.layers.Activation`.
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

/// max(x, 0). Keras: `keras.layers.ReLU`.
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

/// The softmax along an axis. Keras: `keras.layers.Softmax`.
public final class Softmax: Layer {
  /// The axis normalized to sum to 1.
  public let axis: Int

  /// Creates the layer.
  public init(axis: Int = -1, name: String? = nil) {
    self.axis = axis
    super.init(name: name)
  }

  /// softmax(input) along ``axis``.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    softmax(input, axis: axis)
  }
}
