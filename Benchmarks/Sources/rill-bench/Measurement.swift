import Foundation

/// One benchmark figure, printed as a JSON line.
struct Figure: Encodable {
  /// The workload and shape, for example `gemm.f32.2048`.
  var name: String
  /// What `value` counts, for example `GFLOP/s`.
  var unit: String
  /// The median over repetitions.
  var value: Double
  /// The best repetition.
  var best: Double
}

/// Seconds per call of `body`: warm up, then the median and the minimum of `repetitions` runs,
/// each timing enough back-to-back calls to last at least `minimumRun` seconds.
func secondsPerCall(
  repetitions: Int = 7, minimumRun: Double = 0.05, _ body: () -> Void
) -> (median: Double, best: Double) {
  body()
  var start = DispatchTime.now().uptimeNanoseconds
  body()
  body()
  let estimate = Double(DispatchTime.now().uptimeNanoseconds - start) / 2e9
  let calls = max(1, Int(minimumRun / max(estimate, 1e-9)))
  var times: [Double] = []
  for _ in 0..<repetitions {
    start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<calls { body() }
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(calls))
  }
  times.sort()
  return (times[times.count / 2], times[0])
}

/// A figure whose value is `amount / seconds` (a rate such as GFLOP/s or GB/s).
func rate(_ name: String, unit: String, amount: Double, _ body: () -> Void) -> Figure {
  let (median, best) = secondsPerCall(body)
  return Figure(name: name, unit: unit, value: amount / median, best: amount / best)
}

/// A figure of `images / seconds` for a long `pass` (an inference pass over a test set): one
/// warm-up pass, then the median and the best of `passes` timed ones.
func passRate(_ name: String, images: Double, passes: Int = 3, _ pass: () -> Void) -> Figure {
  pass()
  var times: [Double] = []
  for _ in 0..<passes {
    let start = DispatchTime.now().uptimeNanoseconds
    pass()
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
  }
  times.sort()
  return Figure(
    name: name, unit: "images/s", value: images / times[times.count / 2], best: images / times[0])
}

/// Prints a figure as one JSON line.
func emit(_ figure: Figure) {
  let encoder = JSONEncoder()
  encoder.outputFormatting = .sortedKeys
  let data = (try? encoder.encode(figure)) ?? Data()
  print(String(decoding: data, as: UTF8.self))
  fflush(stdout)
}

/// The value of `body`, or a stop naming the error: a workload whose set-up or training throws
/// has no figure to give.
@discardableResult
func orStop<T>(_ body: () throws -> T) -> T {
  do {
    return try body()
  } catch {
    fatalError("rill-bench: \(error)")
  }
}
