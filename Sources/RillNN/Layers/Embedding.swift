import RillCore

/// Maps integer indices to learned vectors: [batch, …] indices → [batch, …, outputDimension].
///
/// Keras: `keras.layers.Embedding`.
public final class Embedding: Layer {
  /// The number of distinct indices.
  public let inputDimension: Int
  /// The size of each vector.
  public let outputDimension: Int
  /// How the vectors start.
  public let embeddingsInitializer: any Initializer

  /// The table [inputDimension, outputDimension], once built.
  public private(set) var embeddings: Variable?

  /// Creates the layer.
  public init(
    inputDimension: Int, outputDimension: Int,
    embeddingsInitializer: any Initializer = RandomUniform(), name: String? = nil
  ) {
    self.inputDimension = inputDimension
    self.outputDimension = outputDimension
    self.embeddingsInitializer = embeddingsInitializer
    super.init(name: name)
  }

  /// Creates the table.
  public override func build(inputShape: Shape) {
    embeddings = addWeight(
      "embeddings", shape: [inputDimension, outputDimension], initializer: embeddingsInitializer)
  }

  /// The vectors of the indices.
  public override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard let embeddings else { fatalError("\(name): called before it was built") }
    guard input.dtype.isInteger else {
      fatalError("\(name): Embedding needs integer indices, got dtype \(input.dtype)")
    }
    return embeddings.gathering(atIndices: input)
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
