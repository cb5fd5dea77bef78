import Foundation
import RillCore
import RillData
import RillNN
import RillTestSupport
import Testing

/// A subclassed model whose layers are found by reflection.
final class TwoLayers: Model {
  let hidden = Dense(16, activation: .relu, kernelInitializer: GlorotUniform(seed: 1))
  let output = Dense(3, kernelInitializer: GlorotUniform(seed: 2))

  override func call(_ input: Tensor, training: Bool) -> Tensor {
    output(hidden(input, training: training), training: training)
  }
}

/// Three separable clusters in the plane: a small classification problem.
func clusters(count: Int, seed: UInt64) -> (Tensor, Tensor) {
  let labels = Tensor(Array(0..<count).map { Int32($0 % 3) })
  let centers: Tensor = [[2, 0], [-2, 2], [0, -3]]
  let x =
    centers.gathering(atIndices: labels)
    + Tensor.randomNormal(shape: [count, 2], standardDeviation: 0.5, seed: seed)
  return (x, labels)
}

struct ModelTests {
  @Test func subclassedModelsFindTheirLayersAndVariables() {
    let model = TwoLayers()
    _ = model(Tensor.ones(shape: [1, 2]))
    #expect(
      model.namedVariables.map(\.0) == [
        "hidden.kernel", "hidden.bias", "output.kernel", "output.bias",
      ])
    #expect(model.trainableVariables.count == 4)
    #expect(model.parameterCount == 2 * 16 + 16 + 16 * 3 + 3)
  }

  /// Keys come from the layers' classes and order, as in Keras 3's weight files, whatever the
  /// layers' own names, so that weights fit any model built the same way.
  @Test func sequentialNamesVariablesAfterItsLayers() {
    let model = Sequential {
      Dense(4, name: "first")
      Dropout(rate: 0.1)
      Dense(2, name: "second")
    }
    _ = model(Tensor.ones(shape: [1, 3]))
    #expect(model.layers.map(\.name) == ["first", model.layers[1].name, "second"])
    #expect(
      model.namedVariables.map(\.0) == [
        "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias",
      ])
    model.add(Dense(1, name: "third"))
    #expect(model(Tensor.ones(shape: [2, 3])).shape == [2, 1])
  }

  @Test func fitLearnsAndReportsHistoryAndValidation() throws {
    let (x, y) = clusters(count: 300, seed: 1)
    let model = TwoLayers()
    try model.compile(
      optimizer: Adam(learningRate: 0.05), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
    let history = try model.fit(
      x: x, y: y, batchSize: 32, epochs: 8, validationSplit: 0.2, verbose: 0)
    #expect(history["loss"].count == 8)
    #expect(history["loss"].last! < history["loss"].first!)
    #expect(history["accuracy"].last! > 0.9)
    #expect(history["val_accuracy"].last! > 0.9)
    let logs = try model.evaluate(x: x, y: y)
    #expect(logs["accuracy"]! > 0.9)
    #expect(model.predict(x, batchSize: 64).shape == [300, 3])
  }

  @Test func fitEqualsAHandWrittenTapeLoop() throws {
    let (x, y) = clusters(count: 96, seed: 2)
    let fitted = TwoLayers(), manual = TwoLayers()
    try fitted.compile(
      optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy(fromLogits: true))
    try fitted.fit(x: x, y: y, batchSize: 32, epochs: 2, shuffle: false, verbose: 0)

    let optimizer = SGD(learningRate: 0.1)
    let loss = SparseCategoricalCrossentropy(fromLogits: true)
    for _ in 0..<2 {
      for start in stride(from: 0, to: 96, by: 32) {
        let (batchX, batchY) = (x[start..<start + 32], y[start..<start + 32])
        let tape = GradientTape()
        let value = tape.record { loss(batchY, manual(batchX, training: true)) }
        optimizer.apply(
          gradients: tape.gradient(of: value, wrt: manual.trainableVariables),
          to: manual.trainableVariables)
      }
    }
    for (a, b) in zip(fitted.variables, manual.variables) { assertIdentical(a.value, b.value) }
  }

  @Test func fitAcceptsADataset() throws {
    let (x, y) = clusters(count: 200, seed: 3)
    let model = TwoLayers()
    try model.compile(
      optimizer: "adam", loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
    let data = Dataset(tensorSlices: (x, y)).shuffle(bufferSize: 200, seed: 1).batch(20)
    let history = try model.fit(data, epochs: 10, validationData: data, verbose: 0)
    #expect(history["val_accuracy"].last! > 0.9)
    #expect(try model.evaluate(data)["accuracy"]! > 0.9)
  }

  @Test func badInputsAreReportedClearly() throws {
    let model = TwoLayers()
    #expect(throws: TrainingError.notCompiled(model: model.name)) {
      try model.fit(x: Tensor.ones(shape: [4, 2]), y: Tensor.ones(shape: [4]), verbose: 0)
    }
    try model.compile(optimizer: "sgd", loss: "mse")
    #expect(throws: TrainingError.mismatchedExamples(inputs: [4, 2], labels: [3])) {
      try model.fit(x: Tensor.ones(shape: [4, 2]), y: Tensor.ones(shape: [3]), verbose: 0)
    }
    #expect(throws: TrainingError.unknownName("adamax2", kind: "optimizer")) {
      try model.compile(optimizer: "adamax2", loss: "mse")
    }
    #expect(throws: TrainingError.unknownName("hinge2", kind: "loss")) {
      try model.compile(optimizer: "sgd", loss: "hinge2")
    }
  }

  @Test func aModelCalledOnTheWrongShapeNamesTheLayerAndShapes() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let dense = Dense(3, name: "classifier")
      _ = dense(Tensor.ones(shape: [2, 4]))
      _ = dense(Tensor.ones(shape: [2, 5]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(
      message.contains("classifier: expected inputs whose last dimension is 4, got shape [2, 5]"))
  }

  @Test func labelsOutOfRangeStopACompiledFitWithAMessage() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let model = Sequential { Dense(3) }
      try model.compile(optimizer: "sgd", loss: SparseCategoricalCrossentropy(fromLogits: true))
      try model.fit(x: Tensor.ones(shape: [4, 2]), y: Tensor([0, 1, 7, 2] as [Int32]), verbose: 0)
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("index 7 is out of range for axis 0 of shape [3, 3]"))
  }

  @Test func summaryListsLayersShapesAndParameterCounts() {
    let model = Sequential(name: "mlp") {
      Flatten(name: "flatten_input")
      Dense(128, activation: .relu, name: "hidden")
      Dense(10, name: "logits")
    }
    _ = model(Tensor.zeros(shape: [1, 28, 28]))
    let summary = model.summary()
    #expect(summary.contains("Model: \"mlp\""))
    #expect(
      summary.contains(
        "│ hidden (Dense)                  │ (None, 128)            │       100,480 │"))
    #expect(summary.contains(" Total params: 101,770 (397.54 KB)"))
  }
}
