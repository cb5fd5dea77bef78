import Foundation
import Rill

/// One training step and one inference pass of the whole tutorial CNN (anchor workload w3).
///
/// The images are random; the names are those of `Benchmarks/reference/conv.py`:
///
/// 28 × 28 × 1 → conv 5 × 5 × 32 SAME + bias, relu → max-pool 2 → conv 5 × 5 × 64 SAME + bias,
/// relu → max-pool 2 → dense 3136 → 1024, relu → dense 1024 → 10; sparse softmax cross-entropy,
/// Adam 1e-3, batch 128, glorot-uniform weights.
///
/// - `conv.cnn.training`: images/s over 50 steps after 5 warm-up steps, the median of five
///   chunks of 10 (the tape, the gradients and the update included);
/// - `conv.cnn.inference`: images/s of the forward pass at batch 1000, the median of 5 passes.
func cnnBenchmarks() {
  func glorot(_ shape: Shape, fanIn: Int, fanOut: Int, seed: UInt64) -> Variable {
    let limit = (6 / Double(fanIn + fanOut)).squareRoot()
    return Variable(
      Tensor.randomUniform(shape: shape, lowerBound: -limit, upperBound: limit, seed: seed))
  }
  let filter1 = glorot([5, 5, 1, 32], fanIn: 25, fanOut: 25 * 32, seed: 1)
  let filter2 = glorot([5, 5, 32, 64], fanIn: 25 * 32, fanOut: 25 * 64, seed: 2)
  let weights1 = glorot([3136, 1024], fanIn: 3136, fanOut: 1024, seed: 3)
  let weights2 = glorot([1024, 10], fanIn: 1024, fanOut: 10, seed: 4)
  let biases = [32, 64, 1024, 10].map { Variable(Tensor.zeros(shape: [$0])) }
  let variables = [
    filter1, biases[0], filter2, biases[1], weights1, biases[2], weights2, biases[3],
  ]

  func logits(_ images: Tensor) -> Tensor {
    var x = relu(biasAdd(conv2D(images, filter: filter1, padding: .same), biases[0]))
    x = maxPool2D(x, poolSize: (2, 2))
    x = relu(biasAdd(conv2D(x, filter: filter2, padding: .same), biases[1]))
    x = maxPool2D(x, poolSize: (2, 2)).reshaped(to: [-1, 3136])
    x = relu(biasAdd(matmul(x, weights1), biases[2]))
    return biasAdd(matmul(x, weights2), biases[3])
  }

  let batch = 128
  let images = Tensor.randomUniform(shape: [batch, 28, 28, 1], seed: 5)
  let labels = Tensor((0..<batch).map { Int32($0 % 10) })
  let optimizer = Adam(learningRate: 1e-3)
  func step() {
    let tape = GradientTape()
    let loss = tape.record {
      sparseSoftmaxCrossEntropyWithLogits(labels: labels, logits: logits(images)).mean()
    }
    optimizer.apply(gradients: tape.gradient(of: loss, wrt: variables), to: variables)
  }
  for _ in 0..<5 { step() }
  var rates: [Double] = []
  for _ in 0..<5 {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<10 { step() }
    rates.append(Double(10 * batch) * 1e9 / Double(DispatchTime.now().uptimeNanoseconds - start))
  }
  rates.sort()
  emit(Figure(name: "conv.cnn.training", unit: "images/s", value: rates[2], best: rates[4]))

  let testImages = Tensor.randomUniform(shape: [1000, 28, 28, 1], seed: 6)
  let (median, best) = secondsPerCall(repetitions: 5, minimumRun: 0) { _ = logits(testImages) }
  emit(
    Figure(name: "conv.cnn.inference", unit: "images/s", value: 1000 / median, best: 1000 / best))
}
