import Foundation
import Rill

/// Graph mode and compiled functions.
///
/// The figures:
///
/// - `graph_step`: the TF1 tutorial's model run in a session (anchor workload w5): W = 0.3,
///   b = −0.3, loss Σ (W x + b − y)², gradient descent 0.01 from `minimize`, 1,000 `run`s with
///   the feeds written as Swift literals each time. Microseconds per `run`, median of 5.
/// - `mlp_step`: one training step of the MNIST MLP of anchor w2 (784 → 128 ReLU → 10,
///   sparse softmax cross-entropy from logits, Adam 1e-3, batch 128) on fixed random data,
///   eagerly and as a compiled ``Function``. Microseconds per step, median of 5 runs of 100.
func graphBenchmarks() {
  graphStepBenchmark()
  mlpStepBenchmarks()
}

private func graphStepBenchmark() {
  let g = Graph()
  let W = g.variable([0.3], name: "W")
  let b = g.variable([-0.3], name: "b")
  let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
  let y = g.placeholder(.float32, shape: [Shape.unknown], name: "y")
  let loss = square(W * x + b - y).sum()
  let train = GradientDescentOptimizer(learningRate: 0.01).minimize(loss)
  let session = Session(graph: g)
  var times: [Double] = []
  for _ in 0..<5 {
    orStop { try session.run(g.globalVariablesInitializer()) }
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<1000 {
      orStop { try session.run(train, feeding: [x: [1, 2, 3, 4], y: [0, -1, -2, -3]]) }
    }
    times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / 1000)
  }
  let w = orStop { try session.run(W).scalars(as: Float.self)[0] }
  precondition(abs(w + 0.9999969) < 1e-5, "graph_step: W = \(w), not TensorFlow's -0.9999969")
  times.sort()
  emit(
    Figure(name: "graph_step.linear_regression", unit: "µs/step", value: times[2], best: times[0]))
}

private func mlpStepBenchmarks() {
  let images = Tensor.randomUniform(shape: [128, 784], seed: 1)
  let labels = Tensor.randomUniform(shape: [128], lowerBound: 0, upperBound: 10, seed: 2).cast(
    to: .int32)

  func makeStep() -> (Tensor, Tensor) -> Tensor {
    let model = Sequential {
      Dense(128, activation: .relu)
      Dense(10)
    }
    let optimizer = Adam(learningRate: 1e-3)
    let lossFunction = SparseCategoricalCrossentropy(fromLogits: true)
    return { x, y in
      let tape = GradientTape()
      let loss = tape.record { lossFunction(y, model(x, training: true)) }
      optimizer.apply(
        gradients: tape.gradient(of: loss, wrt: model.trainableVariables),
        to: model.trainableVariables)
      return loss
    }
  }

  func measure(_ name: String, _ step: (Tensor, Tensor) -> Tensor) -> Double {
    for _ in 0..<20 { _ = step(images, labels) }
    var times: [Double] = []
    for _ in 0..<5 {
      let start = DispatchTime.now().uptimeNanoseconds
      for _ in 0..<100 { _ = step(images, labels) }
      times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e3 / 100)
    }
    times.sort()
    emit(Figure(name: "mlp_step.\(name)", unit: "µs/step", value: times[2], best: times[0]))
    return times[2]
  }

  let eager = measure("eager", makeStep())
  let compiledStep = Function(makeStep())
  let compiled = measure("compiled", { compiledStep($0, $1) })
  emit(
    Figure(
      name: "mlp_step_speedup.compiled_over_eager", unit: "×", value: eager / compiled,
      best: eager / compiled))
}
