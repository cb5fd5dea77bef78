import RillCore

/// Scales and shifts its input, `input · scale + offset`, casting integer and boolean inputs to
/// float32 first.
///
/// With it first in a model, images can stay uint8 — a quarter of the memory of float32 — and
/// each batch is cast and scaled inside the (compiled) training step:
///
/// ```swift
/// let (train, _) = try MNIST.load()          // uint8 images in 0...255
/// let model = Sequential {
///   Rescaling(scale: 1.0 / 255)              // float32 in [0, 1]
///   Flatten()
///   Dense(128, activation: .relu)
///   Dense(10)
/// }
/// try model.fit(x: train.images, y: train.labels, batchSize: 128, epochs: 2)
/// ```
///
/// Keras: `keras.layers.Rescaling`.
public final class Rescaling: Layer {
  /// The factor each input is multiplied by.
  public let scale: Double
  /// What is added after scaling.
  public let offset: Double

  /// Creates the layer.
  ///
  /// - Parameters:
  ///   - scale: the factor each input is multiplied by, such as `1.0 / 255`.
  ///   - offset: what is added after scaling, such as `-1` with `scale: 1.0 / 127.5` for
  ///     inputs in [-1, 1].
  ///   - name: the layer's name; a unique `rescaling…` name when `nil`.
  public init(scale: Double, offset: Double = 0, name: String? = nil) {
    self.scale = scale
    self.offset = offset
    super.init(name: name)
  }

  /// The input as floating point (float32 unless it already is floating point), scaled and
  /// shifted.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    let x = input.dtype.isFloatingPoint ? input : input.cast(to: .float32)
    let scaled = x * Tensor(scale, dtype: x.dtype)
    return offset == 0 ? scaled : scaled + Tensor(offset, dtype: x.dtype)
  }
}

extension Rescaling: SavableLayer {
  /// Scale and offset.
  public func configuration() -> [String: ConfigurationValue] {
    ["scale": .double(scale), "offset": .double(offset)]
  }

  /// Recreates the layer from its configuration.
  ///
  /// - Throws: ``ModelFileError/invalidConfiguration(className:key:expected:)`` unless scale
  ///   and offset are finite numbers.
  public convenience init(configuration: Configuration, name: String) throws {
    let scale = try configuration.double("scale")
    guard scale.isFinite else { throw configuration.invalid("scale", "a finite number") }
    let offset = try configuration.optionalDouble("offset") ?? 0
    guard offset.isFinite else { throw configuration.invalid("offset", "a finite number") }
    self.init(scale: scale, offset: offset, name: name)
  }
}
