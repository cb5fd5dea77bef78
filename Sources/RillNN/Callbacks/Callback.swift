import RillCore

/// The values a training loop reports: losses and metrics by name (`loss`, `accuracy`,
/// `val_loss` …).
public typealias Logs = [String: Double]

/// What a training run will do, known to callbacks when it starts.
public struct TrainingParameters: Sendable {
  /// The number of epochs.
  public var epochs: Int
  /// Steps per epoch, when known.
  public var steps: Int?
  /// The verbosity `fit` was given (0 silent, 1 progress bar, 2 one line per epoch).
  public var verbose: Int
}

/// Hooks into `fit`, `evaluate` and `predict`: the way training talks to the outside (progress
/// display, history, logs, early stopping …).
///
/// Override the events you need.
///
/// ```swift
/// final class PrintLoss: Callback {
///   override func onEpochEnd(_ epoch: Int, logs: Logs) { print("epoch \(epoch): \(logs["loss"]!)") }
/// }
/// try model.fit(x: x, y: y, epochs: 5, callbacks: [PrintLoss()])
/// ```
/// Keras: `keras.callbacks.Callback`.
open class Callback {
  /// The model being trained, set before the first event.
  public internal(set) weak var model: Model?
  /// The run's parameters, set before the first event.
  public internal(set) var parameters = TrainingParameters(epochs: 0, steps: nil, verbose: 0)

  /// Creates a callback.
  public init() {}

  /// Whether only the chief process runs the callback when a model trains under a
  /// ``DistributionStrategy``: true for the callbacks that print or write files (the progress
  /// bar, checkpoints, logs), so that one process does it; false by default.
  open var isChiefOnly: Bool { false }

  /// Whether the callback reads the `logs` of the next ``onTrainBatchEnd(_:logs:)`` or
  /// ``onTestBatchEnd(_:logs:)``; true by default.
  ///
  /// The compiled step keeps the loss and the metrics in variables and nothing is read back from
  /// it after a batch unless some callback needs the running logs then: `fit` and `evaluate` ask
  /// every callback before each batch end, and pass empty logs when none answers true. Built-in
  /// callbacks that use only epoch logs answer false; the progress bar answers true only when it
  /// is about to redraw. Epoch logs are always complete.
  open var needsBatchLogs: Bool { true }

  /// Training starts.
  open func onTrainBegin(logs: Logs) {}
  /// Training ended (or was stopped).
  open func onTrainEnd(logs: Logs) {}
  /// An epoch starts (0-based).
  open func onEpochBegin(_ epoch: Int, logs: Logs) {}
  /// An epoch ended, with the epoch's training and validation logs.
  open func onEpochEnd(_ epoch: Int, logs: Logs) {}
  /// A training batch starts (0-based within the epoch).
  open func onTrainBatchBegin(_ batch: Int, logs: Logs) {}
  /// A training batch ended, with the running logs of the epoch.
  open func onTrainBatchEnd(_ batch: Int, logs: Logs) {}
  /// Evaluation starts.
  open func onTestBegin(logs: Logs) {}
  /// Evaluation ended, with its logs.
  open func onTestEnd(logs: Logs) {}
  /// An evaluation batch ended.
  open func onTestBatchEnd(_ batch: Int, logs: Logs) {}
  /// Prediction starts.
  open func onPredictBegin(logs: Logs) {}
  /// Prediction ended.
  open func onPredictEnd(logs: Logs) {}
  /// A prediction batch ended.
  open func onPredictBatchEnd(_ batch: Int, logs: Logs) {}
}

/// A callback made of closures, for one-off hooks.
///
/// ```swift
/// LambdaCallback(onEpochEnd: { epoch, logs in print(epoch, logs) })
/// ```
/// Keras: `keras.callbacks.LambdaCallback`.
public final class LambdaCallback: Callback {
  private let epochBegin: ((Int, Logs) -> Void)?
  private let epochEnd: ((Int, Logs) -> Void)?
  private let batchEnd: ((Int, Logs) -> Void)?
  private let trainBegin: ((Logs) -> Void)?
  private let trainEnd: ((Logs) -> Void)?

  /// Creates a callback that calls the given closures.
  public init(
    onEpochBegin: ((Int, Logs) -> Void)? = nil, onEpochEnd: ((Int, Logs) -> Void)? = nil,
    onTrainBatchEnd: ((Int, Logs) -> Void)? = nil, onTrainBegin: ((Logs) -> Void)? = nil,
    onTrainEnd: ((Logs) -> Void)? = nil
  ) {
    epochBegin = onEpochBegin
    epochEnd = onEpochEnd
    batchEnd = onTrainBatchEnd
    trainBegin = onTrainBegin
    trainEnd = onTrainEnd
  }

  /// Whether an `onTrainBatchEnd` closure was given.
  public override var needsBatchLogs: Bool { batchEnd != nil }

  /// Calls `onEpochBegin`.
  public override func onEpochBegin(_ epoch: Int, logs: Logs) { epochBegin?(epoch, logs) }
  /// Calls `onEpochEnd`.
  public override func onEpochEnd(_ epoch: Int, logs: Logs) { epochEnd?(epoch, logs) }
  /// Calls `onTrainBatchEnd`.
  public override func onTrainBatchEnd(_ batch: Int, logs: Logs) { batchEnd?(batch, logs) }
  /// Calls `onTrainBegin`.
  public override func onTrainBegin(logs: Logs) { trainBegin?(logs) }
  /// Calls `onTrainEnd`.
  public override func onTrainEnd(logs: Logs) { trainEnd?(logs) }
}
