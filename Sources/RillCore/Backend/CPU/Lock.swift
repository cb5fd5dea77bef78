import Foundation

/// A mutual-exclusion lock for short critical sections.
final class Lock: @unchecked Sendable {
  private let mutex = NSLock()

  /// Runs `body` while holding the lock.
  @inline(__always)
  func withLock<T>(_ body: () throws -> T) rethrows -> T {
    mutex.lock()
    defer { mutex.unlock() }
    return try body()
  }
}
