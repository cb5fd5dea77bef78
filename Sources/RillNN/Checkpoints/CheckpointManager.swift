import Foundation
import RillCore
import RillData

/// Saves a ``Checkpoint`` into a directory as step-numbered files, keeps the most recent ones,
/// and finds the latest to resume from.
///
/// Each save writes `ckpt-<step>.safetensors` atomically; only once it is safely on the disk
/// are the files beyond the last ``maxToKeep`` steps deleted, so a crash at any moment leaves
/// at least the previous checkpoint. The directory itself is the only record: files are found
/// by their names, and other files in the directory are left alone. TensorFlow:
/// `tf.train.CheckpointManager`.
///
/// ```swift
/// var checkpoint = Checkpoint(["dense.kernel": kernel, "dense.bias": bias])
/// checkpoint.add(optimizer.checkpointVariables(for: checkpoint.variables))
/// let manager = try CheckpointManager(
///   checkpoint, directory: URL(fileURLWithPath: "checkpoints"), maxToKeep: 3)
/// var step = try manager.restoreLatest() ?? 0   // resumes where the last run stopped
/// while step < 10_000 {
///   trainOneStep()
///   step += 1
///   if step % 1000 == 0 { try manager.save(step: step) }
/// }
/// ```
public struct CheckpointManager {
  /// The variables saved and restored.
  public let checkpoint: Checkpoint
  /// The directory that holds the checkpoint files.
  public let directory: URL
  /// How many of the most recent checkpoints are kept, or `nil` to keep them all.
  public let maxToKeep: Int?

  private static let prefix = "ckpt-"
  private static let suffix = ".safetensors"

  /// Creates a manager that saves `checkpoint` into `directory`, creating the directory if it
  /// does not exist.
  ///
  /// - Parameters:
  ///   - checkpoint: the variables to save and restore.
  ///   - directory: where the checkpoint files go.
  ///   - maxToKeep: how many of the most recent checkpoints to keep (5 by default), or `nil`
  ///     to keep all of them.
  /// - Throws: ``CheckpointError`` when the directory cannot be created.
  /// - Precondition: `maxToKeep` is at least 1.
  public init(_ checkpoint: Checkpoint, directory: URL, maxToKeep: Int? = 5) throws {
    if let maxToKeep, maxToKeep < 1 {
      fatalError("CheckpointManager: maxToKeep is \(maxToKeep); keep at least 1 or pass nil")
    }
    self.checkpoint = checkpoint
    self.directory = directory
    self.maxToKeep = maxToKeep
    do {
      try DurableFile.createDirectory(at: directory)
    } catch {
      throw CheckpointError(.directoryUnusable(error.description), path: directory.path)
    }
  }

  /// The file that holds (or will hold) the checkpoint of `step`.
  ///
  /// - Parameter step: the training step.
  /// - Returns: `directory/ckpt-<step>.safetensors`.
  public func url(forStep step: Int) -> URL {
    directory.appendingPathComponent("\(Self.prefix)\(step)\(Self.suffix)")
  }

  /// Saves the checkpoint as the one of `step`, then deletes the oldest checkpoints beyond
  /// ``maxToKeep``.
  ///
  /// - Parameters:
  ///   - step: the training step, which names the file; saving a step again replaces its file.
  ///   - metadata: strings to keep in the file's `__metadata__` map (none by default).
  /// - Returns: the file written.
  /// - Throws: ``SafetensorsError`` when the file cannot be written (the older checkpoints are
  ///   then all kept); ``CheckpointError`` when old checkpoints cannot be listed or deleted
  ///   (the new one is saved by then).
  /// - Precondition: `step` is not negative.
  @discardableResult
  public func save(step: Int, metadata: [String: String] = [:]) throws -> URL {
    guard step >= 0 else { fatalError("CheckpointManager: step \(step) is negative") }
    let url = url(forStep: step)
    try checkpoint.save(to: url, metadata: metadata)
    guard let maxToKeep else { return url }
    for old in try checkpoints().dropLast(maxToKeep) {
      do {
        try FileManager.default.removeItem(at: old.url)
      } catch {
        throw CheckpointError(.directoryUnusable(error.localizedDescription), path: old.url.path)
      }
    }
    return url
  }

  /// The checkpoint files in the directory, oldest step first.
  ///
  /// - Returns: each file's step and location.
  /// - Throws: ``CheckpointError`` when the directory cannot be listed.
  public func checkpoints() throws -> [(step: Int, url: URL)] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
    } catch {
      throw CheckpointError(.directoryUnusable(error.localizedDescription), path: directory.path)
    }
    return names.compactMap { name -> (step: Int, url: URL)? in
      guard name.hasPrefix(Self.prefix), name.hasSuffix(Self.suffix) else { return nil }
      let digits = name.dropFirst(Self.prefix.count).dropLast(Self.suffix.count)
      // Only the names save(step:) writes: "ckpt-7.safetensors", not "ckpt-007.safetensors".
      guard let step = Int(digits), step >= 0, String(step) == digits else { return nil }
      return (step, url(forStep: step))
    }
    .sorted { $0.step < $1.step }
  }

  /// The checkpoint file of the highest step, or `nil` when there is none.
  ///
  /// - Throws: ``CheckpointError`` when the directory cannot be listed.
  public func latestCheckpoint() throws -> URL? {
    try checkpoints().last?.url
  }

  /// Restores the checkpoint of the highest step, if there is one.
  ///
  /// - Returns: the step restored, or `nil` when the directory holds no checkpoint (the
  ///   variables are then left as they are, for a fresh start).
  /// - Throws: ``CheckpointError`` when the directory cannot be listed or the checkpoint does
  ///   not fit the variables; ``SafetensorsError`` when its file is damaged. No variable has
  ///   changed then.
  @discardableResult
  public func restoreLatest() throws -> Int? {
    guard let latest = try checkpoints().last else { return nil }
    try checkpoint.restore(from: latest.url)
    return latest.step
  }
}
