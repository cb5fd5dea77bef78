import Foundation
import Rill

/// The object behind a `RillLogs*`: named values, sorted by name, with C copies of the names.
final class LogsBox {
  let names: [UnsafeMutablePointer<CChar>?]
  let values: [Double]
  private let index: [String: Double]

  init(_ logs: Logs) {
    let sorted = logs.sorted { $0.key < $1.key }
    names = sorted.map { strdup($0.key) }
    values = sorted.map(\.value)
    index = logs
  }

  deinit {
    for name in names { free(name) }
  }

  /// The value named `name`, if any.
  func value(named name: String) -> Double? { index[name] }
}

/// Frees logs; see `rill.h`.
///
/// - Parameter logs: a logs handle, or NULL.
@_cdecl("rill_logs_delete")
public func rill_logs_delete(_ logs: OpaquePointer?) {
  Handles.remove(logs, as: LogsBox.self)
}

/// The number of entries of logs; see `rill.h`.
///
/// - Parameter logs: a logs handle.
/// - Returns: the count, or -1.
@_cdecl("rill_logs_count")
public func rill_logs_count(_ logs: OpaquePointer?) -> Int32 {
  Handles.object(logs, as: LogsBox.self).map { Int32($0.values.count) } ?? -1
}

/// The name of one entry; see `rill.h`.
///
/// - Parameters:
///   - logs: a logs handle.
///   - index: 0 ≤ index < count.
/// - Returns: the name, owned by the logs, or NULL.
@_cdecl("rill_logs_name")
public func rill_logs_name(_ logs: OpaquePointer?, _ index: Int32) -> UnsafePointer<CChar>? {
  guard let box = Handles.object(logs, as: LogsBox.self), index >= 0,
    Int(index) < box.names.count
  else { return nil }
  return box.names[Int(index)].map { UnsafePointer($0) }
}

/// The value of one entry; see `rill.h`.
///
/// - Parameters:
///   - logs: a logs handle.
///   - index: 0 ≤ index < count.
/// - Returns: the value, or NaN.
@_cdecl("rill_logs_value")
public func rill_logs_value(_ logs: OpaquePointer?, _ index: Int32) -> Double {
  guard let box = Handles.object(logs, as: LogsBox.self), index >= 0,
    Int(index) < box.values.count
  else { return .nan }
  return box.values[Int(index)]
}

/// The value of a named entry; see `rill.h`.
///
/// - Parameters:
///   - logs: a logs handle.
///   - name: the entry's name.
/// - Returns: the value, or NaN when there is none.
@_cdecl("rill_logs_get")
public func rill_logs_get(_ logs: OpaquePointer?, _ name: UnsafePointer<CChar>?) -> Double {
  guard let box = Handles.object(logs, as: LogsBox.self), let name else { return .nan }
  return box.value(named: String(cString: name)) ?? .nan
}
