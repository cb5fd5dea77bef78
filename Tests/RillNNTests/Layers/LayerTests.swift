import RillCore
import RillNN
import RillTestSupport
import Testing

/// The contract every layer keeps: weights built lazily from the first input, the output shape,
/// the weights' names and sizes.
func checkLayer(
  _ layer: Layer, input: Tensor, outputShape: Shape, weights: [String: Shape],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(!layer.isBuilt, sourceLocation: sourceLocation)
  #expect(layer.variables.isEmpty, sourceLocation: sourceLocation)
  let output = layer(input)
  #expect(layer.isBuilt, sourceLocation: sourceLocation)
  #expect(output.shape == outputShape, sourceLocation: sourceLocation)
  let named = Dictionary(uniqueKeysWithValues: layer.namedVariables.map { ($0.0, $0.1.shape) })
  #expect(named == weights, sourceLocation: sourceLocation)
  #expect(
    layer.parameterCount == weights.values.map(\.scalarCount).reduce(0, +),
    sourceLocation: sourceLocation)
  // The same weights serve the second call.
  let again = layer(input)
  assertClose(again, output, sourceLocation: sourceLocation)
}

struct LayerTests {
  let images = Tensor.randomNormal(shape: [4, 6, 6, 3], seed: 1)

  @Test func denseBuildsFromTheInputAndAppliesItsActivation() {
    let dense = Dense(5, activation: .relu, kernelInitializer: GlorotUniform(seed: 1))
    checkLayer(
      dense, input: Tensor.randomNormal(shape: [8, 3], seed: 2), outputShape: [8, 5],
      weights: ["kernel": [3, 5], "bias": [5]])
    #expect(dense.kernel?.name == "\(dense.name)/kernel")
    let x = Tensor.randomNormal(shape: [8, 3], seed: 2)
    assertClose(dense(x), relu(matmul(x, dense.kernel!) + dense.bias!))
    // Inputs of higher rank are multiplied along their last axis.
    #expect(dense(Tensor.ones(shape: [2, 7, 3])).shape == [2, 7, 5])
  }

  @Test func shapingLayers() {
    checkLayer(Flatten(), input: images, outputShape: [4, 108], weights: [:])
    checkLayer(Reshape([36, 3]), input: images, outputShape: [4, 36, 3], weights: [:])
    checkLayer(GlobalAveragePooling2D(), input: images, outputShape: [4, 3], weights: [:])
    assertClose(GlobalAveragePooling2D()(images), images.mean(alongAxes: [1, 2]))
  }

  @Test func activationLayers() {
    let x: Tensor = [[-1, 0.5, 2]]
    assertClose(ReLU()(x), [[0, 0.5, 2]])
    assertClose(Activation(.sigmoid)(x), sigmoid(x))
    assertClose(Softmax()(x), softmax(x))
    #expect(ActivationFunction(name: "gelu") == .gelu(approximate: false))
    #expect(ActivationFunction(name: "nonsense") == nil)
  }

  @Test func dropoutScalesWhileTrainingAndPassesThroughAtInference() {
    let layer = Dropout(rate: 0.5, seed: 3)
    let x = Tensor.ones(shape: [1000])
    assertIdentical(layer(x, training: false), x)
    let dropped = layer(x, training: true).scalars(as: Float.self)
    #expect(Set(dropped) == [0, 2])
    let kept = dropped.filter { $0 > 0 }.count
    #expect(kept > 430 && kept < 570)
    // Each call draws a new mask.
    #expect(layer(x, training: true).scalars(as: Float.self) != dropped)
  }

  @Test func batchNormalizationUsesBatchStatisticsWhileTrainingAndRunningOnesAtInference() {
    let layer = BatchNormalization(momentum: 0.5)
    let x = Tensor.randomNormal(shape: [64, 3], mean: 5, standardDeviation: 2, seed: 4)
    checkLayer(
      layer, input: x, outputShape: [64, 3],
      weights: [
        "gamma": [3], "beta": [3], "moving_mean": [3], "moving_variance": [3],
      ])
    #expect(layer.trainableVariables.count == 2 && layer.nonTrainableVariables.count == 2)
    let normalized = layer(x, training: true)
    let (mean, variance) = moments(normalized, alongAxes: [0])
    assertClose(mean, Tensor.zeros(shape: [3]), atol: 1e-5)
    assertClose(variance, Tensor.ones(shape: [3]), rtol: 1e-2)
    // One training call moved the running mean halfway from 0 to the batch mean.
    assertClose(layer.movingMean!, 0.5 * x.mean(alongAxes: [0]), rtol: 1e-5)
    let inference = layer(x, training: false)
    assertClose(
      inference, (x - layer.movingMean!) * rsqrt(layer.movingVariance! + 1e-3), rtol: 1e-5,
      atol: 1e-5)
  }

  @Test func layerNormalizationNormalizesEachExample() {
    let layer = LayerNormalization()
    let x = Tensor.randomNormal(shape: [5, 8], mean: 3, seed: 5)
    checkLayer(layer, input: x, outputShape: [5, 8], weights: ["gamma": [8], "beta": [8]])
    let (mean, _) = moments(layer(x), alongAxes: [1])
    assertClose(mean, Tensor.zeros(shape: [5]), atol: 1e-5)
  }

  @Test func embeddingLooksUpRows() {
    let layer = Embedding(inputDimension: 10, outputDimension: 4)
    let ids = Tensor([1, 2, 9] as [Int32]).reshaped(to: [1, 3])
    checkLayer(layer, input: ids, outputShape: [1, 3, 4], weights: ["embeddings": [10, 4]])
    assertClose(layer(ids)[0, 2], layer.embeddings![9])
  }

  @Test func layerNamesAreUniquePerKind() {
    let first = Dense(1), second = Dense(1)
    #expect(first.name != second.name)
    #expect(first.name.hasPrefix("dense") && second.name.hasPrefix("dense_"))
    #expect(BatchNormalization().name.hasPrefix("batch_normalization"))
    #expect(Dense(1, name: "output").name == "output")
  }

  @Test func regularizersAddPenalties() {
    let layer = Dense(2, kernelInitializer: Constant(0.5), kernelRegularizer: L2(0.1))
    _ = layer(Tensor.ones(shape: [1, 3]))
    // 0.1 · Σ 0.5² over 6 weights = 0.15.
    #expect(abs(layer.regularizationLosses[0].item() - 0.15) < 1e-6)
  }

  @Test func initializersFollowKerasFormulas() {
    let glorot = GlorotUniform(seed: 1)(shape: [400, 600], dtype: .float32).scalars(as: Float.self)
    let limit = Float((6.0 / 1000).squareRoot())
    #expect(glorot.allSatisfy { abs($0) <= limit } && glorot.contains { abs($0) > 0.9 * limit })
    let he = HeNormal(seed: 2)(shape: [500, 400], dtype: .float32)
    let deviation = sqrt(square(he).mean()).item()
    #expect(abs(deviation - (2.0 / 500).squareRoot()) < 0.002)
    // A convolution filter's fan-in counts the window: 5·5·3.
    let conv = HeUniform(seed: 3)(shape: [5, 5, 3, 8], dtype: .float32).scalars(as: Float.self)
    #expect(conv.allSatisfy { abs($0) <= Float((6.0 / 75).squareRoot()) })
    #expect(Constant(2.5)(shape: [2], dtype: .float64).scalars(as: Double.self) == [2.5, 2.5])
  }
}
