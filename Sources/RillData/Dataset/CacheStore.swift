import Foundation

/// The elements of the first complete iteration of a cached dataset, shared by every later
/// iteration.
final class CacheStore<Element>: @unchecked Sendable {
  private let lock = NSLock()
  private var elements: [Element]?

  /// The cached elements, or `nil` until an iteration has run to the end.
  var completed: [Element]? {
    lock.lock()
    defer { lock.unlock() }
    return elements
  }

  /// Keeps the elements of a complete iteration, unless another one finished first.
  func store(_ complete: [Element]) {
    lock.lock()
    defer { lock.unlock() }
    if elements == nil { elements = complete }
  }
}
