// The Keras program of the TensorFlow 2 tutorial: a Sequential model (Flatten, Dense 50, ReLU,
// Dense 10 with softmax) compiled with SGD and sparse categorical cross-entropy, fitted for ten
// epochs in batches of 256 with the test set as validation data; then saved, loaded back and
// evaluated, as the tutorial's readers go on to do with `model.save` and `load_model`.
//
//   swift run -c release KerasMNIST [output folder]
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

// The whole model — layers, weights, optimizer and its state — in a directory, and back.
let output = URL(
  fileURLWithPath: CommandLine.arguments.dropFirst().first ?? NSTemporaryDirectory())
let saved = output.appendingPathComponent("keras-mnist-model")
try model.save(to: saved)
let restored = try Model.load(from: saved)
let evaluation = try restored.evaluate(x: testImages, y: test.labels, batchSize: 1000)
print("Saved to \(saved.path); the loaded model's test accuracy: \(evaluation["accuracy"] ?? 0)")

// The tutorial reaches about 0.90 validation accuracy after ten epochs.
let accuracy = history["val_accuracy"].last ?? 0
guard accuracy >= 0.89, evaluation["accuracy"] == accuracy else {
  print("FAILED: validation accuracy \(accuracy) is below 0.89, or the loaded model's differs")
  exit(1)
}
