/// Sets the optimizer's learning rate at the start of each epoch from a function of the epoch
/// (0-based) and the current rate.
///
/// Keras: `keras.callbacks.LearningRateScheduler`.
public final class LearningRateScheduler: Callback {
  /// False: it uses epoch logs only.
  public override var needsBatchLogs: Bool { false }

  private let schedule: (Int, Double) -> Double

  /// Creates the callback.
  public init(_ schedule: @escaping (_ epoch: Int, _ learningRate: Double) -> Double) {
    self.schedule = schedule
  }

  /// Sets the epoch's rate.
  public override func onEpochBegin(_ epoch: Int, logs: Logs) {
    guard let optimizer = model?.optimizer else { return }
    optimizer.learningRate = schedule(epoch, optimizer.learningRate)
  }
}

/// Multiplies the learning rate by `factor` when a monitored value has stopped improving for
/// `patience` epochs.
///
/// Keras: `keras.callbacks.ReduceLROnPlateau`.
public final class ReduceLROnPlateau: Callback {
  /// False: it uses epoch logs only.
  public override var needsBatchLogs: Bool { false }

  /// The log watched.
  public let monitor: String
  /// The factor applied to the rate.
  public let factor: Double
  /// Epochs without improvement before reducing.
  public let patience: Int
  /// Which direction is better.
  public let mode: MonitorMode
  /// The smallest change that counts as an improvement.
  public let minDelta: Double
  /// Epochs to wait after a reduction before watching again.
  public let cooldown: Int
  /// The smallest rate.
  public let minLearningRate: Double

  private var best: Double?
  private var wait = 0
  private var cooldownLeft = 0

  /// Creates the callback.
  public init(
    monitor: String = "val_loss", factor: Double = 0.1, patience: Int = 10,
    mode: MonitorMode = .automatic, minDelta: Double = 1e-4, cooldown: Int = 0,
    minLearningRate: Double = 0
  ) {
    self.monitor = monitor
    self.factor = factor
    self.patience = patience
    self.mode = mode
    self.minDelta = minDelta
    self.cooldown = cooldown
    self.minLearningRate = minLearningRate
  }

  /// Resets the watch.
  public override func onTrainBegin(logs: Logs) {
    best = nil
    wait = 0
    cooldownLeft = 0
  }

  /// Reduces the rate when the value has not improved for long enough.
  public override func onEpochEnd(_ epoch: Int, logs: Logs) {
    guard let value = logs[monitor], let optimizer = model?.optimizer else { return }
    if cooldownLeft > 0 {
      cooldownLeft -= 1
      wait = 0
    }
    if best.map({ mode.improves(value, over: $0, by: minDelta, monitor: monitor) }) ?? true {
      best = value
      wait = 0
    } else if cooldownLeft == 0 {
      wait += 1
      if wait >= patience {
        optimizer.learningRate = Swift.max(optimizer.learningRate * factor, minLearningRate)
        cooldownLeft = cooldown
        wait = 0
      }
    }
  }
}

/// Stops training as soon as the loss becomes NaN or infinite.
///
/// Keras: `keras.callbacks.TerminateOnNaN`.
public final class TerminateOnNaN: Callback {
  /// Creates the callback.
  public override init() {}

  /// Checks the running loss after each batch.
  public override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
    if let loss = logs["loss"], !loss.isFinite {
      model?.stopTraining = true
    }
  }
}
