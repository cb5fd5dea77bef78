import Foundation
import Rill
import RillTestSupport
import Testing

/// Every case of the conformance file whose op Rill covers must match TensorFlow's output and,
/// where TensorFlow recorded them, its gradients, within the case's tolerances.
///
/// The test prints how many cases ran and passed, and which ops are not covered yet.
@Test func conformanceOpsMatchTensorFlow() throws {
  try checkConformanceOps(on: CPUDevice.shared)
}

/// The same cases with inputs and results on a ``SealedDevice``, whose memory the front end
/// cannot read: every op, gradient and host read must go through the device protocol, and
/// outputs and gradients must live on the device.
@Test func conformanceOpsMatchTensorFlowOnASealedDevice() throws {
  let sealed = SealedDevice(index: 1)
  try checkConformanceOps(on: sealed)
  #expect(sealed.kernelCount > 1000)
}

/// Runs every covered case with its inputs on `device` and ops creating tensors there.
func checkConformanceOps(on device: any Device) throws {
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
    let describe = "\(testCase.name) (inputs \(testCase.inputs.map(\.spec)), on \(device.id))"
    let inputs = testCase.inputs.map { $0.to(device) }
    let tape = GradientTape()
    for input in inputs where input.dtype.isFloatingPoint { tape.watch(input) }
    let output = withDevice(device) { tape.record { op(inputs, attributes) } }
    if output.dtype != testCase.output.dtype {
      failures.append("\(describe): dtype \(output.dtype), expected \(testCase.output.dtype)")
      continue
    }
    if output.device !== device {
      failures.append("\(describe): the output lives on '\(output.device.id)'")
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
    let gradients = withDevice(device) {
      tape.gradient(
        of: output, wrt: inputs, outputGradient: cotangent.to(device),
        unconnectedGradients: .zero)
    }
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
    "Conformance on \(device.id) (\(file.path)): \(ran) of \(file.cases.count) cases ran (\(gradientCases) with "
      + "gradients), \(ran - failures.count) passed, \(failures.count) failed.")
  let missing = uncovered.keys.sorted().map { "\($0) (\(uncovered[$0, default: 0]))" }
  print(
    "Conformance: ops not covered yet: \(missing.isEmpty ? "none" : missing.joined(separator: ", "))"
  )
  for failure in failures { Issue.record(Comment(rawValue: failure)) }
  #expect(ran > 0)
}

/// Every optimizer trajectory of the conformance file: the variable after each of six steps
/// matches Keras's.
@Test func conformanceOptimizerTrajectoriesMatchKeras() throws {
  try checkOptimizerTrajectories(on: CPUDevice.shared)
}

/// The optimizer trajectories with the variable, its slots and the gradients on a
/// ``SealedDevice``.
@Test func conformanceOptimizerTrajectoriesMatchKerasOnASealedDevice() throws {
  let sealed = SealedDevice(index: 2)
  try checkOptimizerTrajectories(on: sealed)
  #expect(sealed.kernelCount > 0)
}

/// Runs every optimizer trajectory with the variable and gradients on `device`.
func checkOptimizerTrajectories(on device: any Device) throws {
  let file = try ConformanceFile.load()
  var failures: [String] = []
  for testCase in file.optimizers {
    guard
      let optimizer = makeOptimizer(testCase.optimizer, Attributes(values: testCase.configuration))
    else {
      failures.append("\(testCase.optimizer): not covered")
      continue
    }
    let variable = Variable(testCase.initial.to(device), name: "w")
    for (step, (gradient, expected)) in zip(testCase.gradients, testCase.afterEachStep).enumerated()
    {
      optimizer.apply(gradients: [gradient.to(device)], to: [variable])
      if variable.device !== device {
        failures.append("\(testCase.optimizer): the variable moved to '\(variable.device.id)'")
        break
      }
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
  try checkConformanceOpsCompiled(on: CPUDevice.shared)
}

/// The compiled cases with inputs on a ``SealedDevice``.
@Test func conformanceOpsMatchTensorFlowWhenCompiledOnASealedDevice() throws {
  let sealed = SealedDevice(index: 3)
  try checkConformanceOpsCompiled(on: sealed)
  #expect(sealed.kernelCount > 1000)
}

/// Runs every covered case compiled, with its inputs on `device`.
func checkConformanceOpsCompiled(on device: any Device) throws {
  let file = try ConformanceFile.load()
  var ran = 0
  var failures: [String] = []
  for testCase in file.cases {
    guard let op = conformanceOps[testCase.op] else { continue }
    ran += 1
    let attributes = Attributes(values: testCase.attributes)
    let describe =
      "\(testCase.name) (compiled, inputs \(testCase.inputs.map(\.spec)), on \(device.id))"
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
    let results = withDevice(device) { compiled(testCase.inputs.map { $0.to(device) }) }
    if results[0].device !== device {
      failures.append("\(describe): the output lives on '\(results[0].device.id)'")
    }
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
  print("Conformance, compiled, on \(device.id): \(ran) cases ran, \(failures.count) failed.")
  for failure in failures { Issue.record(Comment(rawValue: failure)) }
  #expect(ran > 0)
}

/// Every optimizer trajectory again, with each step a compiled function of the gradient.
@Test func conformanceOptimizerTrajectoriesMatchKerasWhenCompiled() throws {
  try checkOptimizerTrajectoriesCompiled(on: CPUDevice.shared)
}

/// The compiled optimizer trajectories with the variable and gradients on a ``SealedDevice``.
@Test func conformanceOptimizerTrajectoriesMatchKerasWhenCompiledOnASealedDevice() throws {
  let sealed = SealedDevice(index: 4)
  try checkOptimizerTrajectoriesCompiled(on: sealed)
  #expect(sealed.kernelCount > 0)
}

/// Runs every optimizer trajectory as compiled steps, with the variable and gradients on
/// `device`.
func checkOptimizerTrajectoriesCompiled(on device: any Device) throws {
  let file = try ConformanceFile.load()
  var failures: [String] = []
  for testCase in file.optimizers {
    guard
      let optimizer = makeOptimizer(testCase.optimizer, Attributes(values: testCase.configuration))
    else { continue }
    let variable = Variable(testCase.initial.to(device), name: "w")
    let step = Function { (gradient: Tensor) -> Tensor in
      optimizer.apply(gradients: [gradient], to: [variable])
      return variable
    }
    for (index, (gradient, expected)) in zip(testCase.gradients, testCase.afterEachStep)
      .enumerated()
    {
      let updated = step(gradient.to(device))
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
