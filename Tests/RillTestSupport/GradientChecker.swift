import RillCore

/// Why the tape's gradient of `function` at `inputs` disagrees with central finite differences,
/// or `nil` when they agree.
///
/// The inputs should be float64. The check contracts the output with a random cotangent c, so
/// it compares the vector–Jacobian product cᵀJ (what the tape computes) with
/// (c·f(x + h eᵢ) − c·f(x − h eᵢ)) / 2h for every element i of every input. Inputs with an
/// integer dtype are passed through unchanged and not checked.
public func gradientCheckFailure(
  _ function: ([Tensor]) -> Tensor, at inputs: [Tensor], step: Double = 1e-6,
  rtol: Double = 1e-5, atol: Double = 1e-6, seed: UInt64 = 0
) -> String? {
  let tape = GradientTape()
  for input in inputs where input.dtype.isFloatingPoint { tape.watch(input) }
  let output = tape.record { function(inputs) }
  let cotangent = Tensor.randomNormal(shape: output.shape, dtype: output.dtype, seed: seed)
  let analytic = tape.gradient(of: output, wrt: inputs, outputGradient: cotangent)

  func contracted(_ arguments: [Tensor]) -> Double {
    (function(arguments).cast(to: .float64) * cotangent.cast(to: .float64)).sum().item()
  }
  for (index, input) in inputs.enumerated() where input.dtype.isFloatingPoint {
    var values = input.scalars(as: Double.self)
    var numeric = [Double](repeating: 0, count: values.count)
    for element in values.indices {
      let original = values[element]
      var arguments = inputs
      values[element] = original + step
      arguments[index] = Tensor(shape: input.shape, scalars: values).cast(to: input.dtype)
      let above = contracted(arguments)
      values[element] = original - step
      arguments[index] = Tensor(shape: input.shape, scalars: values).cast(to: input.dtype)
      let below = contracted(arguments)
      values[element] = original
      numeric[element] = (above - below) / (2 * step)
    }
    let expected = Tensor(shape: input.shape, scalars: numeric)
    guard let gradient = analytic[index] else {
      if numeric.allSatisfy({ Swift.abs($0) <= atol }) { continue }
      return
        "input \(index) \(input.spec): the tape gave no gradient, finite differences \(numeric)"
    }
    if let failure = closenessFailure(gradient, expected, rtol: rtol, atol: atol) {
      return "input \(index) \(input.spec): tape vs finite differences: \(failure)"
    }
  }
  return nil
}
