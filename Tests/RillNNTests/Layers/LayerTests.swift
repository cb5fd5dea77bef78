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

  @Test func rescalingCastsIntegersToFloatAndScalesAndShifts() throws {
    let pixels = Tensor(shape: [1, 2, 2], scalars: [0, 51, 255, 102] as [UInt8])
    checkLayer(Rescaling(scale: 1.0 / 255), input: pixels, outputShape: [1, 2, 2], weights: [:])
    let scaled = Rescaling(scale: 1.0 / 255)(pixels)
    #expect(scaled.dtype == .float32)
    assertClose(scaled, Tensor(shape: [1, 2, 2], scalars: [0, 0.2, 1, 0.4] as [Float]))
    // Inputs in [-1, 1], as image models trained that way expect.
    assertClose(
      Rescaling(scale: 1.0 / 127.5, offset: -1)(pixels),
      Tensor(shape: [1, 2, 2], scalars: [-1, -0.6, 1, -0.2] as [Float]), atol: 1e-6)
    let doubles = Tensor(shape: [2], scalars: [2, -4] as [Double])
    let halved = Rescaling(scale: 0.5)(doubles)
    #expect(halved.dtype == .float64)
    #expect(halved.scalars(as: Double.self) == [1, -2])
  }

  @Test func rescalingSavesItsScaleAndOffsetAndRefusesNonFiniteOnes() throws {
    let layer = Rescaling(scale: 0.25, offset: 3)
    let configuration = Configuration(className: "Rescaling", values: layer.configuration())
    let restored = try Rescaling(configuration: configuration, name: "restored")
    #expect(restored.scale == 0.25 && restored.offset == 3 && restored.name == "restored")
    // Keras writes the offset only when it is not zero.
    let scaleOnly = Configuration(className: "Rescaling", values: ["scale": .double(0.5)])
    #expect(try Rescaling(configuration: scaleOnly, name: "r").offset == 0)
    for bad: [String: ConfigurationValue] in [
      ["scale": .double(.infinity)], ["scale": .double(1), "offset": .double(.nan)], [:],
    ] {
      #expect(throws: ModelFileError.self) {
        try Rescaling(configuration: Configuration(className: "Rescaling", values: bad), name: "r")
      }
    }
  }

  @Test func aModelStartingWithRescalingTrainsOnUInt8ImagesAsOnScaledFloats() throws {
    let pixels = Tensor.randomUniform(shape: [64, 4, 4], lowerBound: 0, upperBound: 256, seed: 8)
      .cast(to: .uint8)
    let labels = Tensor(Array(0..<64).map { Int32($0 % 3) })
    func network(rescaling: Bool) -> Sequential {
      let model = Sequential()
      if rescaling { model.add(Rescaling(scale: 1.0 / 255)) }
      model.add(Flatten())
      model.add(Dense(8, activation: .relu, kernelInitializer: GlorotUniform(seed: 9)))
      model.add(Dense(3, kernelInitializer: GlorotUniform(seed: 10)))
      return model
    }
    let onBytes = network(rescaling: true), onFloats = network(rescaling: false)
    for model in [onBytes, onFloats] {
      try model.compile(
        optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy(fromLogits: true))
    }
    let floats = pixels.cast(to: .float32) * Tensor(1.0 / 255, dtype: .float32)
    try onBytes.fit(x: pixels, y: labels, batchSize: 16, epochs: 2, shuffle: false, verbose: 0)
    try onFloats.fit(x: floats, y: labels, batchSize: 16, epochs: 2, shuffle: false, verbose: 0)
    assertClose(onBytes.predict(pixels), onFloats.predict(floats), rtol: 1e-5, atol: 1e-6)
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
