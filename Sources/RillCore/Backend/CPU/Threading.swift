import Dispatch
import Foundation

/// How many threads Rill's CPU kernels use.
///
/// Results never depend on this setting: kernels split work into chunks of a fixed size and
/// combine partial results in a fixed order, so a computation gives bit-identical results with
/// one thread or many.
///
/// ```swift
/// Threading.threadCount = 1   // run every kernel on the calling thread
/// ```
public enum Threading {
  private static let state = ThreadCountState()

  /// The most threads a kernel runs on; at least 1.
  ///
  /// Defaults to the number of active processors.
  public static var threadCount: Int {
    get { state.value }
    set { state.value = Swift.max(1, newValue) }
  }
}

private final class ThreadCountState: @unchecked Sendable {
  private let lock = Lock()
  private var count = ProcessInfo.processInfo.activeProcessorCount

  var value: Int {
    get { lock.withLock { count } }
    set { lock.withLock { count = newValue } }
  }
}

/// Runs `body(worker)` for each worker in 0..<count, concurrently when count > 1, and returns
/// when all have finished.
@inline(__always)
func parallelFor(_ count: Int, _ body: (Int) -> Void) {
  if count <= 1 {
    if count == 1 { body(0) }
    return
  }
  DispatchQueue.concurrentPerform(iterations: count, execute: body)
}

/// The worker's share of `total` units: a contiguous range, so that neighbouring units (and
/// their memory) go to the same thread.
@inline(__always)
func share(of total: Int, worker: Int, workers: Int) -> Range<Int> {
  (worker * total / workers)..<((worker + 1) * total / workers)
}
