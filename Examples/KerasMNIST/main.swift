// The Keras program of the TensorFlow 2 tutorial: a Sequential model (Flatten, Dense 50, ReLU,
// Dense 10 with softmax) compiled with SGD and sparse categorical cross-entropy, fitted for ten
// epochs in batches of 256 with the test set as validation data.
//
//   swift run -c release KerasMNIST
import Foundation
import Rill

let (train, test) = try MNIST.load()
let trainImages = train.images.cast(to: .float32) / 255
let testImages = test.images.cast(to: .float32) / 255

let model = Sequential {
  Flatten()
  Dense(50)
  ReLU()
  Dense(10, activation: .softmax)
}
try model.compile(optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
let history = try model.fit(
  x: trainImages, y: train.labels, batchSize: 256, epochs: 10,
  validationData: (testImages, test.labels))
print(model.summary())

let probabilities = model.predict(testImages[..<5])
print("Predicted digits:", probabilities.argmax(alongAxis: 1), " labels:", test.labels[..<5])

// The tutorial reaches about 0.90 validation accuracy after ten epochs.
let accuracy = history["val_accuracy"].last ?? 0
guard accuracy >= 0.89 else {
  print("FAILED: validation accuracy \(accuracy) is below 0.89")
  exit(1)
}
