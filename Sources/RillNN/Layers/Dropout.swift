import RillCore

/// Randomly zeroes a fraction of the inputs while training, scaling the others up to keep the
/// expected sum; does nothing at inference.
///
/// Keras: `keras.layers.Dropout`.
public final class Dropout: Layer {
  /// The fraction of inputs dropped.
  public let rate: Double
  /// The seed of the first call's mask, or `nil` for the global random sequence.
  ///
  /// Each call draws a new mask.
  public let seed: UInt64?
  private var calls: UInt64 = 0

  /// Creates the layer.
  ///
  /// - Precondition: 0 ≤ rate < 1.
  public init(rate: Double, seed: UInt64? = nil, name: String? = nil) {
    guard rate >= 0 && rate < 1 else { fatalError("Dropout: rate \(rate) is not in [0, 1)") }
    self.rate = rate
    self.seed = seed
    super.init(name: name)
  }

  /// The input with dropped elements while training, the input itself otherwise.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard training else { return input }
    defer { calls += 1 }
    return dropout(input, rate: rate, training: true, seed: seed.map { $0 &+ calls })
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
