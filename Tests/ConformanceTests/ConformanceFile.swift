import Foundation
import RillCore

/// TensorFlow's recorded answers for Rill's ops (the schema of
/// `shared/conformance/README.md`).
struct ConformanceFile {
  /// One op applied to concrete inputs, with TensorFlow's output and gradients.
  struct Case {
    var name: String
    var op: String
    var attributes: [String: Any]
    var inputs: [Tensor]
    var output: Tensor
    var cotangent: Tensor?
    var gradients: [Tensor?]
    var rtol: Double
    var atol: Double
  }

  /// An optimizer's trajectory on one variable under six given gradients.
  struct OptimizerCase {
    var optimizer: String
    var configuration: [String: Any]
    var initial: Tensor
    var gradients: [Tensor]
    var afterEachStep: [Tensor]
    var rtol: Double
    var atol: Double
  }

  var path: String
  var cases: [Case]
  var optimizers: [OptimizerCase]

  /// The file named by `RILL_CONFORMANCE`, else the project's shared copy next to the checkout,
  /// else the copy kept with these tests.
  static func load() throws -> ConformanceFile {
    let environment = ProcessInfo.processInfo.environment["RILL_CONFORMANCE"]
    let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    let shared = testsFolder.appendingPathComponent("../../../shared/conformance/ops.json")
      .standardized.path
    let bundled = testsFolder.appendingPathComponent("ops.json").path
    let path = environment ?? (FileManager.default.fileExists(atPath: shared) ? shared : bundled)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw ConformanceError.malformed("the top level is not an object")
    }
    let cases = try (root["cases"] as? [[String: Any]] ?? []).map(parseCase)
    let optimizers = try (root["optimizers"] as? [[String: Any]] ?? []).map(parseOptimizer)
    return ConformanceFile(path: path, cases: cases, optimizers: optimizers)
  }

  private static func parseCase(_ object: [String: Any]) throws -> Case {
    Case(
      name: object["name"] as? String ?? "?",
      op: object["op"] as? String ?? "?",
      attributes: object["attrs"] as? [String: Any] ?? [:],
      inputs: try (object["inputs"] as? [Any] ?? []).map(parseTensor),
      output: try parseTensor(object["output"] as Any),
      cotangent: try object["cotangent"].map(parseTensor),
      gradients: try (object["grads"] as? [Any] ?? []).map {
        $0 is NSNull ? nil : try parseTensor($0)
      },
      rtol: (object["rtol"] as? NSNumber)?.doubleValue ?? 1e-5,
      atol: (object["atol"] as? NSNumber)?.doubleValue ?? 1e-6)
  }

  private static func parseOptimizer(_ object: [String: Any]) throws -> OptimizerCase {
    OptimizerCase(
      optimizer: object["optimizer"] as? String ?? "?",
      configuration: object["config"] as? [String: Any] ?? [:],
      initial: try parseTensor(object["initial"] as Any),
      gradients: try (object["gradients"] as? [Any] ?? []).map(parseTensor),
      afterEachStep: try (object["after_each_step"] as? [Any] ?? []).map(parseTensor),
      rtol: (object["rtol"] as? NSNumber)?.doubleValue ?? 1e-5,
      atol: (object["atol"] as? NSNumber)?.doubleValue ?? 1e-6)
  }

  /// A TENSOR object: `{"dtype": …, "shape": […], "data": [row-major values]}`.
  static func parseTensor(_ value: Any) throws -> Tensor {
    guard let object = value as? [String: Any], let dtypeName = object["dtype"] as? String,
      let dtype = DType(rawValue: dtypeName), let shape = object["shape"] as? [Int],
      let data = object["data"] as? [Any]
    else { throw ConformanceError.malformed("a tensor is not {dtype, shape, data}: \(value)") }
    let values: [Double] = try data.map { element in
      if let number = element as? NSNumber { return number.doubleValue }
      if let text = element as? String, let number = Double(text) { return number }
      throw ConformanceError.malformed("element \(element) is not a number")
    }
    return Tensor(shape: Shape(shape), scalars: values).cast(to: dtype)
  }
}

enum ConformanceError: Error {
  case malformed(String)
}
