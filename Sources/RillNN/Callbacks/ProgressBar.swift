import Foundation

/// Keras's progress display, printed by `fit`.
///
/// On a terminal, a bar per epoch is redrawn after each batch,
///
///     Epoch 1/10
///     235/235 ━━━━━━━━━━━━━━━━━━━━ 1s 4ms/step - accuracy: 0.8213 - loss: 0.6411 - val_accuracy: 0.9027 - val_loss: 0.3470
///
/// and, when the output is not a terminal (or with `verbose: 2`), one line per epoch. `fit`
/// adds it when `verbose` is 1 or 2. Keras: `keras.callbacks.ProgbarLogger`.
public final class ProgressBar: Callback {
  /// True: under a distribution strategy only the chief prints progress.
  public override var isChiefOnly: Bool { true }

  /// Where the display goes.
  private let output: (String) -> Void
  /// Whether to redraw a live bar (a terminal) or print one line per epoch.
  private let live: Bool
  private var epochStart = Date()
  private var lastDraw = Date.distantPast
  private var seenSteps = 0

  /// Creates the display, writing to standard output; a live bar when standard output is a
  /// terminal and `verbose` is 1.
  public override init() {
    output = { text in
      FileHandle.standardOutput.write(text.data(using: .utf8) ?? Data())
    }
    live = isatty(STDOUT_FILENO) != 0
  }

  /// Creates a display that writes through `output`, live or one line per epoch.
  public init(live: Bool, output: @escaping (String) -> Void) {
    self.output = output
    self.live = live
  }

  private var drawsLive: Bool { live && parameters.verbose == 1 }

  /// Prints the epoch's header.
  public override func onEpochBegin(_ epoch: Int, logs: Logs) {
    epochStart = Date()
    lastDraw = .distantPast
    seenSteps = 0
    output("Epoch \(epoch + 1)/\(parameters.epochs)\n")
  }

  /// True when the live bar is due to be redrawn (at most ten times a second), so that the
  /// running logs are read only that often.
  public override var needsBatchLogs: Bool { redrawIsDue }

  private var redrawIsDue: Bool {
    drawsLive && Date().timeIntervalSince(lastDraw) > ProgressBar.redrawInterval
  }

  /// The shortest time between two redraws of the live bar, in seconds.
  static let redrawInterval = 0.1

  /// Redraws the bar, at most ten times a second.
  public override func onTrainBatchEnd(_ batch: Int, logs: Logs) {
    seenSteps = batch + 1
    // Empty logs: no one asked for them, because the redraw was not due when `fit` asked.
    guard !logs.isEmpty, redrawIsDue else { return }
    lastDraw = Date()
    output("\r" + line(step: seenSteps, logs: logs, final: false) + "\u{1B}[K")
  }

  /// Prints the epoch's final line with the validation logs.
  public override func onEpochEnd(_ epoch: Int, logs: Logs) {
    let text = line(step: parameters.steps ?? seenSteps, logs: logs, final: true)
    output((drawsLive ? "\r" : "") + text + (drawsLive ? "\u{1B}[K" : "") + "\n")
  }

  private func line(step: Int, logs: Logs, final: Bool) -> String {
    let total = parameters.steps
    let elapsed = Date().timeIntervalSince(epochStart)
    let counter = total.map { "\(step)/\($0)" } ?? "\(step)"
    var parts = [counter]
    if drawsLive || !final {
      let width = 20
      let filled = total.map { Swift.min(width, width * step / Swift.max($0, 1)) } ?? width
      parts.append(
        String(repeating: "━", count: filled) + String(repeating: "─", count: width - filled))
      parts.append(
        "\(Int(elapsed.rounded()))s \(Self.duration(elapsed / Double(Swift.max(step, 1))))/step")
    } else {
      parts.append(
        "- \(Int(elapsed.rounded()))s - \(Self.duration(elapsed / Double(Swift.max(step, 1))))/step"
      )
    }
    let metrics = logs.keys.sorted { Self.order($0) < Self.order($1) }
      .map { "\($0): \(String(format: "%.4f", logs[$0] ?? 0))" }
    return ([parts.joined(separator: " ")] + metrics).joined(separator: " - ")
  }

  /// Training logs first (alphabetically), then validation logs, as Keras shows them.
  private static func order(_ key: String) -> String {
    (key.hasPrefix("val_") ? "1" : "0") + key
  }

  /// A duration per step: seconds, milliseconds or microseconds.
  static func duration(_ seconds: Double) -> String {
    if seconds >= 1 { return "\(Int(seconds.rounded()))s" }
    if seconds >= 1e-3 { return "\(Int((seconds * 1e3).rounded()))ms" }
    return "\(Int((seconds * 1e6).rounded()))us"
  }
}
