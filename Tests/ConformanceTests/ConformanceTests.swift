import Foundation
import Rill
import RillTestSupport
import Testing

/// Every case of the conformance file whose op Rill covers must match TensorFlow's output and,
/// where TensorFlow recorded them, its gradients, within the case's tolerances.
///
/// The test prints how many cases ran and passed, and which ops are not covered yet.
@Test func conformanceOpsMatchTensorFlow() throws {
  let file = try ConformanceFile.load()
  var ran = 0
  var gradientCases = 0
  var failures: [String] = []
  var uncovered: [String: Int] = [:]
  for testCase in file.cases {
    guard let op = conformanceOps[testCase.op] else {
      uncovered[testCase.op, default: 0] += 1
      continue
    }
    ran += 1
    let attributes = Attributes(values: testCase.attributes)
    let describe = "\(testCase.name) (inputs \(testCase.inputs.map(\.spec)))"
    let tape = GradientTape()
    for input in testCase.inputs where input.dtype.isFloatingPoint { tape.watch(input) }
    let output = tape.record { op(testCase.inputs, attributes) }
    if output.dtype != testCase.output.dtype {
      failures.append("\(describe): dtype \(output.dtype), expected \(testCase.output.dtype)")
      continue
    }
    if let failure = closenessFailure(
      output, testCase.output, rtol: testCase.rtol, atol: testCase.atol)
    {
      failures.append("\(describe): \(failure)")
      continue
    }
    guard let cotangent = testCase.cotangent, testCase.gradients.contains(where: { $0 != nil })
    else {
      continue
    }
    gradientCases += 1
    let gradients = tape.gradient(
      of: output, wrt: testCase.inputs, outputGradient: cotangent, unconnectedGradients: .zero)
    for (index, expected) in testCase.gradients.enumerated() {
      guard let expected else { continue }
      guard let gradient = gradients[index] else {
        failures.append("\(describe): no gradient for input \(index)")
        continue
      }
      if let failure = closenessFailure(
        gradient, expected, rtol: testCase.rtol, atol: testCase.atol)
      {
        failures.append("\(describe): gradient of input \(index): \(failure)")
      }
    }
  }
  print(
    "Conformance (\(file.path)): \(ran) of \(file.cases.count) cases ran (\(gradientCases) with "
      + "gradients), \(ran - failures.count) passed, \(failures.count) failed.")
  let missing = uncovered.keys.sorted().map { "\($0) (\(uncovered[$0]!))" }
  print(
    "Conformance: ops not covered yet: \(missing.isEmpty ? "none" : missing.joined(separator: ", "))"
  )
  for failure in failures { Issue.record(Comment(rawValue: failure)) }
  #expect(ran > 0)
}

/// Every optimizer trajectory of the conformance file: the variable after each of six steps
/// matches Keras's.
@Test func conformanceOptimizerTrajectoriesMatchKeras() throws {
  let file = try ConformanceFile.load()
  var failures: [String] = []
  for testCase in file.optimizers {
    guard
      let optimizer = makeOptimizer(testCase.optimizer, Attributes(values: testCase.configuration))
    else {
      failures.append("\(testCase.optimizer): not covered")
      continue
    }
    let variable = Variable(testCase.initial, name: "w")
    for (step, (gradient, expected)) in zip(testCase.gradients, testCase.afterEachStep).enumerated()
    {
      optimizer.apply(gradients: [gradient], to: [variable])
      if let failure = closenessFailure(
        variable, expected, rtol: testCase.rtol, atol: testCase.atol)
      {
        failures.append(
          "\(testCase.optimizer) \(testCase.configuration) after step \(step + 1): \(failure)")
        break
      }
    }
  }
  print("Conformance: \(file.optimizers.count) optimizer trajectories, \(failures.count) failed.")
  for failure in failures { Issue.record(Comment(rawValue: failure)) }
  #expect(!file.optimizers.isEmpty)
}

/// The Rill optimizer for a Keras optimizer name and configuration.
func makeOptimizer(_ name: String, _ config: Attributes) -> Optimizer? {
  let learningRate = config.double("learning_rate")
  func value(_ key: String, _ fallback: Double) -> Double {
    config.values[key] == nil ? fallback : config.double(key)
  }
  switch name {
  case "SGD":
    return SGD(
      learningRate: learningRate, momentum: value("momentum", 0), nesterov: config.bool("nesterov"))
  case "Adam":
    return Adam(
      learningRate: learningRate, beta1: value("beta_1", 0.9), beta2: value("beta_2", 0.999),
      epsilon: value("epsilon", 1e-7), amsgrad: config.bool("amsgrad"))
  case "AdamW":
    return AdamW(
      learningRate: learningRate, weightDecay: value("weight_decay", 0.004),
      beta1: value("beta_1", 0.9),
      beta2: value("beta_2", 0.999), epsilon: value("epsilon", 1e-7),
      amsgrad: config.bool("amsgrad"))
  case "RMSprop":
    return RMSprop(
      learningRate: learningRate, rho: value("rho", 0.9), momentum: value("momentum", 0),
      epsilon: value("epsilon", 1e-7), centered: config.bool("centered"))
  case "Adagrad":
    return Adagrad(
      learningRate: learningRate, initialAccumulatorValue: value("initial_accumulator_value", 0.1),
      epsilon: value("epsilon", 1e-7))
  default:
    return nil
  }
}

/// Every covered case again, compiled: the op and its gradients traced into a ``Function`` with
/// the inputs as placeholders, then run; the results must match TensorFlow's as eager ones do.
@Test func conformanceOpsMatchTensorFlowWhenCompiled() throws {
  let file = try ConformanceFile.load()
  var ran = 0
  var failures: [String] = []
  for testCase in file.cases {
    guard let op = conformanceOps[testCase.op] else { continue }
    ran += 1
    let attributes = Attributes(values: testCase.attributes)
    let describe = "\(testCase.name) (compiled, inputs \(testCase.inputs.map(\.spec)))"
    let withGradients = testCase.cotangent != nil && testCase.gradients.contains { $0 != nil }
    let compiled = Function { (inputs: [Tensor]) -> [Tensor] in
      let tape = GradientTape()
      for input in inputs where input.dtype.isFloatingPoint { tape.watch(input) }
      let output = tape.record { op(inputs, attributes) }
      guard withGradients, let cotangent = testCase.cotangent else { return [output] }
      let gradients = tape.gradient(
        of: output, wrt: inputs, outputGradient: cotangent, unconnectedGradients: .zero)
      return [output] + gradients.map { $0 ?? Tensor.zeros(shape: []) }
    }
    let results = compiled(testCase.inputs)
    if let failure = closenessFailure(
      results[0], testCase.output, rtol: testCase.rtol, atol: testCase.atol)
    {
      failures.append("\(describe): \(failure)")
      continue
    }
    guard withGradients else { continue }
    for (index, expected) in testCase.gradients.enumerated() {
      guard let expected else { continue }
      if let failure = closenessFailure(
        results[index + 1], expected, rtol: testCase.rtol, atol: testCase.atol)
      {
        failures.append("\(describe): gradient of input \(index): \(failure)")
      }
    }
  }
  print("Conformance, compiled: \(ran) cases ran, \(failures.count) failed.")
  for failure in failures { Issue.record(Comment(rawValue: failure)) }
  #expect(ran > 0)
}

/// Every optimizer trajectory again, with each step a compiled function of the gradient.
@Test func conformanceOptimizerTrajectoriesMatchKerasWhenCompiled() throws {
  let file = try ConformanceFile.load()
  var failures: [String] = []
  for testCase in file.optimizers {
    guard
      let optimizer = makeOptimizer(testCase.optimizer, Attributes(values: testCase.configuration))
    else { continue }
    let variable = Variable(testCase.initial, name: "w")
    let step = Function { (gradient: Tensor) -> Tensor in
      optimizer.apply(gradients: [gradient], to: [variable])
      return variable
    }
    for (index, (gradient, expected)) in zip(testCase.gradients, testCase.afterEachStep)
      .enumerated()
    {
      let updated = step(gradient)
      if let failure = closenessFailure(
        variable, expected, rtol: testCase.rtol, atol: testCase.atol)
        ?? closenessFailure(updated, expected, rtol: testCase.rtol, atol: testCase.atol)
      {
        failures.append(
          "\(testCase.optimizer) \(testCase.configuration) after compiled step \(index + 1): \(failure)"
        )
        break
      }
    }
  }
  for failure in failures { Issue.record(Comment(rawValue: failure)) }
  #expect(!file.optimizers.isEmpty)
}
