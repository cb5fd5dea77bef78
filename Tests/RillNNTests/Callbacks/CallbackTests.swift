import Foundation
import RillCore
import RillNN
import RillTestSupport
import Testing

struct CallbackTests {
  func model() throws -> TwoLayers {
    let model = TwoLayers()
    try model.compile(
      optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
    return model
  }

  /// Writes down the evaluation and prediction events it hears.
  final class EventRecorder: Callback {
    var events: [String] = []
    override func onTestBegin(logs: Logs) { events.append("test begin") }
    override func onTestBatchEnd(_ batch: Int, logs: Logs) {
      events.append("test batch \(batch) loss \(logs["loss"] != nil)")
    }
    override func onTestEnd(logs: Logs) { events.append("test end") }
    override func onPredictBegin(logs: Logs) { events.append("predict begin") }
    override func onPredictBatchEnd(_ batch: Int, logs: Logs) {
      events.append("predict batch \(batch)")
    }
    override func onPredictEnd(logs: Logs) { events.append("predict end") }
  }

  @Test func evaluateAndPredictCallEveryHook() throws {
    let (x, y) = clusters(count: 50, seed: 6)
    let model = try model()
    let recorder = EventRecorder()
    let logs = try model.evaluate(x: x, y: y, batchSize: 20, callbacks: [recorder])
    #expect(logs["loss"] != nil)
    #expect(
      recorder.events == [
        "test begin", "test batch 0 loss true", "test batch 1 loss true", "test batch 2 loss true",
        "test end",
      ])
    recorder.events = []
    let outputs = model.predict(x, batchSize: 20, callbacks: [recorder])
    #expect(outputs.shape[0] == 50)
    assertClose(outputs, model.predict(x, batchSize: 50))
    #expect(
      recorder.events == [
        "predict begin", "predict batch 0", "predict batch 1", "predict batch 2", "predict end",
      ])
  }

  @Test func earlyStoppingStopsAndRestoresTheBestWeights() throws {
    let (x, y) = clusters(count: 60, seed: 4)
    let model = try model()
    // Validation labels that training cannot fit: the validation loss soon stops improving.
    let wrong = Tensor(Array(repeating: Int32(0), count: 60))
    let stopper = EarlyStopping(monitor: "val_loss", patience: 1, restoreBestWeights: true)
    var bestLoss = Double.infinity
    var bestWeights: [Tensor] = []
    let tracker = LambdaCallback(onEpochEnd: { _, logs in
      if let loss = logs["val_loss"], loss < bestLoss {
        bestLoss = loss
        bestWeights = model.variables.map(\.value)
      }
    })
    let history = try model.fit(
      x: x, y: y, batchSize: 20, epochs: 50, validationData: (x, wrong),
      callbacks: [stopper, tracker], verbose: 0)
    #expect(stopper.stoppedEpoch != nil && history["loss"].count < 50)
    for (variable, best) in zip(model.variables, bestWeights) {
      assertIdentical(variable.value, best)
    }
  }

  @Test func learningRateCallbacksChangeTheRate() throws {
    let (x, y) = clusters(count: 40, seed: 5)
    let scheduled = try model()
    try scheduled.fit(
      x: x, y: y, epochs: 3,
      callbacks: [LearningRateScheduler { epoch, _ in 0.1 / Double(epoch + 1) }], verbose: 0)
    #expect(abs(scheduled.optimizer!.learningRate - 0.1 / 3) < 1e-6)

    let plateau = try model()
    let reducer = ReduceLROnPlateau(monitor: "loss", factor: 0.5, patience: 1, mode: .max)
    try plateau.fit(x: x, y: y, epochs: 4, callbacks: [reducer], verbose: 0)
    // With mode .max a falling loss never improves: the rate halves every epoch after the first.
    #expect(abs(plateau.optimizer!.learningRate - 0.1 / 8) < 1e-6)
  }

  @Test func terminateOnNaNStopsTraining() throws {
    let (x, y) = clusters(count: 40, seed: 6)
    let model = try model()
    model.optimizer!.learningRate = 1e30
    let history = try model.fit(
      x: x, y: y, batchSize: 10, epochs: 5, callbacks: [TerminateOnNaN()], verbose: 0)
    #expect(history["loss"].count == 1)
  }

  @Test func csvLoggerWritesARowPerEpoch() throws {
    let (x, y) = clusters(count: 40, seed: 7)
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rill-log-\(UUID()).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    try model().fit(x: x, y: y, epochs: 3, callbacks: [CSVLogger(url: url)], verbose: 0)
    let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 4 && lines[0] == "epoch,accuracy,loss")
    #expect(lines[3].hasPrefix("2,"))
  }

  @Test func progressBarPrintsOneLinePerEpochWhenNotLive() throws {
    let (x, y) = clusters(count: 40, seed: 8)
    var text = ""
    let bar = ProgressBar(live: false) { text += $0 }
    try model().fit(x: x, y: y, batchSize: 20, epochs: 2, callbacks: [bar], verbose: 0)
    let lines = text.split(separator: "\n")
    #expect(lines.count == 4 && lines[0] == "Epoch 1/2" && lines[2] == "Epoch 2/2")
    #expect(
      lines[1].hasPrefix("2/2 - ") && lines[1].contains(" - accuracy: ")
        && lines[1].contains(" - loss: "))
  }
}
