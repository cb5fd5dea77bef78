/// The logs of every epoch of a `fit`, by name: `history["loss"]` is the loss of each epoch.
///
/// `fit` adds a history to every run and returns it. Keras: `keras.callbacks.History`.
public final class History: Callback {
  /// False: it uses epoch logs only.
  public override var needsBatchLogs: Bool { false }

  /// Each log's value per epoch, in order.
  public private(set) var values: [String: [Double]] = [:]
  /// The epochs recorded (0-based).
  public private(set) var epochs: [Int] = []

  /// Creates an empty history.
  public override init() {}

  /// The values of the log named `key` per epoch (empty if there is no such log).
  public subscript(key: String) -> [Double] { values[key] ?? [] }

  /// Starts a new record.
  public override func onTrainBegin(logs: Logs) {
    values = [:]
    epochs = []
  }

  /// Appends the epoch's logs.
  public override func onEpochEnd(_ epoch: Int, logs: Logs) {
    epochs.append(epoch)
    for (key, value) in logs { values[key, default: []].append(value) }
  }
}
