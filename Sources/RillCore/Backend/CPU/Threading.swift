import CRillKernels
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
///
/// The workers are Rill's team of threads (`rill_workers_run`), which spin briefly between
/// kernels, so that work of a hundred microseconds really runs on two cores; when the team is
/// busy (a call from another thread or from inside a worker), Dispatch runs the work.
@inline(__always)
func parallelFor(_ count: Int, _ body: (Int) -> Void) {
  if count <= 1 {
    if count == 1 { body(0) }
    return
  }
  let ran = withoutActuallyEscaping(body) { body in
    withUnsafePointer(to: body) { pointer in
      rill_workers_run(count, runWorker, UnsafeMutableRawPointer(mutating: pointer))
    }
  }
  if ran == 0 { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
}

/// Calls the `(Int) -> Void` closure that `context` points to for one worker.
private func runWorker(_ context: UnsafeMutableRawPointer?, _ worker: Int) {
  context?.assumingMemoryBound(to: ((Int) -> Void).self).pointee(worker)
}

/// The worker's share of `total` units: a contiguous range, so that neighbouring units (and
/// their memory) go to the same thread.
@inline(__always)
func share(of total: Int, worker: Int, workers: Int) -> Range<Int> {
  (worker * total / workers)..<((worker + 1) * total / workers)
}
