import Foundation
import RillCore
import RillData
import RillNN
import RillTestSupport
import Testing

/// Models on a device other than the CPU: `model.to(device)` moves the weights and the
/// optimizer's state, and `fit`, `evaluate` and `predict` then run there.
@Suite struct ModelDeviceTests {
  /// The MNIST MLP of the Keras tutorial, trained on a ``SealedDevice`` (whose memory the front
  /// end cannot read) and on the CPU from the same starting weights: since the sealed device
  /// runs the CPU's kernels on copies, the losses and the trained weights must be the same to
  /// the bit, and everything must have stayed on the sealed device.
  @Test func mnistMLPTrainsOnASealedDeviceAsOnTheCPU() throws {
    // The shared data beside the package root (Tests/RillNNTests/Devices/ is three folders
    // down), unless RILL_DATA_DIR says otherwise, as the data tests find it.
    if ProcessInfo.processInfo.environment["RILL_DATA_DIR"]?.isEmpty ?? true {
      let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      setenv(
        "RILL_DATA_DIR",
        root.deletingLastPathComponent().appendingPathComponent("shared/data").path, 1)
    }
    let (train, test) = try MNIST.load(download: false)
    let x = train.images[0..<6000].cast(to: .float32) / 255
    let y = train.labels[0..<6000]
    let testX = test.images[0..<2000].cast(to: .float32) / 255
    let testY = test.labels[0..<2000]

    func mlp() -> Sequential {
      Sequential {
        Flatten()
        Dense(128, activation: .relu)
        Dense(10)
      }
    }
    let onCPU = mlp()
    let onSealed = mlp()
    // One call builds every layer's weights; the sealed model then starts from the CPU's.
    _ = onCPU(Tensor.zeros(shape: [1, 28, 28]))
    _ = onSealed(Tensor.zeros(shape: [1, 28, 28]))
    #expect(onSealed.variables.count == 4)
    for (source, target) in zip(onCPU.variables, onSealed.variables) { target.assign(source) }

    let sealed = SealedDevice(index: 7)
    onSealed.to(sealed)
    #expect(onSealed.variables.allSatisfy { $0.device === sealed })

    var histories: [History] = []
    for model in [onCPU, onSealed] {
      try model.compile(
        optimizer: Adam(learningRate: 0.002),
        loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"])
      histories.append(
        try model.fit(x: x, y: y, batchSize: 64, epochs: 2, shuffle: false, verbose: 0))
    }
    #expect(histories[0]["loss"] == histories[1]["loss"])
    #expect(histories[0]["accuracy"] == histories[1]["accuracy"])
    for (cpu, device) in zip(onCPU.variables, onSealed.variables) {
      #expect(device.device === sealed, "\(device.name) left the sealed device")
      // Compared as a whole (an element-by-element difference of 100,000 numbers is slow).
      let failure = closenessFailure(device, cpu, rtol: 0, atol: 0)
      #expect(failure == nil, "\(device.name): \(failure ?? "")")
    }
    let logs = try onSealed.evaluate(x: testX, y: testY)
    #expect(logs["accuracy", default: 0] > 0.85)
    #expect(onSealed.predict(testX, batchSize: 500).device === sealed)
    #expect(sealed.operationCounts["matmul", default: 0] > 100)
  }

  /// A weight's bytes as the sealed device stores them are not its elements: a path that read
  /// device memory directly would see wrong numbers.
  @Test func sealedMemoryIsScrambled() {
    let sealed = SealedDevice(index: 8)
    let x = Tensor(shape: [4], scalars: [1, 2, 3, 4] as [Float], on: sealed)
    let plain = [1, 2, 3, 4].map { Float($0) }.withUnsafeBytes { Array($0) }
    let stored = sealed.storedBuffers
    #expect(stored.count == 1)
    #expect(stored.first?.count == plain.count)
    #expect(stored.first != plain)
    #expect(x.scalars(as: Float.self) == [1, 2, 3, 4])
  }
}
