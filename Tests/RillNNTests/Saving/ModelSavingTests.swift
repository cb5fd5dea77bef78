import Foundation
import RillCore
import RillData
import RillNN
import RillTestSupport
import Testing

/// A custom layer with a saved form, registered before loading.
final class Offset: Layer, SavableLayer {
  let amount: Double
  init(amount: Double, name: String? = nil) {
    self.amount = amount
    super.init(name: name)
  }
  func configuration() -> [String: ConfigurationValue] { ["amount": .double(amount)] }
  convenience init(configuration: Configuration, name: String) throws {
    self.init(amount: try configuration.double("amount"), name: name)
  }
  override func call(_ input: Tensor, training: Bool) -> Tensor { input + amount }
}

/// A custom layer without a saved form.
final class Doubling: Layer {
  override func call(_ input: Tensor, training: Bool) -> Tensor { input * 2 }
}

@Suite struct ModelSavingTests {
  /// Images [4, 8, 8, 2] and labels of 3 classes.
  private let images = Tensor.randomUniform(shape: [4, 8, 8, 2], seed: 11)
  private let labels = Tensor([0, 2, 1, 2] as [Int32])

  /// A model with every built-in layer that takes images, in one stack.
  private func imageModel() -> Sequential {
    Sequential {
      Rescaling(scale: 0.5, offset: 0.25)
      Conv2D(
        4, kernelSize: (3, 2), strides: (1, 1), padding: .same, activation: .leakyRelu(alpha: 0.3),
        kernelInitializer: HeNormal(seed: 3), kernelRegularizer: L2(0.001))
      BatchNormalization(momentum: 0.9)
      MaxPooling2D(poolSize: 2)
      Conv2D(5, kernelSize: 2, dilationRate: 1, activation: .gelu(approximate: true))
      AveragePooling2D(poolSize: (1, 1), strides: (1, 1), padding: .same)
      Dropout(rate: 0.25, seed: 7)
      Flatten()
      Reshape([3, 15])
      LayerNormalization(epsilon: 1e-5)
      Flatten()
      Dense(
        6, activation: .elu(alpha: 0.5), kernelInitializer: RandomNormal(standardDeviation: 0.1),
        biasInitializer: Constant(0.1), kernelRegularizer: L1L2(l1: 0.01, l2: 0.02),
        biasRegularizer: L1(0.003))
      ReLU()
      Dense(3)
      Softmax()
    }
  }

  @Test func aSavedModelLoadsWithItsLayersWeightsAndTraining() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = imageModel()
    try model.compile(
      optimizer: Adam(learningRate: 0.01, amsgrad: true), loss: SparseCategoricalCrossentropy(),
      metrics: ["accuracy", TopKCategoricalAccuracy(k: 2, oneHotLabels: false, name: "top2")])
    _ = try model.fit(x: images, y: labels, batchSize: 2, epochs: 2, shuffle: false, verbose: 0)
    try model.save(to: directory)

    let loaded = try #require(try Model.load(from: directory) as? Sequential)
    #expect(loaded.layers.map(\.name) == model.layers.map(\.name))
    #expect(try loaded.configuration() == model.configuration())
    assertIdentical(loaded.predict(images), model.predict(images))
    for ((key, original), (loadedKey, restored)) in zip(model.namedVariables, loaded.namedVariables)
    {
      #expect(key == loadedKey)
      assertIdentical(restored, original, key)
    }
    let optimizer = try #require(loaded.optimizer as? Adam)
    #expect(optimizer.amsgrad && optimizer.learningRate == Double(Float(0.01)))
    #expect(optimizer.iterations.item(as: Int64.self) == 4)
    #expect(loaded.loss is SparseCategoricalCrossentropy)
    // Both metrics have saved forms: "top2" comes back with its k and its label form.
    #expect(loaded.metrics.map(\.name) == ["accuracy", "top2"])
    #expect(loaded.metrics.first is SparseCategoricalAccuracy)
    let top2 = try #require(loaded.metrics.last as? TopKCategoricalAccuracy)
    #expect(top2.k == 2 && !top2.oneHotLabels)
    let json = try String(
      contentsOf: directory.appendingPathComponent("config.json"), encoding: .utf8)
    #expect(!json.contains("unsaved_metrics"))
    #expect(json.contains("\"class_name\" : \"Conv2D\""))
  }

  @Test func anEmbeddingModelKeepsItsIntegerInputs() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let model = Sequential {
      Embedding(inputDimension: 10, outputDimension: 3, embeddingsInitializer: GlorotUniform())
      Flatten()
      Dense(2, activation: .sigmoid)
    }
    let ids = Tensor(shape: [2, 4], scalars: [1, 9, 0, 3, 4, 4, 7, 2] as [Int32])
    let output = model(ids)
    try model.save(to: directory)
    let loaded = try Model.load(from: directory)
    #expect(loaded.optimizer == nil)
    assertIdentical(loaded(ids), output)
  }

  @Test func globalPoolingAndActivationLayersRoundTrip() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let models = [
      Sequential {
        Conv2D(3, kernelSize: 1)
        GlobalAveragePooling2D()
        Activation(.tanh)
      },
      Sequential {
        Conv2D(3, kernelSize: 1, useBias: false)
        GlobalMaxPooling2D()
        Activation(.gelu(approximate: false))
      },
    ]
    for (index, model) in models.enumerated() {
      let output = model(images)
      let url = directory.appendingPathComponent("model-\(index)")
      try model.save(to: url)
      let loaded = try #require(try Model.load(from: url) as? Sequential)
      #expect(try loaded.configuration() == model.configuration())
      assertIdentical(loaded(images), output)
    }
  }

  @Test func resumingFromAModelCheckpointRepeatsTheUninterruptedRun() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let x = Tensor.randomNormal(shape: [32, 5], seed: 1)
    let y = Tensor((0..<32).map { Int32($0 % 3) })
    let model = Sequential {
      Dense(8, activation: .tanh)
      BatchNormalization()
      Dense(3)
    }
    try model.compile(
      optimizer: RMSprop(learningRate: 0.01, momentum: 0.5, centered: true),
      loss: SparseCategoricalCrossentropy(fromLogits: true))
    let checkpoints = ModelCheckpoint(directory.appendingPathComponent("epoch-{epoch}"))
    // The uninterrupted run: 2 epochs with a checkpoint after each, then 3 more.
    _ = try model.fit(
      x: x, y: y, batchSize: 8, epochs: 2, shuffle: false, callbacks: [checkpoints], verbose: 0)
    _ = try model.fit(x: x, y: y, batchSize: 8, epochs: 3, shuffle: false, verbose: 0)

    // The resumed run: the model of epoch 2, loaded, trained the same 3 epochs (epochs 3 to 5,
    // as its checkpoints are numbered).
    let resumed = try Model.load(from: directory.appendingPathComponent("epoch-2"))
    let resumedCheckpoints = ModelCheckpoint(
      directory.appendingPathComponent("resumed-{epoch}.npz"), saveWeightsOnly: true)
    let history = try resumed.fit(
      x: x, y: y, batchSize: 8, epochs: 5, initialEpoch: 2, shuffle: false,
      callbacks: [resumedCheckpoints], verbose: 0)
    #expect(history["loss"].count == 3)
    #expect(
      resumedCheckpoints.savedURLs.map(\.lastPathComponent) == [
        "resumed-3.npz", "resumed-4.npz", "resumed-5.npz",
      ])
    #expect(resumed.variables.count == model.variables.count)
    for ((key, original), (_, restored)) in zip(model.namedVariables, resumed.namedVariables) {
      assertIdentical(restored, original, key)
    }

    // The model of epoch 1 is one epoch behind: the comparison can fail.
    let behind = try Model.load(from: directory.appendingPathComponent("epoch-1"))
    _ = try behind.fit(x: x, y: y, batchSize: 8, epochs: 3, shuffle: false, verbose: 0)
    #expect(behind.variables[0].bytes != model.variables[0].bytes)
  }

  @Test func weightsLoadByNameIntoAModelBuiltTheSameWay() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    func mlp() -> Sequential {
      Sequential {
        Dense(4, activation: .relu)
        Dense(2)
      }
    }
    let x = Tensor.randomNormal(shape: [3, 5], seed: 2)
    let trained = mlp()
    let expected = trained(x)
    #expect(
      trained.namedVariables.map(\.0) == [
        "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias",
      ])
    for format in ["safetensors", "npz"] {
      let url = directory.appendingPathComponent("weights.\(format)")
      try trained.saveWeights(to: url)
      let fresh = mlp()
      #expect(throws: ModelFileError.notBuilt(model: fresh.name)) {
        try fresh.loadWeights(from: url)
      }
      _ = fresh(x)
      try fresh.loadWeights(from: url)
      assertIdentical(fresh(x), expected, format)
    }
  }

  @Test func weightsThatDoNotFitNameEveryProblemAndChangeNothing() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("weights.safetensors")
    let small = Sequential {
      Dense(4); Dense(2)
    }
    _ = small(Tensor.zeros(shape: [1, 5]))
    try small.saveWeights(to: url)
    let other = Sequential {
      Dense(3); Dense(2, useBias: false); Dense(1)
    }
    let x = Tensor.randomNormal(shape: [2, 5], seed: 4)
    let before = other(x)
    do {
      try other.loadWeights(from: url)
      Issue.record("weights of another architecture loaded")
    } catch let error as CheckpointError {
      let text = error.description
      #expect(text.contains(url.path))
      #expect(text.contains("missing dense_2.bias, dense_2.kernel"))
      #expect(text.contains("unexpected dense_1.bias"))
      #expect(text.contains("dense.kernel is float32[5, 4] in the file but float32[5, 3] here"))
    }
    assertIdentical(other(x), before)
  }

  @Test func customLayersSaveOnceRegisteredAndOthersAreTypedErrors() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let x = Tensor(shape: [1, 2], scalars: [1, 2] as [Float])
    let unsavable = Sequential {
      Dense(2); Doubling(name: "twice")
    }
    _ = unsavable(x)
    #expect(throws: ModelFileError.notSavable(layer: "twice", className: "Doubling")) {
      try unsavable.save(to: directory)
    }

    let custom = Sequential {
      Dense(2); Offset(amount: 0.5)
    }
    let output = custom(x)
    #expect(throws: ModelFileError.notSavable(layer: custom.layers[1].name, className: "Offset")) {
      try custom.save(to: directory)
    }
    LayerRegistry.register(Offset.self, as: "tests.Offset")
    try custom.save(to: directory)
    let loaded = try #require(try Model.load(from: directory) as? Sequential)
    #expect((loaded.layers[1] as? Offset)?.amount == 0.5)
    assertIdentical(loaded(x), output)

    // A file naming a class this program does not know.
    let weights = directory.appendingPathComponent("model.safetensors")
    var (tensors, metadata) = try Safetensors.read(contentsOf: weights)
    metadata["rill.model"] = metadata["rill.model"]!.replacingOccurrences(
      of: "tests.Offset", with: "tests.Unknown")
    try Safetensors.write(tensors, metadata: metadata, to: weights)
    #expect(throws: ModelFileError.unknownClass("tests.Unknown", kind: "layer")) {
      try Model.load(from: directory)
    }
    // A forged, giant input shape is refused before anything is allocated.
    let architecture = try #require(metadata["rill.model"])
      .replacingOccurrences(of: "tests.Unknown", with: "tests.Offset")
    var file = try #require(
      try JSONSerialization.jsonObject(with: Data(architecture.utf8)) as? [String: Any])
    file["build_config"] = [
      "input_shape": [NSNull(), 99_999_999, 99_999_999], "input_dtype": "float32",
    ]
    metadata["rill.model"] = String(
      decoding: try JSONSerialization.data(withJSONObject: file), as: UTF8.self)
    try Safetensors.write(tensors, metadata: metadata, to: weights)
    #expect(
      throws: ModelFileError.invalidConfiguration(
        className: "build_config", key: "input_shape",
        expected: "the shape of an example of at most 2^26 elements")
    ) { try Model.load(from: directory) }
    tensors = [:]
    try Safetensors.write(tensors, to: weights)
    #expect(throws: ModelFileError.self) { try Model.load(from: directory) }
    #expect(throws: ModelFileError.self) {
      try Model.load(from: directory.appendingPathComponent("missing"))
    }
  }

  @Test func reshapeRefusesATargetShapeFromAFileWhoseSizeOverflows() throws {
    func reshape(_ sizes: [Int]) throws -> Reshape {
      try Reshape(
        configuration: Configuration(
          className: "Reshape", values: ["target_shape": .array(sizes.map { .int($0) })]),
        name: "reshape")
    }
    #expect(try reshape([-1, 3, 5]).targetShape == Shape([-1, 3, 5]))
    for forged in [[0, 2_147_483_647, 1_073_741_824, 2_147_483_647], [-1, -1], [-2, 3]] {
      #expect(throws: ModelFileError.self) { try reshape(forged) }
    }
  }

  @Test func metricsSavedByNameAsEarlierFilesDidStillLoad() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let x = Tensor.randomNormal(shape: [8, 3], seed: 8)
    let model = Sequential { Dense(3) }
    try model.compile(
      optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
    _ = model(x)
    try model.save(to: directory)
    // Files written before metrics had saved forms list them by name.
    let weights = directory.appendingPathComponent("model.safetensors")
    let (tensors, savedMetadata) = try Safetensors.read(contentsOf: weights)
    var metadata = savedMetadata
    let architecture = try #require(metadata["rill.model"])
    var file = try #require(
      try JSONSerialization.jsonObject(with: Data(architecture.utf8)) as? [String: Any])
    var training = try #require(file["compile_config"] as? [String: Any])
    #expect((training["metrics"] as? [Any])?.first is [String: Any])
    training["metrics"] = ["accuracy", "mse"]
    file["compile_config"] = training
    metadata["rill.model"] = String(
      decoding: try JSONSerialization.data(withJSONObject: file), as: UTF8.self)
    try Safetensors.write(tensors, metadata: metadata, to: weights)
    let loaded = try Model.load(from: directory)
    #expect(loaded.metrics.map(\.name) == ["accuracy", "mse"])
    #expect(loaded.metrics.first is SparseCategoricalAccuracy)
    #expect((loaded.metrics.last as? LossMean)?.loss is MeanSquaredError)

    // A name no registry knows is a typed error.
    training["metrics"] = ["no_such_metric"]
    file["compile_config"] = training
    metadata["rill.model"] = String(
      decoding: try JSONSerialization.data(withJSONObject: file), as: UTF8.self)
    try Safetensors.write(tensors, metadata: metadata, to: weights)
    #expect(throws: TrainingError.unknownName("no_such_metric", kind: "metric")) {
      try Model.load(from: directory)
    }
  }

  @Test func modelCheckpointKeepsTheBestAndTheLatest() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let x = Tensor.randomNormal(shape: [16, 3], seed: 5)
    let y = matmul(x, Tensor(shape: [3, 1], scalars: [1, -2, 0.5] as [Float]))
    let model = Sequential { Dense(1) }
    try model.compile(optimizer: SGD(learningRate: 0.05), loss: "mse")
    let latest = ModelCheckpoint(
      directory.appendingPathComponent("w-{epoch}.npz"), saveWeightsOnly: true, maxToKeep: 2)
    // A loss that keeps falling: every epoch is the best so far.
    let best = ModelCheckpoint(
      directory.appendingPathComponent("best"), monitor: "loss", saveBestOnly: true)
    let history = try model.fit(
      x: x, y: y, batchSize: 16, epochs: 5, shuffle: false, callbacks: [latest, best], verbose: 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(names == ["best", "w-4.npz", "w-5.npz"])
    #expect(best.best == history["loss"].min())
    #expect(latest.savedURLs.map(\.lastPathComponent) == ["w-4.npz", "w-5.npz"])
    let reloaded = try Model.load(from: directory.appendingPathComponent("best"))
    assertIdentical(reloaded.predict(x), model.predict(x))

    // A checkpoint path under a file: fit stops after the first epoch and throws.
    let blocked = ModelCheckpoint(directory.appendingPathComponent("w-5.npz/model"))
    #expect(throws: (any Error).self) {
      _ = try model.fit(x: x, y: y, epochs: 3, callbacks: [blocked], verbose: 0)
    }
    let steps = try #require(model.optimizer).iterations.item(as: Int64.self)
    #expect(steps == 6, "5 epochs of one step, then the epoch that could not be saved")
  }
}
