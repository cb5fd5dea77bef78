// swift-tools-version:6.0
// Rill's benchmarks: a release-mode executable, kept out of the library package so the library
// never depends on it. Run `Benchmarks/run kernels` from the repository root.
import PackageDescription

let package = Package(
  name: "RillBenchmarks",
  dependencies: [.package(name: "Rill", path: "..")],
  targets: [
    .executableTarget(
      name: "rill-bench",
      dependencies: [
        .product(name: "Rill", package: "Rill"), .product(name: "RillVulkan", package: "Rill"),
      ]),
    // Run under mpirun by `Benchmarks/mpi/run`.
    .executableTarget(
      name: "rill-bench-mpi",
      dependencies: [
        .product(name: "Rill", package: "Rill"),
        .product(name: "RillDistributed", package: "Rill"),
      ]),
  ],
  swiftLanguageModes: [.v5]
)
