import RillCore

/// Which direction of a monitored value is better.
public enum MonitorMode: Sendable {
  /// Smaller is better (losses).
  case min
  /// Larger is better (accuracies).
  case max
  /// `max` for names containing `acc`, `min` otherwise, as Keras decides.
  case automatic

  /// Whether `value` beats `best` by more than `delta`.
  func improves(_ value: Double, over best: Double, by delta: Double, monitor: String) -> Bool {
    switch self {
    case .min: return value < best - delta
    case .max: return value > best + delta
    case .automatic:
      return monitor.contains("acc")
        ? MonitorMode.max.improves(value, over: best, by: delta, monitor: monitor)
        : MonitorMode.min.improves(value, over: best, by: delta, monitor: monitor)
    }
  }
}

/// Stops training once a monitored value has not improved for `patience` epochs, optionally
/// restoring the weights of the best epoch.
///
/// Keras: `keras.callbacks.EarlyStopping`.
public final class EarlyStopping: Callback {
  /// False: it uses epoch logs only.
  public override var needsBatchLogs: Bool { false }

  /// The log watched, such as `val_loss`.
  public let monitor: String
  /// The smallest change that counts as an improvement.
  public let minDelta: Double
  /// Epochs without improvement tolerated before stopping.
  public let patience: Int
  /// Which direction is better.
  public let mode: MonitorMode
  /// Whether to put back the best epoch's weights when training stops.
  public let restoreBestWeights: Bool
  /// The epoch (0-based) at which training was stopped, if it was.
  public private(set) var stoppedEpoch: Int?

  private var best: Double?
  private var wait = 0
  private var bestWeights: [Tensor] = []

  /// Creates the callback.
  public init(
    monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0,
    mode: MonitorMode = .automatic, restoreBestWeights: Bool = false
  ) {
    self.monitor = monitor
    self.minDelta = Swift.abs(minDelta)
    self.patience = patience
    self.mode = mode
    self.restoreBestWeights = restoreBestWeights
  }

  /// Resets the watch.
  public override func onTrainBegin(logs: Logs) {
    best = nil
    wait = 0
    stoppedEpoch = nil
    bestWeights = []
  }

  /// Compares the epoch's value with the best so far.
  public override func onEpochEnd(_ epoch: Int, logs: Logs) {
    guard let value = logs[monitor], let model else { return }
    if best.map({ mode.improves(value, over: $0, by: minDelta, monitor: monitor) }) ?? true {
      best = value
      wait = 0
      if restoreBestWeights { bestWeights = model.variables.map(\.value) }
      return
    }
    wait += 1
    if wait > patience {
      stoppedEpoch = epoch
      model.stopTraining = true
    }
  }

  /// Restores the best weights when asked to.
  public override func onTrainEnd(logs: Logs) {
    guard restoreBestWeights, stoppedEpoch != nil, let model, !bestWeights.isEmpty else { return }
    for (variable, value) in zip(model.variables, bestWeights) { variable.assign(value) }
  }
}
