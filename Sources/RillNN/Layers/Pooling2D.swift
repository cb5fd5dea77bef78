import RillCore

/// What the 2-D pooling layers share: the window, the strides and the padding over NHWC images.
///
/// Use ``MaxPooling2D`` or ``AveragePooling2D``.
public class Pooling2D: Layer {
  /// The window's (height, width).
  public let poolSize: (Int, Int)
  /// The step between windows; the pool size when `nil`.
  public let strides: (Int, Int)?
  /// `.valid` or `.same`.
  public let padding: ConvolutionPadding

  /// Creates the layer.
  public required init(
    poolSize: (Int, Int) = (2, 2), strides: (Int, Int)? = nil, padding: ConvolutionPadding = .valid,
    name: String? = nil
  ) {
    self.poolSize = poolSize
    self.strides = strides
    self.padding = padding
    super.init(name: name)
  }

  /// Creates the layer with a square window and equal strides along both axes.
  public convenience init(
    poolSize: Int, strides: Int? = nil, padding: ConvolutionPadding = .valid, name: String? = nil
  ) {
    self.init(
      poolSize: (poolSize, poolSize), strides: strides.map { ($0, $0) }, padding: padding,
      name: name)
  }
}

/// The largest value of each window of each channel of NHWC images.
///
/// ```swift
/// MaxPooling2D(poolSize: 2)(features).shape   // [batch, 14, 14, 32] from [batch, 28, 28, 32]
/// ```
/// Keras: `keras.layers.MaxPooling2D` (also `MaxPool2D`).
public final class MaxPooling2D: Pooling2D {
  /// The pooled input.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    maxPool2D(input, poolSize: poolSize, strides: strides, padding: padding)
  }
}

/// The mean of each window of each channel of NHWC images.
///
/// Keras: `keras.layers.AveragePooling2D` (also `AvgPool2D`).
public final class AveragePooling2D: Pooling2D {
  /// The pooled input.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    avgPool2D(input, poolSize: poolSize, strides: strides, padding: padding)
  }
}

/// Keras's other name for ``MaxPooling2D``.
public typealias MaxPool2D = MaxPooling2D
/// Keras's other name for ``AveragePooling2D``.
public typealias AvgPool2D = AveragePooling2D

/// The mean of each channel over the whole image: [batch, height, width, channels] →
/// [batch, channels].
///
/// Keras: `keras.layers.GlobalAveragePooling2D`.
public final class GlobalAveragePooling2D: Layer {
  /// Creates the layer.
  public override init(name: String? = nil) {
    super.init(name: name)
  }

  /// The per-channel means.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard input.rank == 4 else {
      fatalError(
        "\(name): GlobalAveragePooling2D needs NHWC inputs of rank 4, got shape \(input.shape)")
    }
    return input.mean(alongAxes: [1, 2])
  }
}

/// The largest value of each channel over the whole image: [batch, height, width, channels] →
/// [batch, channels].
///
/// Keras: `keras.layers.GlobalMaxPooling2D`.
public final class GlobalMaxPooling2D: Layer {
  /// Creates the layer.
  public override init(name: String? = nil) {
    super.init(name: name)
  }

  /// The per-channel maxima.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard input.rank == 4 else {
      fatalError(
        "\(name): GlobalMaxPooling2D needs NHWC inputs of rank 4, got shape \(input.shape)")
    }
    return input.max(alongAxes: [1, 2])
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
