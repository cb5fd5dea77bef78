// The linear regression of the TensorFlow 2 tutorial: fit y = m x + b to noisy points, first in
// closed form, then by gradient descent three ways — a hand-written update, a small `Linear`
// model with its trainable variables, and the SGD optimizer.
//
//   swift run -c release LinearRegression
import Foundation
import Rill

let x = Tensor.range(1, 5, 0.1)  // 40 points, as tf.range(1., 5., 0.1)
let y = 3.5 * x - 1 + Tensor.randomUniform(shape: x.shape, lowerBound: -1, upperBound: 1, seed: 0)

/// Mean squared error, as the tutorial writes it.
func mse(_ labels: Tensor, _ predictions: Tensor) -> Tensor {
  square(labels - predictions).mean()
}

// The closed form: m = Sxy / Sxx, b = ȳ − m x̄.
let sxx = square(x - x.mean()).mean()
let sxy = ((x - x.mean()) * (y - y.mean())).mean()
let closedM = sxy / sxx
let closedB = y.mean() - closedM * x.mean()
print(
  "Closed form: m = \(closedM.item()), b = \(closedB.item()), loss = \(mse(y, x * closedM + closedB).item())"
)

let learningRate = 0.05

print("\nGradient descent with a hand-written update:")
let m = Variable(1.0), b = Variable(0.0)
for step in 0..<100 {
  let tape = GradientTape()
  let loss = tape.record { mse(y, x * m + b) }
  let (dm, db) = tape.gradient(of: loss, wrt: m, b)
  m.assignSub(learningRate * dm)
  b.assignSub(learningRate * db)
  if step % 10 == 0 { print("Loss: \(loss.item())") }
}
print("m = \(m.item()), b = \(b.item())")

/// y = m x + b with trainable m and b, as the tutorial's `Linear` class.
final class Linear {
  let m = Variable(1.0, name: "m")
  let b = Variable(0.0, name: "b")
  var trainableVariables: [Variable] { [m, b] }

  func callAsFunction(_ x: Tensor) -> Tensor { m * x + b }
}

print("\nGradient descent on a Linear model:")
let model = Linear()
for step in 0..<100 {
  let tape = GradientTape()
  let loss = tape.record { mse(y, model(x)) }
  let gradients = tape.gradient(of: loss, wrt: model.trainableVariables)
  for (variable, gradient) in zip(model.trainableVariables, gradients) {
    if let gradient { variable.assignSub(learningRate * gradient) }
  }
  if step % 10 == 0 { print("Loss: \(loss.item())") }
}

print("\nThe same with the SGD optimizer:")
let sgdModel = Linear()
let optimizer = SGD(learningRate: learningRate)
var finalLoss = 0.0
for step in 0..<100 {
  let tape = GradientTape()
  let loss = tape.record { mse(y, sgdModel(x)) }
  optimizer.apply(
    gradients: tape.gradient(of: loss, wrt: sgdModel.trainableVariables),
    to: sgdModel.trainableVariables)
  finalLoss = loss.item()
  if step % 10 == 0 { print("Loss: \(finalLoss)") }
}
print("m = \(sgdModel.m.item()), b = \(sgdModel.b.item())")

// The tutorial's results: the estimates of m agree, and the loss falls below 0.7.
let gap = abs(sgdModel.m.item() - closedM.item())
print("\n|m(descent) − m(closed form)| = \(gap); final loss \(finalLoss)")
guard gap < 0.2, finalLoss < 0.7, m.item() == sgdModel.m.item() else {
  print("FAILED: the descent did not reach the tutorial's fit")
  exit(1)
}
