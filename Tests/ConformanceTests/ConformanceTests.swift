import Foundation
import Rill
import RillTestSupport
import Testing

/// Every case of the conformance file whose op Rill covers must match TensorFlow's output
/// within the case's tolerances. The test prints how many cases ran and passed, and which ops
/// are not covered yet.
@Test func conformanceForwardValuesMatchTensorFlow() throws {
  let file = try ConformanceFile.load()
  var ran = 0
  var failures: [String] = []
  var uncovered: [String: Int] = [:]
  for testCase in file.cases {
    guard let op = conformanceOps[testCase.op] else {
      uncovered[testCase.op, default: 0] += 1
      continue
    }
    ran += 1
    let output = op(testCase.inputs, Attributes(values: testCase.attributes))
    if output.dtype != testCase.output.dtype {
      failures.append("\(testCase.name): dtype \(output.dtype), expected \(testCase.output.dtype)")
    } else if let failure = closenessFailure(
      output, testCase.output, rtol: testCase.rtol, atol: testCase.atol)
    {
      failures.append("\(testCase.name) (inputs \(testCase.inputs.map(\.spec))): \(failure)")
    }
  }
  print(
    "Conformance (\(file.path)): \(ran) of \(file.cases.count) forward cases ran, "
      + "\(ran - failures.count) passed, \(failures.count) failed.")
  let missing = uncovered.keys.sorted().map { "\($0) (\(uncovered[$0]!))" }
  print(
    "Conformance: ops not covered yet: \(missing.isEmpty ? "none" : missing.joined(separator: ", "))"
  )
  for failure in failures { Issue.record(Comment(rawValue: failure)) }
  #expect(ran > 0)
}
