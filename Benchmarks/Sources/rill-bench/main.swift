// rill-bench: Rill's side of the benchmark workloads. Each figure is printed as one JSON line;
// `Benchmarks/run` runs the same workloads on the reference frameworks and prints the ratios.
//
//   swift run -c release rill-bench kernels
import Foundation

let workloads: [String: () -> Void] = [
  "kernels": kernelBenchmarks,
  "eager": eagerBenchmarks,
  "conv": convBenchmarks,
  "graph": graphBenchmarks,
  "data": dataBenchmarks,
  "mlp": mlpBenchmarks,
  "cnn": tutorialCNNBenchmarks,
  "devices": deviceBenchmarks,
]

let requested = Array(CommandLine.arguments.dropFirst())
guard !requested.isEmpty, requested.allSatisfy({ workloads[$0] != nil }) else {
  print("usage: rill-bench \(workloads.keys.sorted().joined(separator: "|")) …")
  exit(2)
}
for name in requested { workloads[name]?() }
