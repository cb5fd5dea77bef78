/// Why a durable write (``DurableFile``) failed: the step that failed, the path it was applied
/// to, and the system's reason.
///
/// ```swift
/// do {
///   try DurableFile.write(Data("hello".utf8), to: URL(fileURLWithPath: "/proc/hello.txt"))
/// } catch {
///   print(error)   // cannot create /proc/.hello.txt.….tmp: No such file or directory
/// }
/// ```
public struct DurableFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The step of a durable write that failed.
  public enum Step: String, Hashable, Sendable {
    /// Creating the temporary file beside the destination.
    case create
    /// Writing the contents to the temporary file.
    case write
    /// Flushing the temporary file to the disk with `fsync`.
    case flush
    /// Closing the temporary file.
    case close
    /// Renaming the temporary file over the destination.
    case rename
    /// Creating a directory.
    case createDirectory = "create directory"
    /// Flushing a directory's entries to the disk with `fsync`.
    case flushDirectory = "flush directory"
  }

  /// The step that failed.
  public var step: Step
  /// The file or directory the step was applied to.
  public var path: String
  /// The `errno` value, or 0 when the failure is not a system call's.
  public var code: Int32
  /// The system's reason, as `strerror` words it.
  public var reason: String

  /// Creates an error for `step` on `path`.
  ///
  /// - Parameters:
  ///   - step: the step that failed.
  ///   - path: the file or directory it was applied to.
  ///   - code: the `errno` value, or 0.
  ///   - reason: why it failed.
  public init(_ step: Step, path: String, code: Int32, reason: String) {
    self.step = step
    self.path = path
    self.code = code
    self.reason = reason
  }

  /// A sentence naming the step, the path and the reason.
  public var description: String {
    "cannot \(step.rawValue) \(path): \(reason)"
  }
}
