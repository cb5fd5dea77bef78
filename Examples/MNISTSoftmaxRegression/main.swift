// MNIST softmax regression trained by hand, eagerly: y = softmax(x W + b), the cross-entropy
// loss, gradients from a tape, and 1000 steps of gradient descent with rate 0.5 on batches of 100
// — the crash course's model in TensorFlow 2 style. It reaches about 92% test accuracy. The ten
// columns of W are saved as images (a PNG grid, and to TensorBoard every 100 steps with the
// loss), with the loss curve.
//
//   swift run -c release MNISTSoftmaxRegression [output folder, default out/MNISTSoftmaxRegression]
import Foundation
import Rill

let output = CommandLine.arguments.dropFirst().first ?? "out/MNISTSoftmaxRegression"
let (train, test) = try MNIST.load()
let trainImages = train.images.cast(to: .float32).reshaped(to: [-1, 784]) / 255
let testImages = test.images.cast(to: .float32).reshaped(to: [-1, 784]) / 255
let trainLabels = Tensor.oneHot(train.labels, depth: 10)
let testLabels = Tensor.oneHot(test.labels, depth: 10)

let W = Variable(Tensor.zeros(shape: [784, 10]), name: "W")
let b = Variable(Tensor.zeros(shape: [10]), name: "b")

/// The class probabilities of each image.
func model(_ x: Tensor) -> Tensor { softmax(matmul(x, W) + b) }

/// The fraction of the rows whose most probable class is the label.
func accuracy(_ probabilities: Tensor, _ labels: Tensor) -> Double {
  (probabilities.argmax(alongAxis: 1) .== labels.argmax(alongAxis: 1)).cast(to: .float32).mean()
    .item()
}

let writer = try SummaryWriter(logdir: "\(output)/logs")
var order = Array(0..<Int32(trainImages.shape[0]))
var random = SplitMix64(seed: 0)
random.shuffle(&order)
var losses: [Double] = []
for step in 0..<1000 {
  let start = (step * 100) % order.count
  let batch = Tensor(Array(order[start..<(start + 100)]))
  let (x, y) = (trainImages.gathering(atIndices: batch), trainLabels.gathering(atIndices: batch))
  let tape = GradientTape()
  let loss = tape.record { (-(y * log(model(x))).sum(alongAxes: [1])).mean() }
  let (dW, db) = tape.gradient(of: loss, wrt: W, b)
  W.assignSub(0.5 * dW)
  b.assignSub(0.5 * db)
  losses.append(loss.item())
  writer.scalar("cross_entropy", losses[step], step: step)
  if step % 100 == 0 {
    writer.images(
      "W", W.transposed().reshaped(to: [10, 28, 28, 1]), step: step, maxOutputs: 10,
      scaling: .perImage)
    print("step \(step): loss \(losses[step])")
  }
}
try writer.close()

let testAccuracy = accuracy(model(testImages), testLabels)
print("Test accuracy: \(testAccuracy)")
try ImageGrid(
  W.transposed().reshaped(to: [10, 28, 28]), columns: 5, scaling: .perImage, colormap: .viridis,
  titles: (0..<10).map(String.init)
).save("\(output)/weights.png")
try Plot().line(losses, label: "cross-entropy").xLabel("step").title("Softmax regression").save(
  "\(output)/loss.png")
print("Pictures and TensorBoard logs are in \(output)/")

guard testAccuracy >= 0.91 else {
  print("FAILED: test accuracy \(testAccuracy) is below 0.91")
  exit(1)
}
