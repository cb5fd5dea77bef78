import Rill

/// The eager step of the TF2 tutorial's linear regression (anchor workload w4): 40 points, loss
/// mean((m x + b − y)²), gradients from a tape, plain gradient descent with rate 0.05.
///
/// Reports microseconds per step: the median over 5 repetitions of 1,000 steps after 50 warm-up
/// steps; then the same step compiled with `Function` (`compiled_step`, to set beside `jax.jit`).
func eagerBenchmarks() {
  let x = Tensor.range(1, 5, 0.1)
  let y =
    3.5 * x - 1 + Tensor.randomUniform(shape: [40], lowerBound: -0.5, upperBound: 0.5, seed: 0)
  let m = Variable(0.0), b = Variable(0.0)
  let learningRate = 0.05

  func step() {
    let tape = GradientTape()
    let loss = tape.record { square(m * x + b - y).mean() }
    let (dm, db) = tape.gradient(of: loss, wrt: m, b)
    m.assignSub(learningRate * dm)
    b.assignSub(learningRate * db)
  }

  let compiled = Function { () -> Tensor in
    step()
    return m.value
  }
  emit(timePerStep("eager_step.linear_regression", step))
  emit(timePerStep("compiled_step.linear_regression") { _ = compiled() })
}

/// Microseconds per call of `step`: the median over 5 repetitions of 1,000 calls after 50
/// warm-up calls.
private func timePerStep(_ name: String, _ step: () -> Void) -> Figure {
  for _ in 0..<50 { step() }
  var times: [Double] = []
  for _ in 0..<5 {
    let (median, _) = secondsPerCall(repetitions: 1, minimumRun: 0) {
      for _ in 0..<1000 { step() }
    }
    times.append(median / 1000 * 1e6)
  }
  times.sort()
  return Figure(name: name, unit: "µs/step", value: times[2], best: times[0])
}
