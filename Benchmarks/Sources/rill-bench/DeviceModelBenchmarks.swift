import Foundation
import Rill

/// The MNIST MLP and the tutorial CNN on `device`: a training step of `fit` (Adam 1e-3, sparse
/// softmax cross-entropy, batch 128) and an inference batch of `predict` (1,000 images), with
/// the weights on the device and the batches coming from the host as in training.
///
/// Figures, in images/s: `<device>.mlp.train_step.b128` and `<device>.cnn.train_step.b128`,
/// over `steps` steps after two warm-up steps (which trace the compiled step), the time running
/// to the loss `fit` reads back at the end; `<device>.mlp.inference.b1000` and
/// `<device>.cnn.inference.b1000`, the median and best of 3 batches after a warm-up one.
func deviceModelBenchmarks(on device: any Device, tag: String, steps: Int) {
  guard let (train, test) = try? MNIST.load() else {
    print("devices: MNIST is not available (set RILL_DATA_DIR)", to: &standardError)
    return
  }
  let images = (train.images.cast(to: .float32) / 255).reshaped(to: [-1, 28, 28, 1])
  let testImages = (test.images.cast(to: .float32) / 255).reshaped(to: [-1, 28, 28, 1])
  let workloads: [(String, Sequential, Tensor, Tensor)] = [
    ("mlp", mnistMLP(), train.images, test.images), ("cnn", tutorialCNN(), images, testImages),
  ]
  for (name, model, x, xTest) in workloads {
    RandomSeed.global = 0
    _ = model(xTest[..<1])
    model.to(device)
    orStop {
      try model.compile(
        optimizer: Adam(learningRate: 1e-3), loss: SparseCategoricalCrossentropy(fromLogits: true))
    }
    /// Seconds of `fit` over the first `count` batches of 128.
    func fitSeconds(_ count: Int) -> Double {
      let start = DispatchTime.now().uptimeNanoseconds
      orStop {
        try model.fit(
          x: x[..<(count * 128)], y: train.labels[..<(count * 128)], batchSize: 128, epochs: 1,
          shuffle: false, verbose: 0)
      }
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
    _ = fitSeconds(2)
    let rate = Double(steps * 128) / fitSeconds(steps)
    emit(Figure(name: "\(tag).\(name).train_step.b128", unit: "images/s", value: rate, best: rate))

    let batch = xTest[..<1000]
    emit(
      passRate("\(tag).\(name).inference.b1000", images: 1000) {
        _ = model.predict(batch, batchSize: 1000).sum().item()
      })
  }
}
