import RillBoard
import RillCore

/// Logs `fit` for TensorBoard, as Keras's callback does: the loss, the metrics and the learning
/// rate per epoch (and every few batches if asked), histograms of the weights, and the graph of
/// the compiled training step.
///
/// ```swift
/// try model.fit(x: images, y: labels, epochs: 5, validationData: (testImages, testLabels),
///               callbacks: [try TensorBoard(logdir: "logs/fit", histogramFrequency: 1)])
/// ```
/// Then `tensorboard --logdir logs/fit`. Training values go to `logdir/train` (tags
/// `epoch_loss`, `epoch_accuracy`, `epoch_learning_rate`, `batch_loss` …, weight histograms
/// named after the variables), validation values to `logdir/validation`. Keras:
/// `keras.callbacks.TensorBoard`.
public final class TensorBoard: Callback {
  /// True: under a distribution strategy only the chief writes event files.
  public override var isChiefOnly: Bool { true }

  /// How often batch-level values are logged.
  public enum UpdateFrequency: Sendable, Equatable {
    /// Only at the end of each epoch.
    case epoch
    /// Also every this many training batches.
    case batches(Int)
  }

  private let trainWriter: SummaryWriter
  private let validationWriter: SummaryWriter
  private let histogramFrequency: Int
  private let updateFrequency: UpdateFrequency
  private let writesGraph: Bool
  private var graphWritten = false
  private var batchesSeen = 0

  /// Creates the callback and its event files.
  ///
  /// - Parameters:
  ///   - logdir: the directory TensorBoard is pointed at.
  ///   - histogramFrequency: log weight histograms every this many epochs (0: never).
  ///   - updateFrequency: `.epoch`, or `.batches(n)` to log the running loss and metrics every
  ///     n batches too.
  ///   - writeGraph: whether to log the graph of the compiled training step.
  /// - Throws: ``SummaryWriterError`` when the directories or files cannot be made.
  public init(
    logdir: String, histogramFrequency: Int = 0, updateFrequency: UpdateFrequency = .epoch,
    writeGraph: Bool = true
  ) throws(SummaryWriterError) {
    trainWriter = try SummaryWriter(logdir: logdir + "/train")
    validationWriter = try SummaryWriter(logdir: logdir + "/validation")
    self.histogramFrequency = histogramFrequency
    self.updateFrequency = updateFrequency
    self.writesGraph = writeGraph
  }

  /// True for the batches whose running values it logs (every n batches, when asked).
  public override var needsBatchLogs: Bool {
    guard case .batches(let every) = updateFrequency, every > 0 else { return false }
    return (batchesSeen + 1) % every == 0
  }

  /// Logs the running values every n batches, and the graph once it has been traced.
  public override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
    batchesSeen += 1
    if writesGraph && !graphWritten, let graph = model?.trainingGraph {
      trainWriter.graph(graph)
      graphWritten = true
    }
    if case .batches(let every) = updateFrequency, every > 0, batchesSeen % every == 0 {
      for (name, value) in logs { trainWriter.scalar("batch_" + name, value, step: batchesSeen) }
    }
  }

  /// Logs the epoch's values, the learning rate and, when due, the weight histograms.
  public override func onEpochEnd(_ epoch: Int, logs: Logs) {
    for (name, value) in logs.sorted(by: { $0.key < $1.key }) {
      if name.hasPrefix("val_") {
        validationWriter.scalar("epoch_" + name.dropFirst(4), value, step: epoch)
      } else {
        trainWriter.scalar("epoch_" + name, value, step: epoch)
      }
    }
    if let optimizer = model?.optimizer {
      trainWriter.scalar("epoch_learning_rate", optimizer.currentLearningRate, step: epoch)
    }
    if histogramFrequency > 0, epoch % histogramFrequency == 0, let model {
      for (name, variable) in model.namedVariables {
        trainWriter.histogram(name, variable, step: epoch)
      }
    }
    try? trainWriter.flush()
    try? validationWriter.flush()
  }

  /// Closes the event files.
  public override func onTrainEnd(logs: Logs) {
    try? trainWriter.close()
    try? validationWriter.close()
  }
}
