import Foundation
import Rill

/// The MNIST input pipeline of the TF2 tutorial, without a model.
///
/// The figures:
///
/// - `mnist_pipeline`: slices of the training set → map(cast to float32, / 255, flatten) →
///   shuffle(5000) → batch(256) → prefetch(automatic), every batch touched. Examples per second:
///   the median over 5 epochs after a warm-up epoch (Benchmarks/data/tf_data_mnist_pipeline.py
///   measures `tf.data` the same way).
/// - `prefetch_overlap`: 40 batches whose map takes 2 ms each, consumed by a 2 ms "training
///   step", with and without prefetching. Wall time in milliseconds: overlapped, it is close to
///   the larger of the two, not their sum.
func dataBenchmarks() {
  guard let (train, _) = try? MNIST.load() else {
    print("data: MNIST is not available (set RILL_DATA_DIR)")
    return
  }
  let pipeline = Dataset(tensorSlices: (train.images, train.labels))
    .map { image, label in (image.cast(to: .float32).reshaped(to: [784]) / 255, label) }
    .shuffle(bufferSize: 5000, seed: 0)
    .batch(256)
    .prefetch(.automatic)
  func epochSeconds() -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    var touched = 0.0
    for (images, _) in pipeline { touched += images[0, 0].item() }
    precondition(touched.isFinite)
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }
  _ = epochSeconds()
  var rates = (0..<5).map { _ in 60000 / epochSeconds() }
  rates.sort()
  emit(Figure(name: "mnist_pipeline.rill", unit: "examples/s", value: rates[2], best: rates[4]))

  let slowBatches = Dataset(0..<40).map { index -> Int in
    usleep(2000)  // an expensive decode
    return index
  }
  func trainingMilliseconds(_ batches: Dataset<Int>) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in batches { usleep(2000) }  // a training step
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
  }
  let sequential = trainingMilliseconds(slowBatches)
  let prefetched = trainingMilliseconds(slowBatches.prefetch(2))
  emit(
    Figure(
      name: "prefetch_overlap.without_prefetch", unit: "ms", value: sequential, best: sequential))
  emit(
    Figure(name: "prefetch_overlap.with_prefetch", unit: "ms", value: prefetched, best: prefetched))
}
