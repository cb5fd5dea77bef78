// The MNIST programs of the TensorFlow 1 tutorials, in graph style:
//
// 1. Softmax regression as the crash course writes it: W and b start at zero, the loss is the
//    cross-entropy −Σ y log(softmax(x W + b)), and 1000 gradient-descent steps of rate 0.5 on
//    batches of 100 reach about 92% test accuracy. The ten columns of W are written as images,
//    to a PNG and, every 100 steps, to TensorBoard.
// 2. The gentle introduction's networks: weights from `getVariable` with random-normal starts,
//    `softmaxCrossEntropyWithLogits`, gradient descent of rate 0.05 — first softmax regression,
//    then one hidden layer of 128 ReLU units, which does better (about 0.92 and 0.95).
//
//   swift run -c release GraphMNIST [output folder, default out/GraphMNIST]
import Foundation
import Rill

let output = CommandLine.arguments.dropFirst().first ?? "out/GraphMNIST"
try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)

let (train, test) = try MNIST.load()
let trainImages = train.images.cast(to: .float32).reshaped(to: [-1, 784]) / 255
let testImages = test.images.cast(to: .float32).reshaped(to: [-1, 784]) / 255
let trainLabels = Tensor.oneHot(train.labels, depth: 10)
let testLabels = Tensor.oneHot(test.labels, depth: 10)

/// Batches of the training set in a new random order each epoch, like the tutorial's
/// `mnist.train.next_batch`.
struct Batches {
  private var random: SplitMix64
  private var order: [Int32] = []
  private var position = 0
  let batchSize: Int

  init(batchSize: Int, seed: UInt64) {
    self.batchSize = batchSize
    random = SplitMix64(seed: seed)
  }

  mutating func next() -> (images: Tensor, labels: Tensor) {
    if position + batchSize > order.count {
      order = (0..<Int32(trainImages.shape[0])).map { $0 }
      random.shuffle(&order)
      position = 0
    }
    let indices = Tensor(Array(order[position..<(position + batchSize)]))
    position += batchSize
    return (trainImages.gathering(atIndices: indices), trainLabels.gathering(atIndices: indices))
  }
}

/// The fraction of the rows whose largest logit is at the label's one.
func accuracy(of logits: Tensor, labels: Tensor) -> Tensor {
  (logits.argmax(alongAxis: 1) .== labels.argmax(alongAxis: 1)).cast(to: .float32).mean()
}

// MARK: 1. Softmax regression, as in the crash course

print("Softmax regression (crash course):")
let g = Graph()
let x = g.placeholder(.float32, shape: [Shape.unknown, 784], name: "x")
let yExpected = g.placeholder(.float32, shape: [Shape.unknown, 10], name: "y_exp")
let W = g.variable(Tensor.zeros(shape: [784, 10]), name: "W")
let b = g.variable(Tensor.zeros(shape: [10]), name: "b")
let yPredicted = softmax(matmul(x, W) + b)
let crossEntropy = (-(yExpected * log(yPredicted)).sum(alongAxes: [1])).mean()
let trainStep = GradientDescentOptimizer(learningRate: 0.5).minimize(crossEntropy)
let testAccuracy = accuracy(of: yPredicted, labels: yExpected)
/// The ten columns of W as 28 × 28 images, for TensorBoard.
let weightImages = W.transposed().reshaped(to: [10, 28, 28, 1])

let session = Session(graph: g)
try session.run(g.globalVariablesInitializer())
let writer = try SummaryWriter(logdir: "\(output)/logs/softmax")
writer.graph(g)
var batches = Batches(batchSize: 100, seed: 1)
for step in 0..<1000 {
  let (images, labels) = batches.next()
  let fetched = try session.run(
    [trainStep], fetching: [crossEntropy], feeding: [x: images, yExpected: labels])
  writer.scalar("cross_entropy", fetched[0].item(), step: step)
  if step % 100 == 0 {
    writer.images(
      "W", try session.run(weightImages), step: step, maxOutputs: 10, scaling: .perImage)
  }
}
let softmaxAccuracy = try session.run(
  testAccuracy, feeding: [x: testImages, yExpected: testLabels]
).item()
print("  test accuracy after 1000 steps: \(softmaxAccuracy)")
try writer.close()
let trainedW = try W.eval(in: session)
try Plot().imshow(trainedW[0..., 0].reshaped(to: [28, 28]), colormap: .gray, colorbar: true)
  .title("First column of W").save("\(output)/W0.png")
try ImageGrid(
  trainedW.transposed().reshaped(to: [10, 28, 28]), columns: 5, scaling: .perImage,
  colormap: .viridis
).save("\(output)/W.png")

// MARK: 2. The gentle introduction's networks

/// Trains a network built by `logits` on `x` for `epochs` epochs of batches of 10 with gradient
/// descent of rate 0.05, and returns its test accuracy.
func trainGentleNetwork(name: String, epochs: Int, _ logits: (Graph, Tensor) -> Tensor) throws
  -> Double
{
  let g = Graph()
  let X = g.placeholder(.float32, shape: [Shape.unknown, 784], name: "X")
  let Y = g.placeholder(.float32, shape: [Shape.unknown, 10], name: "Y")
  let yLogits = g.variableScope(name) { logits(g, X) }
  let cost = softmaxCrossEntropyWithLogits(labels: Y, logits: yLogits).mean()
  let optimizer = GradientDescentOptimizer(learningRate: 0.05).minimize(cost)
  let correct = accuracy(of: yLogits, labels: Y)
  let session = Session(graph: g)
  try session.run(g.globalVariablesInitializer())
  var batches = Batches(batchSize: 10, seed: 2)
  for _ in 0..<(epochs * trainImages.shape[0] / 10) {
    let (images, labels) = batches.next()
    try session.run(optimizer, feeding: [X: images, Y: labels])
  }
  let (trainAccuracy, testAccuracy) = (
    try session.run(correct, feeding: [X: trainImages, Y: trainLabels]).item(),
    try session.run(correct, feeding: [X: testImages, Y: testLabels]).item()
  )
  print("  \(name): train accuracy \(trainAccuracy), test accuracy \(testAccuracy)")
  return testAccuracy
}

print("Gentle introduction, 20 epochs of batches of 10 each:")
let linearAccuracy = try trainGentleNetwork(name: "softmax_regression", epochs: 20) { g, X in
  let W = g.getVariable(
    "weights", shape: [784, 10], initializer: .randomNormal(standardDeviation: 1))
  let b = g.getVariable("bias", shape: [10], initializer: .constant(0))
  return matmul(X, W) + b
}
let hiddenAccuracy = try trainGentleNetwork(name: "one_hidden_layer", epochs: 20) { g, X in
  let W1 = g.getVariable(
    "weights1", shape: [784, 128], initializer: .randomNormal(standardDeviation: 1))
  let b1 = g.getVariable("bias1", shape: [128], initializer: .constant(0))
  let W2 = g.getVariable(
    "weights2", shape: [128, 10], initializer: .randomNormal(standardDeviation: 1))
  let b2 = g.getVariable("bias2", shape: [10], initializer: .constant(0))
  let hidden = relu(matmul(X, W1) + b1)
  return matmul(hidden, W2) + b2
}
print("Pictures and TensorBoard logs are in \(output)/")

// The tutorials reach about 0.92 (crash course), 0.925 and 0.952 (gentle introduction, which
// does not give its epochs and batch size; 20 epochs of 10 reach its training accuracies).
guard softmaxAccuracy >= 0.91, linearAccuracy >= 0.91, hiddenAccuracy >= 0.94 else {
  print("FAILED: an accuracy is below the tutorials'")
  exit(1)
}
