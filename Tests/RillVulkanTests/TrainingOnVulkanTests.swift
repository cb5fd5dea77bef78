import Foundation
import RillCore
import RillData
import RillNN
import RillVulkan
import Testing

/// Whole models trained by `fit` on Vulkan and on the CPU from the same starting weights.
///
/// The losses follow the CPU's (the kernels sum in other orders, so not to the bit) and the
/// accuracy is the CPU's. Short runs, as lavapipe is slow.
@Suite(.serialized) struct TrainingOnVulkanTests {
  /// MNIST from the shared data beside the package root unless RILL_DATA_DIR says otherwise.
  private func mnist() throws -> (train: LabeledImages, test: LabeledImages) {
    if ProcessInfo.processInfo.environment["RILL_DATA_DIR"]?.isEmpty ?? true {
      let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
      setenv(
        "RILL_DATA_DIR",
        root.deletingLastPathComponent().appendingPathComponent("shared/data").path, 1)
    }
    let (train, test) = try MNIST.load(download: false)
    return (train, test)
  }

  /// Trains `make()` on the CPU and on Vulkan from the same weights; returns both accuracies.
  private func trainBoth(
    _ make: () -> Sequential, sample: Tensor, x: Tensor, y: Tensor, testX: Tensor, testY: Tensor,
    epochs: Int
  ) throws -> (cpu: Double, vulkan: Double, cpuLoss: [Double], vulkanLoss: [Double]) {
    let onCPU = make()
    let onVulkan = make()
    _ = onCPU(sample)
    _ = onVulkan(sample)
    for (source, target) in zip(onCPU.variables, onVulkan.variables) { target.assign(source) }
    onVulkan.to(vulkan)
    #expect(onVulkan.variables.allSatisfy { $0.device === vulkan })
    var accuracies: [Double] = []
    var losses: [[Double]] = []
    for model in [onCPU, onVulkan] {
      try model.compile(
        optimizer: Adam(learningRate: 0.002),
        loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"])
      let history = try model.fit(
        x: x, y: y, batchSize: 64, epochs: epochs, shuffle: false, verbose: 0)
      losses.append(history["loss"])
      accuracies.append(try model.evaluate(x: testX, y: testY)["accuracy", default: 0])
    }
    for variable in onVulkan.variables {
      #expect(variable.device === vulkan, "\(variable.name) left the Vulkan device")
    }
    return (accuracies[0], accuracies[1], losses[0], losses[1])
  }

  @Test func mnistMLPTrainsOnVulkanToTheCPUAccuracy() throws {
    let (train, test) = try mnist()
    let result = try trainBoth(
      {
        Sequential {
          Flatten()
          Dense(128, activation: .relu)
          Dense(10)
        }
      }, sample: Tensor.zeros(shape: [1, 28, 28]),
      x: train.images[0..<4000].cast(to: .float32) / 255, y: train.labels[0..<4000],
      testX: test.images[0..<1000].cast(to: .float32) / 255, testY: test.labels[0..<1000],
      epochs: 2)
    #expect(result.cpu > 0.85)
    #expect(Swift.abs(result.vulkan - result.cpu) < 0.01, "accuracy \(result)")
    for (cpu, gpu) in zip(result.cpuLoss, result.vulkanLoss) {
      #expect(Swift.abs(cpu - gpu) < 1e-3 * Swift.max(1, cpu), "losses \(result)")
    }
  }

  @Test func tutorialCNNTrainsOnVulkanToTheCPUAccuracy() throws {
    let (train, test) = try mnist()
    // The tutorial's deep MNIST CNN, layer for layer, on a subset for one epoch. The dropout is
    // seeded, so both devices drop the same units.
    let result = try trainBoth(
      {
        Sequential {
          Conv2D(32, kernelSize: 5, padding: .same, activation: .relu)
          MaxPool2D(poolSize: 2)
          Conv2D(64, kernelSize: 5, padding: .same, activation: .relu)
          MaxPool2D(poolSize: 2)
          Flatten()
          Dense(1024, activation: .relu)
          Dropout(rate: 0.4, seed: 7)
          Dense(10)
        }
      }, sample: Tensor.zeros(shape: [1, 28, 28, 1]),
      x: train.images[0..<1536].reshaped(to: [-1, 28, 28, 1]).cast(to: .float32) / 255,
      y: train.labels[0..<1536],
      testX: test.images[0..<500].reshaped(to: [-1, 28, 28, 1]).cast(to: .float32) / 255,
      testY: test.labels[0..<500], epochs: 1)
    #expect(result.cpu > 0.8)
    #expect(Swift.abs(result.vulkan - result.cpu) < 0.02, "accuracy \(result)")
  }
}
