import Foundation
import RillCore
import RillData
import RillNN
import RillTestSupport
import Testing

/// Training resumed from a checkpoint of the weights and the optimizer's state continues bit
/// for bit as the uninterrupted run does.
@Suite struct OptimizerCheckpointTests {
  /// The optimizers whose state is checked, each with every slot it can have.
  enum Kind: String, CaseIterable, CustomStringConvertible {
    case adam, amsgrad, adamW, sgdNesterov, rmspropCentered, adagrad
    var description: String { rawValue }

    func make() -> Optimizer {
      switch self {
      case .adam: return Adam(learningRate: 0.05)
      case .amsgrad: return Adam(learningRate: 0.05, amsgrad: true)
      case .adamW: return AdamW(learningRate: 0.05, weightDecay: 0.1)
      case .sgdNesterov: return SGD(learningRate: 0.05, momentum: 0.9, nesterov: true)
      case .rmspropCentered:
        return RMSprop(learningRate: 0.01, rho: 0.9, momentum: 0.5, epsilon: 1e-7, centered: true)
      case .adagrad: return Adagrad(learningRate: 0.1)
      }
    }
  }

  /// A small regression: 8 examples of 3 features, 2 targets.
  private let x = Tensor(shape: [8, 3], scalars: (0..<24).map { Float(($0 * 7) % 11) / 5 - 1 })
  private let y = Tensor(shape: [8, 2], scalars: (0..<16).map { Float(($0 * 5) % 7) / 3 - 1 })

  /// The model's variables, keyed as in a checkpoint, starting from `scale` times fixed values.
  private func model(scale: Float) -> [String: Variable] {
    [
      "dense.kernel": Variable(
        Tensor(shape: [3, 2], scalars: [0.3, -0.2, 0.1, 0.5, -0.4, 0.2].map { $0 * scale }),
        name: "kernel"),
      "dense.bias": Variable(Tensor([0.1, -0.1].map { $0 * scale } as [Float]), name: "bias"),
      "dense.frozen": Variable(Tensor([1] as [Float]), name: "frozen", trainable: false),
    ]
  }

  /// Takes `count` steps of mean squared error on the model.
  private func train(_ model: [String: Variable], _ optimizer: Optimizer, steps count: Int) {
    let variables = [model["dense.kernel"], model["dense.bias"]].compactMap { $0 }
    for _ in 0..<count {
      let tape = GradientTape()
      let loss = tape.record { square(matmul(x, variables[0]) + variables[1] - y).mean() }
      optimizer.apply(gradients: tape.gradient(of: loss, wrt: variables), to: variables)
    }
  }

  private func checkpoint(_ model: [String: Variable], _ optimizer: Optimizer) -> Checkpoint {
    var checkpoint = Checkpoint(model)
    checkpoint.add(optimizer.checkpointVariables(for: model))
    return checkpoint
  }

  @Test(arguments: Kind.allCases)
  func testResumingFromACheckpointIsBitIdentical(kind: Kind) throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("ckpt.safetensors")

    // The uninterrupted run: 3 steps, a checkpoint, 4 more.
    let original = model(scale: 1)
    let optimizer = kind.make()
    train(original, optimizer, steps: 3)
    try checkpoint(original, optimizer).save(to: url)
    train(original, optimizer, steps: 4)

    // The resumed run: fresh variables and a fresh optimizer, restored, then the same 4 steps.
    let resumed = model(scale: 0)
    let resumedOptimizer = kind.make()
    try checkpoint(resumed, resumedOptimizer).restore(from: url)
    #expect(resumedOptimizer.iterations.item(as: Int64.self) == 3)
    train(resumed, resumedOptimizer, steps: 4)
    for name in original.keys {
      assertIdentical(try #require(resumed[name]), try #require(original[name]), "\(kind) \(name)")
    }

    // Without the optimizer's state the run takes another path: the test can fail.
    let weightsOnly = model(scale: 0)
    let saved = try Safetensors.read(contentsOf: url).tensors
    try Checkpoint(weightsOnly).restore(from: saved.filter { !$0.key.hasPrefix("optimizer/") })
    train(weightsOnly, kind.make(), steps: 4)
    #expect(
      weightsOnly["dense.kernel"]?.bytes != original["dense.kernel"]?.bytes,
      "\(kind): restoring the weights alone gave the same result")
  }

  @Test func testStateVariablesAreNamedByKeyAndSlot() {
    let model = model(scale: 1)
    let adam = Adam(learningRate: 0.1, amsgrad: true)
    let state = adam.checkpointVariables(for: model)
    #expect(
      state.keys.sorted() == [
        "optimizer/dense.bias/m", "optimizer/dense.bias/v", "optimizer/dense.bias/vhat",
        "optimizer/dense.kernel/m", "optimizer/dense.kernel/v", "optimizer/dense.kernel/vhat",
        "optimizer/iterations", "optimizer/learning_rate",
      ])
    #expect(state["optimizer/iterations"] === adam.iterations)
    let kernel = model["dense.kernel"].map { adam.slots(for: $0) } ?? []
    #expect(state["optimizer/dense.kernel/m"] === kernel.first)
    let sgd = SGD(learningRate: 0.1).checkpointVariables(for: model, prefix: "generator")
    #expect(sgd.keys.sorted() == ["generator/iterations", "generator/learning_rate"])
    let adagrad = Adagrad().checkpointVariables(for: model)
    #expect(adagrad["optimizer/dense.kernel/accumulator"] != nil)
  }

  @Test func aLearningRateChangedDuringTrainingIsRestored() throws {
    let weights = ["w": Variable(Tensor.ones(shape: [2]), name: "w")]
    let trained = SGD(learningRate: 0.1)
    trained.learningRate = 0.01  // as a callback would lower it
    let saved = trained.checkpointVariables(for: weights).mapValues(\.value)
    let fresh = SGD(learningRate: 0.1)
    let checkpoint = Checkpoint(fresh.checkpointVariables(for: weights))
    try checkpoint.restore(from: saved)
    #expect(abs(fresh.learningRate - 0.01) < 1e-9)
  }
}
