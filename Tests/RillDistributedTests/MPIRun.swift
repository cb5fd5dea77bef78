import Foundation

/// What a run of the scenario program under `mpirun` (or alone) did.
struct ScenarioRun {
  let status: Int32
  let output: String
  /// Whether the run was still going at its limit and was killed for it.
  let timedOut: Bool
}

/// Why a scenario could not be run.
enum ScenarioError: Error {
  case notBuilt([String])
  case noMPIRun
}

/// Runs `DistributedScenarios` (or the program `name`, built next to this test bundle) with
/// `arguments`.
///
/// It runs under `mpirun -np processes` on this machine, or alone when `processes` is nil. The
/// run is killed after `limit` seconds, so that a hang fails the test instead of blocking the
/// suite.
func runScenario(
  processes: Int?, _ arguments: [String], program name: String = "DistributedScenarios",
  limit: Double = 180
) throws -> ScenarioRun {
  let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let candidates = [
    buildFolder, buildFolder.deletingLastPathComponent().deletingLastPathComponent(),
  ]
  .map { $0.appendingPathComponent(name).path }
  guard let program = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
  else { throw ScenarioError.notBuilt(candidates) }
  let process = Process()
  if let processes {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
    guard
      let mpirun = paths.map({ "\($0)/mpirun" }).first(where: {
        FileManager.default.isExecutableFile(atPath: $0)
      })
    else { throw ScenarioError.noMPIRun }
    process.executableURL = URL(fileURLWithPath: mpirun)
    // Root needs --allow-run-as-root; CI machines have fewer cores than some runs' processes.
    process.arguments =
      ["--allow-run-as-root", "--oversubscribe", "-np", "\(processes)", program] + arguments
  } else {
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
  }
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  let lock = NSLock()
  var timedOut = false
  try process.run()
  let watchdog = DispatchWorkItem {
    lock.withLock {
      if process.isRunning {
        timedOut = true
        process.terminate()
      }
    }
  }
  DispatchQueue.global().asyncAfter(deadline: .now() + limit, execute: watchdog)
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  watchdog.cancel()
  return ScenarioRun(
    status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
    timedOut: lock.withLock { timedOut })
}

/// What a scenario process wrote: its final weights and History.
struct ScenarioResult: Decodable {
  var weights: [String: [Float]]
  var history: [String: [Double]]
  var worldSize: Int

  /// Reads `<folder>/<name>`.
  static func read(_ folder: URL, _ name: String) throws -> ScenarioResult {
    try JSONDecoder().decode(
      ScenarioResult.self, from: Data(contentsOf: folder.appendingPathComponent(name)))
  }
}

/// A new empty folder for one test's files.
func scratchFolder(_ name: String) throws -> URL {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("rill-distributed-\(name)-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}

/// The largest difference between two results' weights, or infinity when their variables
/// differ.
func largestWeightDifference(_ a: ScenarioResult, _ b: ScenarioResult) -> Float {
  guard Set(a.weights.keys) == Set(b.weights.keys) else { return .infinity }
  var largest: Float = 0
  for (name, values) in a.weights {
    guard let other = b.weights[name], other.count == values.count else { return .infinity }
    for (x, y) in zip(values, other) { largest = max(largest, abs(x - y)) }
  }
  return largest
}
