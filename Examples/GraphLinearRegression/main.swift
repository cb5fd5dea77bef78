// The first program of the TensorFlow 1 crash course, in graph style: W x + b fitted to four
// points by 1000 steps of gradient descent in a session. Nodes are grouped under names, as the
// tutorial does with variable scopes, and the graph is printed so that they can be seen.
//
//   swift run -c release GraphLinearRegression
import Foundation
import Rill

let g = Graph()
// Model parameters
let W = g.variableScope("W") { g.variable([0.3], name: "W") }
let b = g.variableScope("b") { g.variable([-0.3], name: "b") }
// Model input and output; the placeholders take vectors of any length.
let x = g.variableScope("input") { g.placeholder(.float32, shape: [Shape.unknown], name: "x") }
let (linearModel, y) = g.variableScope("output") {
  (W * x + b, g.placeholder(.float32, shape: [Shape.unknown], name: "y"))
}
// The sum of the squares.
let loss = g.nameScope("loss") { square(linearModel - y).sum() }
let train = GradientDescentOptimizer(learningRate: 0.01).minimize(loss)

// Training data and loop.
let feeds: [Placeholder: Tensor] = [x: [1, 2, 3, 4], y: [0, -1, -2, -3]]
let session = Session(graph: g)
try session.run(g.globalVariablesInitializer())
for _ in 0..<1000 {
  try session.run(train, feeding: feeds)
}

// Evaluate training accuracy.
let (currentW, currentB, currentLoss) = try session.run(W, b, loss, feeding: feeds)
print("W: \(currentW) b: \(currentB) loss: \(currentLoss)")
print("\nThe graph's nodes:")
print(g)

// TensorFlow prints W: [-0.9999969] b: [0.99999082] loss: 5.69997e-11.
let w = currentW.scalars(as: Float.self)[0], bias = currentB.scalars(as: Float.self)[0]
let finalLoss = currentLoss.item()
guard abs(w + 0.9999969) < 1e-5, abs(bias - 0.99999082) < 3e-5, finalLoss < 1e-9 else {
  print("FAILED: the fit is not TensorFlow's")
  exit(1)
}
