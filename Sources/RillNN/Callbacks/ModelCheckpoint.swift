import Foundation

/// Saves the model during `fit`: after every epoch, or only when a monitored value improves.
///
/// Keras: `keras.callbacks.ModelCheckpoint`.
///
/// ```swift
/// let checkpoint = ModelCheckpoint(
///   URL(fileURLWithPath: "checkpoints/epoch-{epoch}"), maxToKeep: 3)
/// let best = ModelCheckpoint(
///   URL(fileURLWithPath: "best.safetensors"), monitor: "val_accuracy", saveBestOnly: true,
///   saveWeightsOnly: true)
/// try model.fit(x: x, y: y, epochs: 10, validationData: (xTest, yTest),
///               callbacks: [checkpoint, best])
/// ```
/// `{epoch}` in the path becomes the epoch's number, counted from 1 as Keras does (a run resumed
/// with `fit(…, initialEpoch:)` goes on from its first epoch). The whole
/// model is saved with `Model.save(to:)` (a directory that `Model.load(from:)` reads, optimizer
/// state included, so training resumes exactly), or with `saveWeightsOnly` its weights alone
/// with `Model.saveWeights(to:)` (a `.safetensors` or `.npz` file). Every save is atomic. When a
/// save fails, `fit` stops after that epoch and throws the error.
public final class ModelCheckpoint: Callback {
  /// False: it uses epoch logs only.
  public override var needsBatchLogs: Bool { false }

  /// True: under a distribution strategy only the chief writes checkpoints.
  public override var isChiefOnly: Bool { true }

  /// Where to save; `{epoch}` is replaced by the epoch's number.
  public let url: URL
  /// The log compared between epochs when ``saveBestOnly``, such as `val_loss`.
  public let monitor: String
  /// Whether to save only when ``monitor`` improves on the best value so far.
  public let saveBestOnly: Bool
  /// Whether to save only the weights, rather than the whole model.
  public let saveWeightsOnly: Bool
  /// Which direction of ``monitor`` is better.
  public let mode: MonitorMode
  /// How many of the most recent saves to keep when the path has `{epoch}` (older ones are
  /// deleted), or `nil` to keep them all.
  public let maxToKeep: Int?
  /// The best value of ``monitor`` seen so far.
  public private(set) var best: Double?
  /// The saves made and still kept, oldest first.
  public private(set) var savedURLs: [URL] = []

  /// Creates the callback.
  ///
  /// - Parameters:
  ///   - url: the model directory, or with `saveWeightsOnly` the weights file; `{epoch}` in it
  ///     becomes the epoch's number.
  ///   - monitor: the log compared when `saveBestOnly` (`val_loss` by default).
  ///   - saveBestOnly: save only when the monitored value improves.
  ///   - saveWeightsOnly: save only the weights.
  ///   - mode: which direction of the monitored value is better.
  ///   - maxToKeep: how many of the latest saves to keep when `url` has `{epoch}`.
  /// - Precondition: `maxToKeep` is at least 1.
  public init(
    _ url: URL, monitor: String = "val_loss", saveBestOnly: Bool = false,
    saveWeightsOnly: Bool = false, mode: MonitorMode = .automatic, maxToKeep: Int? = nil
  ) {
    if let maxToKeep, maxToKeep < 1 {
      fatalError("ModelCheckpoint: maxToKeep is \(maxToKeep); keep at least 1 or pass nil")
    }
    self.url = url
    self.monitor = monitor
    self.saveBestOnly = saveBestOnly
    self.saveWeightsOnly = saveWeightsOnly
    self.mode = mode
    self.maxToKeep = maxToKeep
  }

  /// Forgets the best value of an earlier run.
  public override func onTrainBegin(logs: Logs) {
    best = nil
  }

  /// Saves the model if the epoch calls for it.
  public override func onEpochEnd(_ epoch: Int, logs: Logs) {
    guard let model else { return }
    if saveBestOnly {
      // Keras skips the save, with a warning, when the monitored log is missing.
      guard let value = logs[monitor] else { return }
      guard best.map({ mode.improves(value, over: $0, by: 0, monitor: monitor) }) ?? true
      else { return }
      best = value
    }
    let target = URL(
      fileURLWithPath: url.path.replacingOccurrences(of: "{epoch}", with: String(epoch + 1)))
    do {
      if saveWeightsOnly {
        try model.saveWeights(to: target)
      } else {
        try model.save(to: target)
      }
      savedURLs.removeAll { $0 == target }
      savedURLs.append(target)
      if let maxToKeep, url.path.contains("{epoch}") {
        for old in savedURLs.dropLast(maxToKeep) { try FileManager.default.removeItem(at: old) }
        savedURLs = Array(savedURLs.suffix(maxToKeep))
      }
    } catch {
      model.callbackFailure = error
      model.stopTraining = true
    }
  }
}
