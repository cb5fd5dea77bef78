import Foundation

@testable import RillData

/// Watches a generator-backed dataset from the inside.
///
/// It counts the elements produced and the iterators alive, to prove that background work
/// stops when an iteration ends early.
final class Probe: @unchecked Sendable {
  private let lock = NSLock()
  private var producedCount = 0
  private var liveIteratorCount = 0
  private var iteratorCount = 0

  /// Elements handed out so far, over all iterations.
  var produced: Int { lock.withLock { producedCount } }
  /// Iterators created and not yet released.
  var liveIterators: Int { lock.withLock { liveIteratorCount } }
  /// Iterators created so far.
  var iterators: Int { lock.withLock { iteratorCount } }

  /// A dataset of 0, 1, 2, … (`limit` elements, or forever), sleeping `delay` seconds before
  /// each element.
  func dataset(limit: Int? = nil, delay: Double = 0) -> Dataset<Int> {
    Dataset(cardinality: limit.map { .finite($0) } ?? .infinite) {
      ProbeIterator(probe: self, limit: limit, delay: delay)
    }
  }

  fileprivate func iteratorStarted() {
    lock.withLock {
      liveIteratorCount += 1
      iteratorCount += 1
    }
  }

  fileprivate func iteratorEnded() { lock.withLock { liveIteratorCount -= 1 } }
  fileprivate func elementProduced() { lock.withLock { producedCount += 1 } }
}

/// The iterator of a probe's dataset; a class, so that its release is observable.
final class ProbeIterator: IteratorProtocol {
  private let probe: Probe
  private let limit: Int?
  private let delay: Double
  private var position = 0

  fileprivate init(probe: Probe, limit: Int?, delay: Double) {
    self.probe = probe
    self.limit = limit
    self.delay = delay
    probe.iteratorStarted()
  }

  deinit { probe.iteratorEnded() }

  func next() -> Int? {
    if let limit, position >= limit { return nil }
    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
    probe.elementProduced()
    position += 1
    return position - 1
  }
}

extension Sequence {
  /// The elements as an array (for datasets, one full iteration).
  var elements: [Element] { Array(self) }
}

/// The number of threads in this process, from /proc (Linux).
func processThreadCount() -> Int? {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
    return nil
  }
  let line = status.split(separator: "\n").first { $0.hasPrefix("Threads:") }
  return line.flatMap { Int($0.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) }
}
