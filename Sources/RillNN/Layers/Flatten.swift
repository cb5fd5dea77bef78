import RillCore

/// Flattens each example to a vector: [batch, d₁, d₂, …] → [batch, d₁·d₂·…].
///
/// Keras: `keras.layers.Flatten`.
public final class Flatten: Layer {
  /// Creates the layer.
  public override init(name: String? = nil) {
    super.init(name: name)
  }

  /// The input with everything but the first axis merged.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard input.rank >= 1 else {
      fatalError("\(name): Flatten needs a batch axis, got shape \(input.shape)")
    }
    return input.reshaped(to: [input.shape[0], input.shape[1...].scalarCount])
  }
}

/// Reshapes each example: [batch, …] → [batch] + `targetShape` (one dimension may be -1).
///
/// Keras: `keras.layers.Reshape`.
public final class Reshape: Layer {
  /// The shape of one example in the output.
  public let targetShape: Shape

  /// Creates the layer.
  public init(_ targetShape: Shape, name: String? = nil) {
    self.targetShape = targetShape
    super.init(name: name)
  }

  /// The input with each example reshaped.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard input.rank >= 1 else {
      fatalError("\(name): Reshape needs a batch axis, got shape \(input.shape)")
    }
    return input.reshaped(to: Shape([input.shape[0]] + targetShape.dimensions))
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
  ///
  /// - Throws: ``ModelFileError/invalidConfiguration(className:key:expected:)`` unless the
  ///   target shape has sizes that can be addressed, with at most one -1 among them.
  public convenience init(configuration: Configuration, name: String) throws {
    let dimensions = try configuration.ints("target_shape")
    let expected = "sizes of at most one -1 and otherwise non-negative, whose product fits in Int"
    // A file from outside must not reach Shape's trapping stride computation with sizes that
    // overflow; the one inferred size (-1) counts as 1 for that check.
    guard dimensions.filter({ $0 == -1 }).count <= 1,
      (try? Shape(checking: dimensions.map { $0 == -1 ? 1 : $0 })) != nil
    else { throw configuration.invalid("target_shape", expected) }
    self.init(Shape(dimensions), name: name)
  }
}
