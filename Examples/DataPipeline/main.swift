// The tf.data program of the TensorFlow 2 tutorial: MNIST as a Dataset — normalized and
// flattened by `map`, shuffled in a buffer of 5000, batched by 256 and prefetched — trained for
// two epochs with a custom loop (a Dense 50 / ReLU / Dense 10 softmax model, SGD 0.05) that
// reports the streaming loss and accuracy every 100 steps and then resets them, with Keras-style
// metrics. The training step is compiled with `Function`, as `@tf.function` would do.
//
//   swift run -c release DataPipeline
import Foundation
import Rill

let (train, test) = try MNIST.load()

/// Flattens an image to 784 floats in [0, 1].
@Sendable func preprocess(_ image: Tensor, _ label: Tensor) -> (Tensor, Tensor) {
  (image.reshaped(to: [784]).cast(to: .float32) / 255, label)
}

let trainDataset = Dataset(tensorSlices: (train.images, train.labels))
  .map(preprocess)
  .shuffle(bufferSize: 5000, seed: 0)
  .batch(256)
  .prefetch(.automatic)
let testDataset = Dataset(tensorSlices: (test.images, test.labels)).map(preprocess).batch(256)

let model = Sequential {
  Dense(50)
  ReLU()
  Dense(10, activation: .softmax)
}
let optimizer = SGD(learningRate: 0.05)
let lossFunction = SparseCategoricalCrossentropy(fromLogits: false)
let lossMetric = Mean(name: "loss")
let accuracyMetric = SparseCategoricalAccuracy()

let trainStep = Function { (x: Tensor, y: Tensor) -> Tensor in
  let tape = GradientTape()
  let (loss, predictions) = tape.record { () -> (Tensor, Tensor) in
    let predictions = model(x, training: true)
    return (lossFunction(y, predictions), predictions)
  }
  optimizer.apply(
    gradients: tape.gradient(of: loss, wrt: model.trainableVariables), to: model.trainableVariables)
  lossMetric.update(values: loss)
  accuracyMetric.update(labels: y, predictions: predictions)
  return loss
}

var lastAccuracy = 0.0
for epoch in 0..<2 {
  for (step, (x, y)) in trainDataset.enumerated() {
    _ = trainStep(x, y)
    if step % 100 == 0 {
      lastAccuracy = accuracyMetric.result().item()
      print(
        "Epoch \(epoch) Step \(step) Loss: \(lossMetric.result().item()) Accuracy: \(lastAccuracy)")
      lossMetric.reset()
      accuracyMetric.reset()
    }
  }
}

let testAccuracy = SparseCategoricalAccuracy()
for (x, y) in testDataset { testAccuracy.update(labels: y, predictions: model(x)) }
print("Test accuracy: \(testAccuracy.result().item())")

// The tutorial's streaming accuracy reaches about 0.89 by the end of the second epoch.
guard lastAccuracy >= 0.86, testAccuracy.result().item() >= 0.87 else {
  print("FAILED: the accuracy is below the tutorial's")
  exit(1)
}
