import RillCore
import RillNN
import RillTestSupport
import Testing

struct ConvolutionalLayerTests {
  let images = Tensor.randomNormal(shape: [2, 9, 9, 3], seed: 1)

  @Test func conv2DBuildsItsKernelAndMatchesTheOp() throws {
    let layer = Conv2D(
      4, kernelSize: (3, 3), padding: .same, activation: .relu, biasInitializer: Constant(0.5))
    checkLayer(
      layer, input: images, outputShape: [2, 9, 9, 4],
      weights: ["kernel": [3, 3, 3, 4], "bias": [4]])
    let kernel = try #require(layer.kernel)
    assertClose(
      layer(images), relu(conv2D(images, filter: kernel, padding: .same) + 0.5), rtol: 1e-5,
      atol: 1e-6)
    let strided = Conv2D(2, kernelSize: (3, 3), strides: (2, 2), useBias: false)
    checkLayer(
      strided, input: images, outputShape: [2, 4, 4, 2], weights: ["kernel": [3, 3, 3, 2]])
  }

  /// The same layers in a TF1 graph with an unknown batch size: the session's forward pass
  /// equals the eager one for any fed batch, and `minimize` trains through them.
  @Test func layersRunInAGraphWithAnUnknownBatch() throws {
    let model = Sequential {
      Conv2D(4, kernelSize: 3, padding: .same, activation: .relu)
      MaxPooling2D(poolSize: 2)
      Conv2D(2, kernelSize: 2)
      GlobalAveragePooling2D()
      Dense(3)
    }
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown, 9, 9, 3], name: "x")
    let labels = g.placeholder(.int32, shape: [Shape.unknown], name: "labels")
    let logits = model(x)
    let loss = sparseSoftmaxCrossEntropyWithLogits(labels: labels, logits: logits).mean()
    let train = SGD(learningRate: 0.1).minimize(loss, variables: model.trainableVariables)
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    for batch in [2, 5] {
      let images = Tensor.randomNormal(shape: [batch, 9, 9, 3], seed: UInt64(batch))
      assertClose(
        try session.run(logits, feeding: [x: images]), model(images), rtol: 1e-5, atol: 1e-6)
    }
    let images = Tensor.randomNormal(shape: [6, 9, 9, 3], seed: 9)
    let feeds: [Placeholder: Tensor] = [x: images, labels: Tensor([0, 1, 2, 0, 1, 2] as [Int32])]
    let before = try session.run(loss, feeding: feeds).item()
    for _ in 0..<20 { try session.run(train, feeding: feeds) }
    #expect(try session.run(loss, feeding: feeds).item() < before)
  }

  @Test func poolingLayersMatchTheOps() {
    checkLayer(MaxPooling2D(), input: images, outputShape: [2, 4, 4, 3], weights: [:])
    checkLayer(
      AveragePooling2D(poolSize: (3, 3), strides: (2, 2), padding: .same), input: images,
      outputShape: [2, 5, 5, 3], weights: [:])
    assertClose(
      MaxPool2D(padding: .same)(images), maxPool2D(images, poolSize: (2, 2), padding: .same))
    assertClose(AvgPool2D()(images), avgPool2D(images, poolSize: (2, 2)))
    checkLayer(GlobalAveragePooling2D(), input: images, outputShape: [2, 3], weights: [:])
    assertClose(GlobalAveragePooling2D()(images), images.mean(alongAxes: [1, 2]))
    assertClose(GlobalMaxPooling2D()(images), images.max(alongAxes: [1, 2]))
    assertClose(
      MaxPooling2D(poolSize: 3, strides: 2)(images),
      maxPool2D(images, poolSize: (3, 3), strides: (2, 2)))
    let square = Conv2D(2, kernelSize: 3, strides: 2, padding: .same)
    #expect(square(images).shape == [2, 5, 5, 2] && square.kernel?.shape == [3, 3, 3, 2])
  }

  @Test func aSmallCNNLearnsToTellBrightImagesFromDarkOnes() throws {
    // Bright images are class 1: a convolution and a pooling layer pick that up in a few epochs.
    let x = Tensor.randomUniform(shape: [64, 8, 8, 1], seed: 2)
    let labels = (x.mean(alongAxes: [1, 2, 3]) .> 0.5).cast(to: .int32)
    let model = Sequential {
      Conv2D(
        4, kernelSize: (3, 3), padding: .same, activation: .relu,
        kernelInitializer: GlorotUniform(seed: 3))
      MaxPooling2D()
      Flatten()
      Dense(2, kernelInitializer: GlorotUniform(seed: 4))
    }
    try model.compile(
      optimizer: Adam(learningRate: 0.02), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
    let history = try model.fit(x: x, y: labels, batchSize: 16, epochs: 30, verbose: 0)
    #expect((history["accuracy"].last ?? 0) > 0.9)
  }
}
