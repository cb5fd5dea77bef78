import Foundation
import RillCore

/// Writes each epoch's logs as a row of a CSV file (`epoch` first, then the logs by name).
///
/// The file is rewritten in full after every epoch, atomically and durably (see
/// ``DurableFile``), so it is never left half-written. Keras: `keras.callbacks.CSVLogger`.
public final class CSVLogger: Callback {
  /// False: it uses epoch logs only.
  public override var needsBatchLogs: Bool { false }

  /// True: under a distribution strategy only the chief writes the log.
  public override var isChiefOnly: Bool { true }

  /// The file written.
  public let url: URL
  /// The separator between fields.
  public let separator: String
  /// Whether to keep the rows already in the file.
  public let append: Bool
  /// The first error writing the file, if any (training is not interrupted by logging).
  public private(set) var writeError: (any Error)?

  private var rows: [[String: Double]] = []
  private var existing = ""

  /// Creates the callback.
  public init(url: URL, separator: String = ",", append: Bool = false) {
    self.url = url
    self.separator = separator
    self.append = append
  }

  /// Reads the rows to keep when appending.
  public override func onTrainBegin(logs: Logs) {
    rows = []
    existing = append ? ((try? String(contentsOf: url, encoding: .utf8)) ?? "") : ""
  }

  /// Adds the epoch's row and rewrites the file.
  public override func onEpochEnd(_ epoch: Int, logs: Logs) {
    var row = logs
    row["epoch"] = Double(epoch)
    rows.append(row)
    let keys = ["epoch"] + Set(rows.flatMap(\.keys)).subtracting(["epoch"]).sorted()
    var text = existing.isEmpty ? keys.joined(separator: separator) + "\n" : existing
    for row in rows {
      text +=
        keys.map { key in
          guard let value = row[key] else { return "" }
          return key == "epoch" ? String(Int(value)) : String(value)
        }.joined(separator: separator) + "\n"
    }
    do {
      try DurableFile.write(Data(text.utf8), to: url)
    } catch {
      if writeError == nil { writeError = error }
    }
  }
}
