// The second program of the TensorFlow 1 crash course: a two-layer ReLU network, built in graph
// style with variable scopes, fitted by gradient descent on random batches to the function
// F(x1, x2) = sin(3.14 x1 / 2) cos(3.14 x2 / 4) on [−2, 2]². It then draws the function the
// network learned next to F, and writes the graph for TensorBoard.
//
//   swift run -c release GraphTwoLayerNetwork [output folder, default out/GraphTwoLayerNetwork]
import Foundation
import Rill

let output = CommandLine.arguments.dropFirst().first ?? "out/GraphTwoLayerNetwork"
try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)

/// The function to learn.
func F(_ x1: Tensor, _ x2: Tensor) -> Tensor {
  sin(3.14 * x1 / 2) * cos(3.14 * x2 / 4)
}

// The training set: 1000 points drawn uniformly from [−A, A]², and F at each.
let A = 2.0
let sampleCount = 1000
let xTrain = Tensor.randomUniform(shape: [sampleCount, 2], lowerBound: -A, upperBound: A, seed: 1)
let yTrain = F(xTrain[0..., 0], xTrain[0..., 1]).reshaped(to: [sampleCount, 1])

// The network: 20 hidden ReLU units, then one linear output.
let N1 = 20
let g = Graph()
let x = g.variableScope("Input") { g.placeholder(.float32, shape: [Shape.unknown, 2], name: "x") }
let (W1, b1, h1) = g.variableScope("HiddenLayer") {
  let W1 = g.variable(
    Tensor.truncatedNormal(
      shape: [2, N1], standardDeviation: (6.0 / Double(2 + N1)).squareRoot(), seed: 2), name: "W1")
  let b1 = g.variable(Tensor.zeros(shape: [N1]), name: "b1")
  return (W1, b1, relu(matmul(x, W1) + b1))
}
let (W2, b2, h2) = g.variableScope("OutputLayer") {
  let W2 = g.variable(
    Tensor.truncatedNormal(
      shape: [N1, 1], standardDeviation: (6.0 / Double(1 + N1)).squareRoot(), seed: 3), name: "W2")
  let b2 = g.variable(Tensor(0.0), name: "b2")
  return (W2, b2, matmul(h1, W2) + b2)
}
let y = g.variableScope("Output") { g.placeholder(.float32, shape: [Shape.unknown, 1], name: "y") }
let loss = g.variableScope("Loss") { square(h2 - y).mean() }

// Gradient descent on batches of ten random points.
let eta = 1e-3
let optimizerOneStep = GradientDescentOptimizer(learningRate: eta).minimize(loss)
let session = Session(graph: g)
try session.run(g.globalVariablesInitializer())
let steps = 10_000
let batchSize = 10
let stepsBetweenEvaluations = 1000
var random = SplitMix64(seed: 4)
let allPoints: [Placeholder: Tensor] = [x: xTrain, y: yTrain]
let startingLoss = try session.run(loss, feeding: allPoints).item()
var losses: [Double] = []
for step in 0..<steps {
  var order = Array(0..<sampleCount)
  random.shuffle(&order)
  let batch = Tensor(order.prefix(batchSize).map(Int32.init))
  try session.run(
    optimizerOneStep,
    feeding: [x: xTrain.gathering(atIndices: batch), y: yTrain.gathering(atIndices: batch)])
  if step % stepsBetweenEvaluations == 0 || step == steps - 1 {
    let current = try session.run(loss, feeding: allPoints).item()
    losses.append(current)
    print("step \(step): loss \(current)")
  }
}

// The learned function and F at the centres of a 100 × 100 grid over [−A, A]², drawn side by
// side (row i of the grid is the i-th value of x2 from the bottom).
let resolution = 100
let ticks = (0..<resolution).map { -A + 2 * A * (Double($0) + 0.5) / Double(resolution) }
let gridPoints = Tensor(
  shape: [resolution * resolution, 2],
  scalars: ticks.flatMap { v in ticks.flatMap { u in [Float(u), Float(v)] } })
let learned = try session.run(h2, feeding: [x: gridPoints]).reshaped(to: [resolution, resolution])
let target = F(gridPoints[0..., 0], gridPoints[0..., 1]).reshaped(to: [resolution, resolution])
try Plot().heatmap(learned, x: -A...A, y: -A...A).title("The network's function").save(
  "\(output)/learned.png")
try Plot().heatmap(target, x: -A...A, y: -A...A).title("F(x1, x2)").save("\(output)/target.png")
try Plot().line(losses, label: "loss").xLabel("evaluation (every 1000 steps)")
  .save("\(output)/loss.png")
let writer = try SummaryWriter(logdir: "\(output)/logs")
writer.graph(g)
try writer.close()
let (trainedW1, trainedB1, trainedW2, trainedB2) = try session.run(W1, b1, W2, b2)
print("W1 \(trainedW1.shape), b1 \(trainedB1.shape), W2 \(trainedW2.shape), b2 \(trainedB2.shape)")
print("Pictures and the TensorBoard graph are in \(output)/")

// Gradient descent this slow does not converge in 10 000 steps, but the loss must fall well
// below where it started.
let finalLoss = losses.last ?? .infinity
print("Loss: \(startingLoss) at the start, \(finalLoss) at the end")
guard finalLoss < 0.5 * startingLoss else {
  print("FAILED: the loss did not fall enough")
  exit(1)
}
