/// Why a ``SummaryWriter`` could not create or write its event file.
///
/// ```swift
/// do {
///   let writer = try SummaryWriter(logdir: "/proc/logs")
/// } catch {
///   print(error)   // cannot create log directory /proc/logs: …
/// }
/// ```
public enum SummaryWriterError: Error, Equatable, CustomStringConvertible {
  /// The log directory does not exist and could not be created (or is a file).
  case cannotCreateLogdir(path: String, reason: String)
  /// The event file could not be created in the log directory.
  case cannotCreateFile(path: String, reason: String)
  /// Writing or syncing the event file failed, for example because the disk is full. The file
  /// still ends with a whole record: a partly written record is cut off again.
  case cannotWrite(path: String, reason: String)
  /// An event (the text says which) would be larger than the 2 GiB that a protobuf message may
  /// hold, so it was not written.
  case tooLarge(String)

  /// A sentence that says what failed and where.
  public var description: String {
    switch self {
    case .cannotCreateLogdir(let path, let reason):
      return "cannot create log directory \(path): \(reason)"
    case .cannotCreateFile(let path, let reason):
      return "cannot create event file \(path): \(reason)"
    case .cannotWrite(let path, let reason):
      return "cannot write event file \(path): \(reason)"
    case .tooLarge(let what):
      return "cannot write \(what): it is larger than the 2 GiB a protobuf message may hold"
    }
  }
}
