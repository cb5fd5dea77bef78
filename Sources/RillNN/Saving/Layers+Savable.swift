import RillCore

// The saved forms of Rill's built-in layers: Keras's configuration keys, so that a model's
// config.json reads like a Keras one.

/// The layer classes a model file may name without registering them.
let builtInSavableLayers: [any SavableLayer.Type] = [
  Dense.self, Conv2D.self, MaxPooling2D.self, AveragePooling2D.self, GlobalAveragePooling2D.self,
  GlobalMaxPooling2D.self, Flatten.self, Reshape.self, Dropout.self, Activation.self, ReLU.self,
  Softmax.self, Embedding.self, BatchNormalization.self, LayerNormalization.self, Sequential.self,
]

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

extension Pooling2D {
  /// Window, strides and padding.
  public func configuration() -> [String: ConfigurationValue] {
    [
      "pool_size": savedPair(poolSize), "strides": strides.map(savedPair) ?? .null,
      "padding": padding.savedForm,
    ]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(
      poolSize: try configuration.pair("pool_size"),
      strides: try configuration.optionalPair("strides"),
      padding: try ConvolutionPadding(configuration: configuration, key: "padding"), name: name)
  }
}

extension MaxPooling2D: SavableLayer {}

extension AveragePooling2D: SavableLayer {}

extension GlobalAveragePooling2D: SavableLayer {
  /// No settings.
  public func configuration() -> [String: ConfigurationValue] { [:] }

  /// Recreates the layer.
  public convenience init(configuration: Configuration, name: String) {
    self.init(name: name)
  }
}

extension GlobalMaxPooling2D: SavableLayer {
  /// No settings.
  public func configuration() -> [String: ConfigurationValue] { [:] }

  /// Recreates the layer.
  public convenience init(configuration: Configuration, name: String) {
    self.init(name: name)
  }
}

extension Flatten: SavableLayer {
  /// No settings.
  public func configuration() -> [String: ConfigurationValue] { [:] }

  /// Recreates the layer.
  public convenience init(configuration: Configuration, name: String) {
    self.init(name: name)
  }
}

extension Reshape: SavableLayer {
  /// The shape of one example.
  public func configuration() -> [String: ConfigurationValue] {
    ["target_shape": .array(targetShape.dimensions.map { .int($0) })]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(Shape(try configuration.ints("target_shape")), name: name)
  }
}

extension Dropout: SavableLayer {
  /// Rate and seed.
  public func configuration() -> [String: ConfigurationValue] {
    ["rate": .double(rate), "seed": savedSeed(seed)]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    let rate = try configuration.double("rate")
    guard rate >= 0 && rate < 1 else { throw configuration.invalid("rate", "in [0, 1)") }
    self.init(rate: rate, seed: try configuration.seed("seed"), name: name)
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
    self.init(axis: try configuration.int("axis"), name: name)
  }
}

extension Embedding: SavableLayer {
  /// The table's size and initializer.
  public func configuration() throws -> [String: ConfigurationValue] {
    [
      "input_dim": .int(inputDimension), "output_dim": .int(outputDimension),
      "embeddings_initializer": try savedInitializer(embeddingsInitializer, in: self),
    ]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(
      inputDimension: try configuration.int("input_dim"),
      outputDimension: try configuration.int("output_dim"),
      embeddingsInitializer: try configuration.initializer("embeddings_initializer"), name: name)
  }
}

extension BatchNormalization: SavableLayer {
  /// Axis, momentum, epsilon, center and scale.
  public func configuration() -> [String: ConfigurationValue] {
    [
      "axis": .int(axis), "momentum": .double(momentum), "epsilon": .double(epsilon),
      "center": .bool(center), "scale": .bool(scale),
    ]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(
      axis: try configuration.int("axis"), momentum: try configuration.double("momentum"),
      epsilon: try configuration.double("epsilon"), center: try configuration.bool("center"),
      scale: try configuration.bool("scale"), name: name)
  }
}

extension LayerNormalization: SavableLayer {
  /// Epsilon, center and scale.
  public func configuration() -> [String: ConfigurationValue] {
    ["epsilon": .double(epsilon), "center": .bool(center), "scale": .bool(scale)]
  }

  /// Recreates the layer from its configuration.
  public convenience init(configuration: Configuration, name: String) throws {
    self.init(
      epsilon: try configuration.double("epsilon"), center: try configuration.bool("center"),
      scale: try configuration.bool("scale"), name: name)
  }
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

