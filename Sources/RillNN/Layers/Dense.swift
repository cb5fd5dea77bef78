import RillCore

/// A fully connected layer: activation(input · kernel + bias).
///
/// The kernel has shape [input size, units]; the input size is learned on the first call. Inputs
/// of rank above 2 are multiplied along their last axis.
///
/// ```swift
/// let hidden = Dense(128, activation: .relu)
/// let output = hidden(images.reshaped(to: [-1, 784]))   // [batch, 128]
/// ```
/// Keras: `keras.layers.Dense`.
public final class Dense: Layer {
  /// The output size.
  public let units: Int
  /// The activation applied to the output.
  public let activation: ActivationFunction
  /// Whether a bias is added.
  public let useBias: Bool
  /// How the kernel starts.
  public let kernelInitializer: any Initializer
  /// How the bias starts.
  public let biasInitializer: any Initializer
  /// A penalty on the kernel.
  public let kernelRegularizer: (any Regularizer)?
  /// A penalty on the bias.
  public let biasRegularizer: (any Regularizer)?

  /// The weights [input size, units], once built.
  public private(set) var kernel: Variable?
  /// The bias [units], once built (when `useBias`).
  public private(set) var bias: Variable?

  /// Creates the layer.
  public init(
    _ units: Int, activation: ActivationFunction = .linear, useBias: Bool = true,
    kernelInitializer: any Initializer = GlorotUniform(),
    biasInitializer: any Initializer = Zeros(),
    kernelRegularizer: (any Regularizer)? = nil, biasRegularizer: (any Regularizer)? = nil,
    name: String? = nil
  ) {
    self.units = units
    self.activation = activation
    self.useBias = useBias
    self.kernelInitializer = kernelInitializer
    self.biasInitializer = biasInitializer
    self.kernelRegularizer = kernelRegularizer
    self.biasRegularizer = biasRegularizer
    super.init(name: name)
  }

  /// Creates the kernel and the bias for inputs whose last axis has `inputShape.last` elements.
  public override func build(inputShape: Shape) {
    guard inputShape.rank >= 1 else {
      fatalError("\(name): Dense needs inputs of rank 1 or more, got shape \(inputShape)")
    }
    let inputSize = inputShape[inputShape.rank - 1]
    kernel = addWeight(
      "kernel", shape: [inputSize, units], initializer: kernelInitializer,
      regularizer: kernelRegularizer)
    if useBias {
      bias = addWeight(
        "bias", shape: [units], initializer: biasInitializer, regularizer: biasRegularizer)
    }
  }

  /// activation(input · kernel + bias).
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard let kernel else { fatalError("\(name): called before it was built") }
    let inputSize = kernel.shape[0]
    guard input.rank >= 1, input.shape[input.rank - 1] == inputSize else {
      fatalError(
        "\(name): expected inputs whose last dimension is \(inputSize), got shape \(input.shape)")
    }
    var output: Tensor
    if input.rank == 2 {
      output = matmul(input, kernel)
    } else {
      let leading = Array(input.shape.dimensions.dropLast())
      output = matmul(input.reshaped(to: [-1, inputSize]), kernel).reshaped(
        to: Shape(leading + [units]))
    }
    if let bias { output = output + bias }
    return activation(output)
  }
}

extension Dense: SavableLayer {
  /// Units, activation, bias, initializers and regularizers.
  public func configuration() throws -> [String: ConfigurationValue] {
    [
      "units": .int(units), "activation": activation.savedForm, "use_bias": .bool(useBias),
      "kernel_initializer": try savedInitializer(kernelInitializer, in: self),
      "bias_initializer": try savedInitializer(biasInitializer, in: self),
      "kernel_regularizer": try savedRegularizer(kernelRegularizer, in: self),
      "bias_regularizer": try savedRegularizer(biasRegularizer, in: self),
    ]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(
      try configuration.int("units"),
      activation: try ActivationFunction(configuration: configuration, key: "activation"),
      useBias: try configuration.bool("use_bias"),
      kernelInitializer: try configuration.initializer("kernel_initializer"),
      biasInitializer: try configuration.initializer("bias_initializer"),
      kernelRegularizer: try configuration.regularizer("kernel_regularizer"),
      biasRegularizer: try configuration.regularizer("bias_regularizer"), name: name)
  }
}
