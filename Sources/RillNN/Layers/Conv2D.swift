import RillCore

/// A 2-D convolution layer: activation(conv2D(input, kernel) + bias) over NHWC images.
///
/// The kernel has shape [kernel height, kernel width, input channels, filters]; the input
/// channels are learned on the first call.
///
/// ```swift
/// let features = Conv2D(32, kernelSize: 5, padding: .same, activation: .relu)
/// features(images).shape   // [batch, 28, 28, 32] for images of [batch, 28, 28, 1]
/// ```
/// Keras: `keras.layers.Conv2D`.
public final class Conv2D: Layer {
  /// The number of filters: the output channels.
  public let filters: Int
  /// The window's (height, width).
  public let kernelSize: (Int, Int)
  /// The step between windows along (height, width).
  public let strides: (Int, Int)
  /// `.valid` or `.same`.
  public let padding: ConvolutionPadding
  /// The step between a filter's taps along (height, width).
  public let dilationRate: (Int, Int)
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

  /// The filters [height, width, input channels, filters], once built.
  public private(set) var kernel: Variable?
  /// The bias [filters], once built (when `useBias`).
  public private(set) var bias: Variable?

  /// Creates the layer.
  public init(
    _ filters: Int, kernelSize: (Int, Int), strides: (Int, Int) = (1, 1),
    padding: ConvolutionPadding = .valid, dilationRate: (Int, Int) = (1, 1),
    activation: ActivationFunction = .linear, useBias: Bool = true,
    kernelInitializer: any Initializer = GlorotUniform(),
    biasInitializer: any Initializer = Zeros(),
    kernelRegularizer: (any Regularizer)? = nil, name: String? = nil
  ) {
    self.filters = filters
    self.kernelSize = kernelSize
    self.strides = strides
    self.padding = padding
    self.dilationRate = dilationRate
    self.activation = activation
    self.useBias = useBias
    self.kernelInitializer = kernelInitializer
    self.biasInitializer = biasInitializer
    self.kernelRegularizer = kernelRegularizer
    super.init(name: name)
  }

  /// Creates the layer with a square window and equal strides and dilations along both axes.
  public convenience init(
    _ filters: Int, kernelSize: Int, strides: Int = 1, padding: ConvolutionPadding = .valid,
    dilationRate: Int = 1, activation: ActivationFunction = .linear, useBias: Bool = true,
    kernelInitializer: any Initializer = GlorotUniform(),
    biasInitializer: any Initializer = Zeros(),
    kernelRegularizer: (any Regularizer)? = nil, name: String? = nil
  ) {
    self.init(
      filters, kernelSize: (kernelSize, kernelSize), strides: (strides, strides), padding: padding,
      dilationRate: (dilationRate, dilationRate), activation: activation, useBias: useBias,
      kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
      kernelRegularizer: kernelRegularizer, name: name)
  }

  /// Creates the kernel and the bias for NHWC inputs of `inputShape`.
  public override func build(inputShape: Shape) {
    guard inputShape.rank == 4 else {
      fatalError("\(name): Conv2D needs NHWC inputs of rank 4, got shape \(inputShape)")
    }
    kernel = addWeight(
      "kernel", shape: [kernelSize.0, kernelSize.1, inputShape[3], filters],
      initializer: kernelInitializer, regularizer: kernelRegularizer)
    if useBias { bias = addWeight("bias", shape: [filters], initializer: biasInitializer) }
  }

  /// activation(conv2D(input, kernel) + bias).
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard let kernel else { fatalError("\(name): called before it was built") }
    var output = conv2D(
      input, filter: kernel, strides: strides, padding: padding, dilations: dilationRate)
    if let bias { output = biasAdd(output, bias) }
    return activation(output)
  }
}

extension Conv2D: SavableLayer {
  /// Filters, window, strides, padding, dilation, activation, bias, initializers and
  /// regularizer.
  public func configuration() throws -> [String: ConfigurationValue] {
    [
      "filters": .int(filters), "kernel_size": savedPair(kernelSize),
      "strides": savedPair(strides), "padding": padding.savedForm,
      "dilation_rate": savedPair(dilationRate), "activation": activation.savedForm,
      "use_bias": .bool(useBias),
      "kernel_initializer": try savedInitializer(kernelInitializer, in: self),
      "bias_initializer": try savedInitializer(biasInitializer, in: self),
      "kernel_regularizer": try savedRegularizer(kernelRegularizer, in: self),
    ]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(
      try configuration.int("filters"), kernelSize: try configuration.pair("kernel_size"),
      strides: try configuration.pair("strides"),
      padding: try ConvolutionPadding(configuration: configuration, key: "padding"),
      dilationRate: try configuration.pair("dilation_rate"),
      activation: try ActivationFunction(configuration: configuration, key: "activation"),
      useBias: try configuration.bool("use_bias"),
      kernelInitializer: try configuration.initializer("kernel_initializer"),
      biasInitializer: try configuration.initializer("bias_initializer"),
      kernelRegularizer: try configuration.regularizer("kernel_regularizer"), name: name)
  }
}
