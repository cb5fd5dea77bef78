// rill-bench-mpi: MPIStrategy's all-reduce (sum) of float32 tensors of 1 to 64 MB between the
// processes mpirun starts — eagerly, and inside a compiled Function — timed on rank 0 as the
// median of 7 runs of back-to-back calls after a warm-up, in the same way as
// Benchmarks/mpi/allreduce.c times plain MPI_Allreduce. `Benchmarks/mpi/run` runs both.
//
//   mpirun -np 2 Benchmarks/.build/release/rill-bench-mpi
import Foundation
import Rill
import RillDistributed

/// One figure as rill-bench prints it.
struct Figure: Encodable {
  var best: Double
  var name: String
  var unit: String
  var value: Double
}

/// The median and best seconds per call of `body` over 7 runs of `calls` calls, each run
/// started together on every process.
func secondsPerCall(_ strategy: MPIStrategy, calls: Int, _ body: () throws -> Void) throws
  -> (median: Double, best: Double)
{
  try body()
  var times: [Double] = []
  for _ in 0..<7 {
    _ = try strategy.sum([0])
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<calls { try body() }
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(calls))
  }
  times.sort()
  return (times[3], times[0])
}

/// Prints a GB/s figure on the chief.
func emit(
  _ strategy: MPIStrategy, _ name: String, bytes: Double, _ seconds: (median: Double, best: Double)
) {
  guard strategy.isChief else { return }
  let figure = Figure(
    best: bytes / seconds.best / 1e9, name: name, unit: "GB/s", value: bytes / seconds.median / 1e9)
  let encoder = JSONEncoder()
  encoder.outputFormatting = .sortedKeys
  print(String(decoding: (try? encoder.encode(figure)) ?? Data(), as: UTF8.self))
  fflush(stdout)
}

let strategy = try MPIStrategy()
let compiled = Function { (x: Tensor) -> Tensor in
  strategy.allReduce([x], operation: .sum)[0] ?? x
}
var megabytes = 1
while megabytes <= 64 {
  let count = megabytes * 1024 * 1024 / 4
  let input = Tensor.range(0, count).cast(to: .float32) * 0.001
  let calls = megabytes <= 8 ? 8 : 3
  let bytes = Double(count * 4)
  let eager = try secondsPerCall(strategy, calls: calls) {
    _ = strategy.allReduce([input], operation: .sum)
    try strategy.checkFailure()
  }
  emit(strategy, "allreduce.f32.\(megabytes)MB", bytes: bytes, eager)
  let traced = try secondsPerCall(strategy, calls: calls) {
    _ = compiled(input)
    try strategy.checkFailure()
  }
  emit(strategy, "allreduce_compiled.f32.\(megabytes)MB", bytes: bytes, traced)
  megabytes *= 2
}
