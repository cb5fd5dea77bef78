import Foundation
import Rill

/// The codes of `RillCode` in `rill.h`.
enum StatusCode: Int32 {
  case ok = 0
  case invalidArgument = 1
  case notFound = 2
  case failedPrecondition = 3
  case io = 4
  case resourceExhausted = 5
  case `internal` = 6
}

/// An error reported to a C caller: a code and a message naming what was wrong.
struct CallError: Error {
  /// The status code.
  var code: StatusCode
  /// The explanation.
  var message: String

  /// Creates an error.
  init(_ code: StatusCode, _ message: String) {
    self.code = code
    self.message = message
  }

  /// An invalid-argument error.
  static func invalid(_ message: String) -> CallError { CallError(.invalidArgument, message) }
}

/// The object behind a `RillStatus*`: the outcome of the last call it was given.
final class StatusBox {
  private(set) var code = StatusCode.ok
  /// The message as a C string, owned by the box.
  private(set) var message: UnsafeMutablePointer<CChar>

  init() {
    message = strdup("")
  }

  deinit {
    free(message)
  }

  /// Records an outcome.
  func set(_ code: StatusCode, _ text: String) {
    free(message)
    self.code = code
    message = strdup(text)
  }
}

/// Runs `body` for a C entry point and records the outcome in `status`.
///
/// Returns the body's result on success, or `failure` with the error written to `status` (when
/// it is a live status). Errors Rill throws become status codes by kind.
func withStatus<T>(_ status: OpaquePointer?, failure: T, _ body: () throws -> T) -> T {
  let box = Handles.object(status, as: StatusBox.self)
  do {
    let result = try body()
    box?.set(.ok, "")
    return result
  } catch let error as CallError {
    box?.set(error.code, error.message)
  } catch {
    box?.set(statusCode(of: error), String(describing: error))
  }
  return failure
}

/// The status code for an error thrown by Rill's Swift API.
private func statusCode(of error: any Error) -> StatusCode {
  switch error {
  case is ModelFileError, is SafetensorsError, is CheckpointError, is CocoaError: return .io
  case is TrainingError: return .invalidArgument
  default: return .internal
  }
}

/// A new status; see `rill.h`.
///
/// - Returns: a status handle to free with `rill_status_delete`.
@_cdecl("rill_status_new")
public func rill_status_new() -> OpaquePointer? {
  Handles.register(StatusBox())
}

/// Frees a status; see `rill.h`.
///
/// - Parameter status: a status handle, or NULL.
@_cdecl("rill_status_delete")
public func rill_status_delete(_ status: OpaquePointer?) {
  Handles.remove(status, as: StatusBox.self)
}

/// The code of the last call given a status; see `rill.h`.
///
/// - Parameter status: a status handle.
/// - Returns: the code, or `RILL_INVALID_ARGUMENT` for a dead handle.
@_cdecl("rill_status_code")
public func rill_status_code(_ status: OpaquePointer?) -> Int32 {
  (Handles.object(status, as: StatusBox.self)?.code ?? .invalidArgument).rawValue
}

/// The message of the last call given a status; see `rill.h`.
///
/// - Parameter status: a status handle.
/// - Returns: the message, owned by the status, or a static message for a dead handle.
@_cdecl("rill_status_message")
public func rill_status_message(_ status: OpaquePointer?) -> UnsafePointer<CChar>? {
  guard let box = Handles.object(status, as: StatusBox.self) else {
    return StaticStrings.deadStatus
  }
  return UnsafePointer(box.message)
}

/// C strings that live as long as the program.
enum StaticStrings {
  /// The message of a status that is not live.
  static let deadStatus = UnsafePointer(strdup("not a live RillStatus"))
  /// The library's version.
  static let version = UnsafePointer(strdup(RillVersion.string))
  /// The dtype names, by `RillDType` value, then "invalid".
  static let dtypeNames: [UnsafePointer<CChar>?] =
    CDType.allCases.map { UnsafePointer(strdup($0.dtype.rawValue)) } + [
      UnsafePointer(strdup("invalid"))
    ]
}

/// The library's version.
enum RillVersion {
  /// "MAJOR.MINOR.PATCH", matching `RILL_VERSION_*` in `rill.h`.
  static let string = "0.1.0"
}

/// The library's version; see `rill.h`.
///
/// - Returns: "MAJOR.MINOR.PATCH", a static string.
@_cdecl("rill_version")
public func rill_version() -> UnsafePointer<CChar>? {
  StaticStrings.version
}
