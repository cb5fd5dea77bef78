import Foundation
import Testing

/// Runs each example program, built next to this test bundle, and checks that it succeeds.
///
/// The examples check their own results (the tutorials' numbers) and exit with a failure otherwise.
struct ExamplesTests {
  @Test(arguments: [
    "TensorTour", "LinearRegression", "MultivariateRegression", "LogisticRegression",
    "GraphLinearRegression",
  ])
  func exampleRunsAndReachesTheTutorialsResults(_ name: String) throws {
    let (status, output) = try runExample(name)
    #expect(status == 0, "\(name) exited with \(status):\n\(output)")
  }

  /// The examples that read MNIST (from `RILL_DATA_DIR`, or downloaded once) or write pictures
  /// and logs, here into a temporary folder.
  @Test(arguments: [
    "GraphTwoLayerNetwork", "GraphMNIST", "KerasMNIST", "DataPipeline", "MNISTSoftmaxRegression",
    "MNISTConvNet",
  ])
  func exampleWithDataOrPicturesRuns(_ name: String) throws {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "rill-\(name)-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let (status, log) = try runExample(name, arguments: [output.path])
    #expect(status == 0, "\(name) exited with \(status):\n\(log)")
  }

  /// The full-batch programs, with 100 steps instead of the tutorial's 1000 (about a minute).
  @Test func fullBatchTrainingFromScratchRuns() throws {
    let (status, log) = try runExample("MNISTFromScratch", arguments: ["100"])
    #expect(status == 0, "MNISTFromScratch exited with \(status):\n\(log)")
  }
}

/// Runs the example executable `name` with `arguments`, returning its exit status and output.
func runExample(_ name: String, arguments: [String] = []) throws -> (Int32, String) {
  let buildFolder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let candidates = [
    buildFolder, buildFolder.deletingLastPathComponent().deletingLastPathComponent(),
  ]
  .map { $0.appendingPathComponent(name) }
  guard
    let executable = candidates.first(where: {
      FileManager.default.isExecutableFile(atPath: $0.path)
    })
  else {
    throw ExampleError.notBuilt(name, candidates.map(\.path))
  }
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

enum ExampleError: Error {
  case notBuilt(String, [String])
}
