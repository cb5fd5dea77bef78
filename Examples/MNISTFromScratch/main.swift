// The MNIST programs of the TensorFlow 2 tutorial that train on the whole training set at every
// step: multiclass logistic regression written out by hand, the from-scratch
// `FullyConnectedNetwork` (two `Linear` layers and a ReLU), and the same network as a subclassed
// Keras `Model` and as a `Sequential`, each with gradients from a tape.
//
//   swift run -c release MNISTFromScratch [steps, default 1000 as in the tutorial]
import Foundation
import Rill

let steps = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1000
let (train, test) = try MNIST.load()
let xTrain = train.images.cast(to: .float32).reshaped(to: [-1, 784]) / 255
let xTest = test.images.cast(to: .float32).reshaped(to: [-1, 784]) / 255
let yTrain = Tensor.oneHot(train.labels, depth: 10)
let yTest = Tensor.oneHot(test.labels, depth: 10)

/// The fraction of rows whose most probable class is the one-hot label's.
func accuracy(_ predictions: Tensor, _ labels: Tensor) -> Double {
  (predictions.argmax(alongAxis: 1) .== labels.argmax(alongAxis: 1)).cast(to: .float32).mean()
    .item()
}

/// −Σ y log ŷ per example, as the tutorial writes it for logistic regression.
func categoricalCrossentropy(_ labels: Tensor, _ predictions: Tensor) -> Tensor {
  -(labels * log(predictions)).sum(alongAxes: [1])
}

/// Keras's categorical cross-entropy, which clips probabilities away from 0 and 1 (the
/// tutorial uses it for the networks, whose saturated softmax would give log 0).
let kerasCrossentropy = CategoricalCrossentropy()

/// Trains `model` on the whole training set for `steps` steps of `loss` and returns its test
/// accuracy.
func trainFullBatch(
  _ title: String, _ model: (Tensor) -> Tensor, variables: () -> [Variable], optimizer: Optimizer,
  loss lossFunction: (Tensor, Tensor) -> Tensor = { kerasCrossentropy($0, $1) }
) -> Double {
  print("\n\(title):")
  for step in 0..<steps {
    let tape = GradientTape()
    let (loss, predictions) = tape.record { () -> (Tensor, Tensor) in
      let predictions = model(xTrain)
      return (lossFunction(yTrain, predictions), predictions)
    }
    optimizer.apply(gradients: tape.gradient(of: loss, wrt: variables()), to: variables())
    if step % 100 == 0 { print("Loss: \(loss.item())  Accuracy: \(accuracy(predictions, yTrain))") }
  }
  let testAccuracy = accuracy(model(xTest), yTest)
  print("Test accuracy: \(testAccuracy)")
  return testAccuracy
}

/// x W + b with W and b starting at the given values.
final class Linear {
  let W: Variable
  let b: Variable
  var trainableVariables: [Variable] { [W, b] }

  init(_ inputLength: Int, _ outputLength: Int, random: Bool) {
    W = Variable(
      random
        ? Tensor.randomNormal(shape: [inputLength, outputLength], seed: RandomSeed.nextSeed())
        : Tensor.zeros(shape: [inputLength, outputLength]))
    b = Variable(Tensor.zeros(shape: [outputLength]))
  }

  func callAsFunction(_ x: Tensor) -> Tensor { matmul(x, W) + b }
}

/// The tutorial's network written from scratch: softmax(l2(relu(l1(x)))).
final class FullyConnectedNetwork {
  let l1: Linear
  let l2: Linear
  var trainableVariables: [Variable] { l1.trainableVariables + l2.trainableVariables }

  init(_ inputLength: Int, _ outputLength: Int) {
    l1 = Linear(inputLength, 50, random: true)
    l2 = Linear(50, outputLength, random: true)
  }

  func callAsFunction(_ x: Tensor) -> Tensor { softmax(l2(relu(l1(x)))) }
}

/// The same network as a subclassed Keras model: its layers are found without being listed.
final class Classifier: Model {
  let layer1 = Dense(50, activation: .relu)
  let layer2 = Dense(10)

  override func call(_ input: Tensor, training: Bool) -> Tensor {
    softmax(layer2(layer1(input)))
  }
}

let logistic = Linear(784, 10, random: false)
let logisticAccuracy = trainFullBatch(
  "Multiclass logistic regression", { softmax(logistic($0)) },
  variables: { logistic.trainableVariables },
  optimizer: SGD(learningRate: 0.1), loss: { categoricalCrossentropy($0, $1).mean() })

let network = FullyConnectedNetwork(784, 10)
let networkAccuracy = trainFullBatch(
  "FullyConnectedNetwork from scratch", network.callAsFunction,
  variables: { network.trainableVariables },
  optimizer: SGD(learningRate: 0.1))

let classifier = Classifier()
let classifierAccuracy = trainFullBatch(
  "Subclassed Model", { classifier($0) }, variables: { classifier.trainableVariables },
  optimizer: SGD(learningRate: 0.05))

let sequential = Sequential {
  Dense(50)
  ReLU()
  Dense(10, activation: .softmax)
}
let sequentialAccuracy = trainFullBatch(
  "Sequential", { sequential($0) }, variables: { sequential.trainableVariables },
  optimizer: SGD(learningRate: 0.05))

// With the tutorial's 1000 steps: 0.9096 (logistic regression, as the tutorial prints), about
// 0.68 (the from-scratch network, whose standard-normal weights start it saturated) and 0.92
// (the Keras models). Runs of fewer steps (the tests use 100) are held to lower bars.
let full = steps >= 1000
guard logisticAccuracy >= (full ? 0.9 : 0.85), networkAccuracy >= (full ? 0.6 : 0.25),
  classifierAccuracy >= (full ? 0.9 : 0.8), sequentialAccuracy >= (full ? 0.9 : 0.8)
else {
  print("FAILED: an accuracy is below the tutorial's")
  exit(1)
}
