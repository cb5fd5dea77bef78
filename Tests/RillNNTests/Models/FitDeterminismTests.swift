import RillCore
import RillNN
import RillTestSupport
import Testing

/// Training with `fit` gives bit-identical weights and losses whatever the number of threads
/// (DESIGN.md, Determinism): every kernel splits its work into chunks of a fixed size and
/// combines them in a fixed order.
struct FitDeterminismTests {
  /// A network large enough that its products, elementwise passes and reductions are split
  /// between threads (512 × 512 activations per step), with a seeded dropout mask.
  private func model() -> Sequential {
    Sequential {
      Conv2D(
        4, kernelSize: 3, padding: .same, activation: .relu,
        kernelInitializer: GlorotUniform(seed: 1))
      Flatten()
      Dense(512, activation: .relu, kernelInitializer: GlorotUniform(seed: 2))
      Dropout(rate: 0.25, seed: 3)
      Dense(10, kernelInitializer: GlorotUniform(seed: 4))
    }
  }

  /// The weights and the per-epoch losses after two epochs of Adam with `threads` threads.
  private func train(threads: Int) throws -> (weights: [Tensor], losses: [Double]) {
    let saved = Threading.threadCount
    defer { Threading.threadCount = saved }
    Threading.threadCount = threads
    let x = Tensor.randomNormal(shape: [1024, 16, 16, 1], seed: 5)
    let y = Tensor.randomUniform(shape: [1024], lowerBound: 0, upperBound: 10, seed: 6)
      .cast(to: .int32)
    let network = model()
    try network.compile(
      optimizer: Adam(learningRate: 1e-3), loss: SparseCategoricalCrossentropy(fromLogits: true))
    // Shuffling draws from the global seed, which tests running beside this one also draw from:
    // the order is fixed here, so that only the thread count differs between runs.
    let history = try network.fit(
      x: x, y: y, batchSize: 512, epochs: 2, shuffle: false, verbose: 0)
    return (network.variables.map(\.value), history["loss"])
  }

  @Test func fitIsBitIdenticalWhateverTheThreadCount() throws {
    let one = try train(threads: 1)
    #expect(one.losses.count == 2 && one.losses.allSatisfy(\.isFinite))
    for threads in [2, 3, 4] {
      let other = try train(threads: threads)
      #expect(other.losses == one.losses, "\(threads) threads")
      #expect(other.weights.count == one.weights.count)
      for (a, b) in zip(other.weights, one.weights) { assertIdentical(a, b, "\(threads) threads") }
    }
  }
}
