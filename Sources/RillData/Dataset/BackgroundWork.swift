import Foundation

/// The background threads that serve one iterator (of ``Dataset/prefetch(_:)`` or a parallel
/// ``Dataset/map(parallelCalls:_:)``), owned by that iterator.
///
/// The iterator holds the only reference. When it goes away, `deinit` calls `cancel` (which
/// must make the threads' bodies return soon) and waits until every thread has returned, so no
/// pipeline work outlives the iteration that asked for it. The threads themselves never hold a
/// reference to this object.
final class BackgroundWork: @unchecked Sendable {
  private let group = DispatchGroup()
  private let cancel: @Sendable () -> Void
  private let name: String
  /// Touched only by the thread that iterates.
  private var started = false

  /// Creates the owner of threads that `cancel` stops.
  init(name: String, cancel: @escaping @Sendable () -> Void) {
    self.name = name
    self.cancel = cancel
  }

  /// Starts `count` threads running `body(worker)` for worker in 0..<count, the first time
  /// it is called; later calls do nothing.
  func startIfNeeded(threads count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    guard !started else { return }
    started = true
    for worker in 0..<count {
      group.enter()
      let thread = Thread { [group] in
        body(worker)
        group.leave()
      }
      thread.name = "\(name).\(worker)"
      thread.stackSize = 8 << 20  // room for deep user closures, as a main thread has
      thread.start()
    }
  }

  deinit {
    cancel()
    group.wait()
  }
}
