import Foundation
import RillCore

/// Writes TensorBoard event files: scalars, images, histograms, text and graphs, tagged and
/// stepped, for `tensorboard --logdir`.
///
/// A writer creates the log directory if needed and one new file in it named
/// `events.out.tfevents.<seconds since 1970>.<host name>` (with `.1`, `.2`, … appended if two
/// writers start in the same second). The file holds TFRecord records, each a serialized
/// `tensorflow.Event`; the first says `file_version: "brain.Event:2"`.
///
/// ```swift
/// let writer = try SummaryWriter(logdir: "logs/mnist")
/// for step in 0..<1000 {
///   // … train …
///   writer.scalar("loss", loss, step: step)
///   if step % 100 == 0 {
///     writer.histogram("weights", W, step: step)
///     writer.images("weights", W.transposed().reshaped(to: [10, 28, 28, 1]), step: step,
///                   maxOutputs: 10, scaling: .perImage)
///   }
/// }
/// try writer.close()
/// ```
///
/// **Durability.** Every event is encoded and framed in memory and then written to the file
/// with one write call as soon as it is logged, so the operating system has it at once: a
/// program that traps or is killed afterwards loses nothing, and TensorBoard sees new values
/// while training runs. The file is only ever extended by whole records (a failed write is cut
/// off again). The log directory is flushed once the new file is in it, so that the file itself
/// survives a power cut. ``flush()`` forces the data to disk with `fsync`; the writer also does
/// so when `flushInterval` seconds have passed since the last sync, and in ``close()``.
///
/// **Errors.** Logging methods do not throw, so that they fit in a training loop. If writing
/// fails (a full disk, say), the writer keeps the first error and ``flush()`` or ``close()``
/// throws it.
///
/// A writer may be used from several threads; events are written in the order the calls
/// take the writer's lock.
public final class SummaryWriter: @unchecked Sendable {
  /// The log directory.
  public let logdir: String
  /// How many seconds may pass between syncs of the file to disk.
  public let flushInterval: Double
  /// The event file being written.
  private let file: EventFile
  /// Serializes writes from several threads.
  private let lock = NSLock()
  /// When the file was last synced, in seconds since 1970.
  private var lastSync: Double
  /// The first write error not yet reported by `flush()` or `close()`.
  private var deferredError: SummaryWriterError?
  /// Whether `close()` has been called.
  private var isClosed = false

  /// The path of the event file.
  public var path: String { file.path }

  /// Creates the log directory if needed and starts a new event file in it.
  ///
  /// - Parameters:
  ///   - logdir: The directory that TensorBoard is pointed at (created with its parents).
  ///   - flushInterval: The longest time in seconds between syncs to disk (TensorFlow's
  ///     `flush_millis` is 2 minutes too).
  ///   - filenameSuffix: Text appended to the file name, as in TensorFlow.
  /// - Throws: ``SummaryWriterError/cannotCreateLogdir(path:reason:)`` when the directory
  ///   cannot be made, ``SummaryWriterError/cannotCreateFile(path:reason:)`` or
  ///   ``SummaryWriterError/cannotWrite(path:reason:)`` when the file cannot be started.
  public init(
    logdir: String, flushInterval: Double = 120, filenameSuffix: String = ""
  ) throws(SummaryWriterError) {
    do {
      try DurableFile.createDirectory(at: URL(fileURLWithPath: logdir))
    } catch {
      throw .cannotCreateLogdir(path: logdir, reason: error.reason)
    }
    let now = Date().timeIntervalSince1970
    let name = "events.out.tfevents.\(Int(now)).\(POSIX.hostName)\(filenameSuffix)"
    self.logdir = logdir
    self.flushInterval = flushInterval
    let version = Event(wallTime: now, step: 0, content: .fileVersion("brain.Event:2"))
    self.file = try EventFile(
      directory: logdir, baseName: name, firstRecord: try version.encoded())
    self.lastSync = now
    // The new file's name must survive a power cut too, not only its records.
    do {
      try DurableFile.synchronizeDirectory(atPath: logdir)
    } catch {
      throw .cannotCreateFile(path: file.path, reason: error.description)
    }
  }

  deinit {
    try? close()
  }

  /// Forces everything logged so far to disk.
  ///
  /// - Throws: ``SummaryWriterError/cannotWrite(path:reason:)`` if syncing fails, or the
  ///   first error from an earlier write that has not been reported yet.
  public func flush() throws(SummaryWriterError) {
    lock.lock()
    defer { lock.unlock() }
    let earlier = deferredError
    deferredError = nil
    do throws(SummaryWriterError) {
      try file.synchronize()
    } catch {
      throw earlier ?? error
    }
    lastSync = Date().timeIntervalSince1970
    if let earlier { throw earlier }
  }

  /// Syncs the file to disk and closes it.
  ///
  /// Calling `close()` again does nothing; logging after `close()` traps.
  ///
  /// - Throws: ``SummaryWriterError/cannotWrite(path:reason:)`` if syncing or closing fails,
  ///   or the first error from an earlier write that has not been reported yet.
  public func close() throws(SummaryWriterError) {
    lock.lock()
    defer { lock.unlock() }
    guard !isClosed else { return }
    isClosed = true
    let earlier = deferredError
    deferredError = nil
    try file.close()
    if let earlier { throw earlier }
  }

  /// Writes one event with the current time; a failure is kept for `flush()` or `close()`.
  ///
  /// - Precondition: the writer is open.
  func write(_ content: Event.Content, step: Int, caller: String = #function) {
    let now = Date().timeIntervalSince1970
    let payload = Result { () throws(SummaryWriterError) in
      try Event(wallTime: now, step: Int64(step), content: content).encoded()
    }
    lock.lock()
    defer { lock.unlock() }
    require(!isClosed, "SummaryWriter.\(caller): the writer for \(logdir) is closed")
    do {
      try file.append(record: payload.get())
      if now - lastSync >= flushInterval {
        lastSync = now
        try file.synchronize()
      }
    } catch {
      if deferredError == nil { deferredError = error }
    }
  }
}
