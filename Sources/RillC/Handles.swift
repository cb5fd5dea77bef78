import Foundation

/// The objects C callers hold, by the opaque handle they were given.
///
/// Every handle Rill gives to C is registered here until the caller deletes it, so that each
/// entry point can tell a live handle of the right kind from NULL, a deleted handle or a pointer
/// Rill never made, and report it instead of following it. Handles are numbers, never reused
/// (not addresses, which a new object could take over after a delete), and C never dereferences
/// them. The registry owns the objects.
enum Handles {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var live: [UInt: AnyObject] = [:]
  /// The next handle: multiples of 16 from 2³², so that they look like no small integer.
  nonisolated(unsafe) private static var next: UInt = 1 << 32

  /// Registers `object` and returns the handle C holds for it.
  static func register(_ object: AnyObject) -> OpaquePointer {
    let handle: UInt = lock.withLock {
      let handle = next
      next += 16
      live[handle] = object
      return handle
    }
    // The bit pattern is never zero, so the pointer is never NULL.
    return OpaquePointer(bitPattern: handle).unsafelyUnwrapped
  }

  /// The live object of type `T` behind `handle`, or `nil` for NULL, a dead handle or one of
  /// another kind.
  static func object<T: AnyObject>(_ handle: OpaquePointer?, as type: T.Type) -> T? {
    guard let handle else { return nil }
    let key = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))
    return lock.withLock { live[key] as? T }
  }

  /// Forgets the live object of type `T` behind `handle`; nothing happens for any other pointer.
  static func remove<T: AnyObject>(_ handle: OpaquePointer?, as type: T.Type) {
    guard let handle else { return }
    let key = UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(handle)))
    let removed: AnyObject? = lock.withLock {
      guard live[key] is T else { return nil }
      return live.removeValue(forKey: key)
    }
    // Released outside the lock: a model's deinit may release tensors.
    _ = removed
  }

  /// The number of live handles.
  static var count: Int { lock.withLock { live.count } }
}

/// The number of live handles of every kind; see `rill.h`.
///
/// - Returns: the count; 0 once a program has deleted everything it made.
@_cdecl("rill_live_handle_count")
public func rill_live_handle_count() -> Int64 {
  Int64(Handles.count)
}
