import Foundation
import Rill

/// The tutorial CNN of anchor workload w3, as a Keras-style model trained by `fit` (compiled
/// steps): 5×5×32 SAME relu → max-pool 2 → 5×5×64 SAME relu → max-pool 2 → dense 1024 relu →
/// dense 10 logits, no dropout; sparse softmax cross-entropy, Adam 1e-3, batch 128, inputs / 255.
///
/// Figures: `cnn_train.rill`, training images/s over 50 steps after 5 warm-up steps (timed from
/// the end of step 5 to the end of step 55); `cnn_inference.rill`, images/s of `predict` at
/// batch 1000 over the 10,000 test images (the median of 3 passes after one warm-up); with
/// `RILL_CNN_EPOCH=1`, `cnn_accuracy.rill`, the test accuracy after exactly one epoch (the
/// weights and the shuffle drawn from `RandomSeed.global`, which `RILL_SEED` sets; 0 otherwise).
func tutorialCNNBenchmarks() {
  RandomSeed.global = ProcessInfo.processInfo.environment["RILL_SEED"].flatMap { UInt64($0) } ?? 0
  guard let (train, test) = try? MNIST.load() else {
    print("cnn: MNIST is not available (set RILL_DATA_DIR)")
    return
  }
  let x = (train.images.cast(to: .float32) / 255).reshaped(to: [-1, 28, 28, 1])
  let xTest = (test.images.cast(to: .float32) / 255).reshaped(to: [-1, 28, 28, 1])
  let model = tutorialCNN()
  orStop {
    try model.compile(
      optimizer: Adam(learningRate: 1e-3), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
  }

  let fullEpoch = ProcessInfo.processInfo.environment["RILL_CNN_EPOCH"] == "1"
  let steps = fullEpoch ? 469 : 55
  var batchEnds: [UInt64] = []
  let timer = LambdaCallback(onTrainBatchEnd: { _, _ in
    batchEnds.append(DispatchTime.now().uptimeNanoseconds)
  })
  let examples = min(steps * 128, 60000)
  orStop {
    try model.fit(
      x: x[..<examples], y: train.labels[..<examples], batchSize: 128, epochs: 1,
      callbacks: [timer], verbose: 0)
  }
  let timed = Double(batchEnds[54] - batchEnds[4]) / 1e9
  let rate = 50 * 128 / timed
  emit(Figure(name: "cnn_train.rill", unit: "images/s", value: rate, best: rate))

  emit(
    passRate("cnn_inference.rill", images: Double(xTest.shape[0])) {
      _ = model.predict(xTest, batchSize: 1000)
    })
  if fullEpoch {
    let accuracy =
      orStop { try model.evaluate(x: xTest, y: test.labels, batchSize: 1000)["accuracy"] } ?? 0
    emit(Figure(name: "cnn_accuracy.rill", unit: "test accuracy", value: accuracy, best: accuracy))
  }
}

/// The tutorial CNN's layers, unbuilt: 5×5×32 SAME relu → max-pool 2 → 5×5×64 SAME relu →
/// max-pool 2 → dense 1024 relu → dense 10 logits.
func tutorialCNN() -> Sequential {
  Sequential {
    Conv2D(32, kernelSize: 5, padding: .same, activation: .relu)
    MaxPooling2D(poolSize: 2)
    Conv2D(64, kernelSize: 5, padding: .same, activation: .relu)
    MaxPooling2D(poolSize: 2)
    Flatten()
    Dense(1024, activation: .relu)
    Dense(10)
  }
}
