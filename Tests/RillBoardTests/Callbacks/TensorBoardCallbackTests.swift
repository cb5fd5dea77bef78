import Foundation
import RillCore
import RillNN
import Testing

@testable import RillBoard

/// A `fit` logged by the ``TensorBoard`` callback, read back with TensorBoard's own readers.
@Suite struct TensorBoardCallbackTests {
  @Test func fitLogsEpochsBatchesHistogramsAndTheGraph() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let x = Tensor.randomNormal(shape: [64, 4], seed: 1)
    let y = (x.sum(alongAxes: [1]) .> 0).cast(to: .int32)
    let model = Sequential {
      Dense(8, activation: .relu)
      Dense(2)
    }
    try model.compile(
      optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
    let callback = try TensorBoard(
      logdir: directory.file("fit"), histogramFrequency: 1, updateFrequency: .batches(2))
    let history = try model.fit(
      x: x, y: y, batchSize: 16, epochs: 3, validationData: (x, y), callbacks: [callback],
      verbose: 0)

    let train = try EventDump.read(directory.file("fit/train"))
    let loss = train.scalarPoints("epoch_loss")
    #expect(loss.map(\.0) == [0, 1, 2])
    for ((_, logged), kept) in zip(loss, history["loss"]) { #expect(abs(logged - kept) < 1e-6) }
    #expect(train.scalarPoints("epoch_accuracy").count == 3)
    #expect(
      train.scalarPoints("epoch_learning_rate").map { abs($0.1 - 0.1) < 1e-6 } == [
        true, true, true,
      ])
    // 4 batches per epoch, logged every 2: steps 2, 4, …, 12.
    #expect(train.scalarPoints("batch_loss").map(\.0) == [2, 4, 6, 8, 10, 12])
    #expect(train.histograms.keys.sorted() == model.namedVariables.map(\.0).sorted())
    #expect(train.histograms.values.allSatisfy { $0.count == 3 })
    #expect(train.graph.contains { $0.op == "matmul" })

    let validation = try EventDump.read(directory.file("fit/validation"))
    #expect(validation.scalarPoints("epoch_loss").count == 3)
    #expect(validation.scalarPoints("epoch_accuracy").count == 3)
  }

  @Test func aLogdirThatCannotBeMadeThrows() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try Data("a file".utf8).write(to: URL(fileURLWithPath: directory.file("taken")))
    #expect(throws: SummaryWriterError.self) { try TensorBoard(logdir: directory.file("taken")) }
  }
}
