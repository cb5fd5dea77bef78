// Binary logistic regression: a weighted sum of the features gives a logit, the logistic
// sigmoid turns it into a probability, and gradient descent on the binary cross-entropy fits
// the weights. The data are two overlapping clouds of points.
//
//   swift run -c release LogisticRegression
import Foundation
import Rill

let perClass = 250
let negatives = Tensor.randomNormal(shape: [perClass, 2], mean: -1, standardDeviation: 1, seed: 1)
let positives = Tensor.randomNormal(shape: [perClass, 2], mean: 1.5, standardDeviation: 1, seed: 2)
let x = concat([negatives, positives])
let y = concat([Tensor.zeros(shape: [perClass, 1]), Tensor.ones(shape: [perClass, 1])])

let weights = Variable(Tensor.zeros(shape: [2, 1]), name: "weights")
let bias = Variable(Tensor.zeros(shape: [1]), name: "bias")
let optimizer = SGD(learningRate: 0.5)

/// The probability of class 1 for each row of `features`.
func predict(_ features: Tensor) -> Tensor {
  sigmoid(matmul(features, weights) + bias)
}

for step in 0...300 {
  let tape = GradientTape()
  let loss = tape.record { binaryCrossentropy(labels: y, predictions: predict(x)).mean() }
  optimizer.apply(gradients: tape.gradient(of: loss, wrt: [weights, bias]), to: [weights, bias])
  if step % 50 == 0 {
    let accuracy = ((predict(x) .> 0.5).cast(to: .float32) .== y).cast(to: .float32).mean()
    print("step \(step): loss \(loss.item()), accuracy \(accuracy.item())")
  }
}

let accuracy = ((predict(x) .> 0.5).cast(to: .float32) .== y).cast(to: .float32).mean().item()
print("weights \(weights.flattened()), bias \(bias.item()), accuracy \(accuracy)")
// The classes' centers are 2.5·√2 apart with unit spread: the best boundary gets about 96 %.
guard accuracy > 0.93 else {
  print("FAILED: accuracy \(accuracy) is below what the data allow")
  exit(1)
}
