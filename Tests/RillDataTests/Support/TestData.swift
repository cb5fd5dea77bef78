import Foundation
import RillCore
import Testing

/// Where the project's shared test data lives, and small helpers to build test inputs.
enum TestData {
  /// The data folder: `$RILL_DATA_DIR` when set (CI sets it to `../shared/data`), otherwise
  /// `../shared/data` beside the package root, found from this file's path.
  static var directory: URL {
    if let path = ProcessInfo.processInfo.environment["RILL_DATA_DIR"], !path.isEmpty {
      return URL(fileURLWithPath: path, isDirectory: true)
    }
    return packageRoot.deletingLastPathComponent()
      .appendingPathComponent("shared/data", isDirectory: true)
  }

  /// The package root: three folders above this file (Tests/RillDataTests/Support/).
  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  /// Sets RILL_DATA_DIR to ``directory`` when it is unset, once per process.
  ///
  /// The loaders then find the shared data the way CI does. Tests read this before anything
  /// reads the variable.
  static let environmentReady: Void = {
    if ProcessInfo.processInfo.environment["RILL_DATA_DIR"]?.isEmpty ?? true {
      setenv("RILL_DATA_DIR", directory.path, 1)
    }
  }()

  /// The MNIST folder inside the data folder.
  static var mnist: URL { directory.appendingPathComponent("mnist", isDirectory: true) }

  /// The bytes of a file in the MNIST folder; fails the test with a clear message when the
  /// shared data is missing.
  static func mnistFile(_ name: String) throws -> Data {
    let url = mnist.appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw MissingTestData(path: url.path)
    }
    return try Data(contentsOf: url)
  }

  /// A fresh, empty temporary folder for one test.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-data-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// The shared MNIST files are missing: the tests need them and never skip.
struct MissingTestData: Error, CustomStringConvertible {
  var path: String
  var description: String {
    "missing test data \(path): set RILL_DATA_DIR to the folder holding mnist/ "
      + "(the project's ../shared/data)"
  }
}

/// A seeded generator for test inputs, so that a failing case fails the same way on every run.
typealias TestRandom = SplitMix64
