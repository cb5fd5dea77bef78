import Foundation

/// The worker threads and the reorder buffer of a parallel ``Dataset/map(parallelCalls:_:)``.
///
/// Workers take turns reading the upstream (under `inputLock`), numbering each input in the
/// order it was read, transform their inputs concurrently, and file each output under its
/// number. The consumer takes outputs strictly by number, so the order is the input order
/// whatever the number of threads or their timing. At most `limit` inputs are in flight (read but
/// not yet consumed), which bounds memory when the consumer is slow.
final class ParallelMapBuffer<Input, Output>: @unchecked Sendable {
  private let transform: @Sendable (Input) -> Output
  private let limit: Int
  /// Serializes reading the upstream; the last worker to stop releases it.
  private let inputLock = NSLock()
  private var upstream: DatasetIterator<Input>?
  private var runningWorkers: Int
  // The rest is guarded by `condition`.
  private let condition = NSCondition()
  private var results: [Int: Output] = [:]
  private var issued = 0
  private var delivered = 0
  private var inputCount: Int?
  private var cancelled = false

  /// Creates the buffer for `workers` threads with at most `limit` inputs in flight.
  init(
    upstream: DatasetIterator<Input>, workers: Int, limit: Int,
    transform: @escaping @Sendable (Input) -> Output
  ) {
    self.upstream = upstream
    self.runningWorkers = workers
    self.limit = limit
    self.transform = transform
  }

  /// One worker's loop: runs on a background thread until the upstream ends or the buffer is
  /// cancelled.
  func work() {
    while let (index, input) = nextInput() {
      let output = transform(input)
      condition.lock()
      if !cancelled { results[index] = output }
      condition.broadcast()
      condition.unlock()
    }
  }

  /// The next input and its number, waiting while `limit` inputs are in flight; `nil` when the
  /// worker should stop.
  private func nextInput() -> (Int, Input)? {
    inputLock.lock()
    defer { inputLock.unlock() }
    condition.lock()
    while !cancelled && inputCount == nil && issued - delivered >= limit { condition.wait() }
    let stop = cancelled || inputCount != nil
    condition.unlock()
    guard !stop, let input = upstream?.next() else {
      condition.lock()
      if inputCount == nil { inputCount = issued }
      condition.broadcast()
      condition.unlock()
      runningWorkers -= 1
      if runningWorkers == 0 { upstream = nil }
      return nil
    }
    condition.lock()
    defer { condition.unlock() }
    issued += 1
    return (issued - 1, input)
  }

  /// The output of the next input in order, waiting for the workers if need be; `nil` at the
  /// end.
  func next() -> Output? {
    condition.lock()
    defer { condition.unlock() }
    while results[delivered] == nil && !isExhausted { condition.wait() }
    guard let output = results.removeValue(forKey: delivered) else { return nil }
    delivered += 1
    condition.broadcast()
    return output
  }

  /// Whether every input has been read and delivered (call with the lock held).
  private var isExhausted: Bool {
    guard let inputCount else { return cancelled }
    return delivered >= inputCount
  }

  /// Makes the workers stop after the element each is working on, and drops finished outputs.
  func cancel() {
    condition.lock()
    cancelled = true
    results.removeAll()
    condition.broadcast()
    condition.unlock()
  }
}
