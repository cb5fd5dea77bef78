import Foundation
import RillCore
import RillNN
import RillTestSupport
import Testing

// The examples of the "Extending Rill" article (RillNN's DocC catalog), compiled and run: a
// custom layer, optimizer, loss and metric train, save with the model and load compiled.

// MARK: The article's code

/// A learned factor per feature: y = x · factor.
final class Scale: Layer, SavableLayer {
  let initialValue: Double
  private(set) var factor: Variable?

  init(initialValue: Double = 1, name: String? = nil) {
    self.initialValue = initialValue
    super.init(name: name)
  }

  override func build(inputShape: Shape) {
    let features = inputShape[inputShape.rank - 1]
    factor = addWeight("factor", shape: [features], initializer: Constant(initialValue))
  }

  override func call(_ input: Tensor, training: Bool) -> Tensor {
    guard let factor else { fatalError("\(name): called before it was built") }
    return input * factor
  }

  func configuration() -> [String: ConfigurationValue] { ["initial_value": .double(initialValue)] }

  convenience init(configuration: Configuration, name: String) throws {
    self.init(initialValue: try configuration.double("initial_value"), name: name)
  }
}

/// Steps of a fixed size against the sign of a running mean of the gradients.
final class SignDescent: Optimizer, SavableOptimizer {
  let momentum: Double

  init(learningRate: Double = 0.01, momentum: Double = 0.9) {
    self.momentum = momentum
    super.init(learningRate: learningRate)
  }

  override var name: String { "SignDescent" }

  override func makeSlots(for variable: Variable) -> [Variable] {
    [zerosSlot(for: variable, named: "average")]
  }

  override func update(
    _ variable: Variable, gradient: Tensor, slots: [Variable], learningRate: Tensor, step: Tensor
  ) {
    let average = slots[0]
    average.assign(average * momentum + gradient * (1 - momentum))
    variable.assignSub(learningRate * sign(average))
  }

  func configuration() -> [String: ConfigurationValue] { ["momentum": .double(momentum)] }

  convenience init(configuration: Configuration) throws {
    self.init(momentum: try configuration.double("momentum"))
  }
}

/// log(cosh(prediction − label)), averaged over the last axis: quadratic for small errors,
/// linear for large ones.
struct LogCosh: SavableLoss {
  var reduction: LossReduction
  var name: String { "log_cosh" }

  init(reduction: LossReduction = .sumOverBatchSize) {
    self.reduction = reduction
  }

  func perExample(labels: Tensor, predictions: Tensor) -> Tensor {
    // log cosh e = |e| + log(1 + e^(−2|e|)) − log 2, which does not overflow for large |e|.
    let error = abs(predictions - labels)
    return (error + log1p(exp(-2 * error)) - 0.693_147_180_559_945_3).mean(alongAxes: [-1])
  }

  init(configuration: Configuration) throws {
    self.init(reduction: try configuration.reduction())
  }
}

/// The fraction of predictions within `tolerance` of their labels.
final class WithinTolerance: Mean, SavableMetric {
  let tolerance: Double

  init(tolerance: Double, name: String = "within_tolerance") {
    self.tolerance = tolerance
    super.init(name: name)
  }

  override func update(labels: Tensor, predictions: Tensor, sampleWeight: Tensor? = nil) {
    let close = abs(predictions - labels) .<= Tensor(tolerance, dtype: predictions.dtype)
    update(values: close, sampleWeight: sampleWeight)
  }

  func configuration() -> [String: ConfigurationValue] { ["tolerance": .double(tolerance)] }

  convenience init(configuration: Configuration, name: String) throws {
    self.init(tolerance: try configuration.double("tolerance"), name: name)
  }
}

/// Registers the article's classes, once per test process.
let registerArticleClasses: Void = {
  LayerRegistry.register(Scale.self)
  OptimizerRegistry.register(SignDescent.self)
  LossRegistry.register(LogCosh.self)
  MetricRegistry.register(WithinTolerance.self)
}()

// MARK: The tests

@Suite struct ExtendingRillTests {
  /// 64 examples of y = x · [1, −2, 0.5] + 0.3.
  private let x = Tensor.randomNormal(shape: [64, 3], seed: 21)
  private var y: Tensor {
    matmul(x, Tensor(shape: [3, 1], scalars: [1, -2, 0.5] as [Float])) + 0.3
  }

  private func model() -> Sequential {
    Sequential {
      Dense(8, activation: .tanh, kernelInitializer: GlorotUniform(seed: 1))
      Scale(initialValue: 0.5)
      Dense(1, kernelInitializer: GlorotUniform(seed: 2))
    }
  }

  @Test func logCoshMatchesItsDefinition() {
    // log cosh 1 = 0.43378083, log cosh 3 = 2.30932850, log cosh 0.5 = 0.12011451,
    // log cosh 2 = 1.32500275 (from cosh = (eˣ + e⁻ˣ)/2); each row's mean.
    let labels = Tensor(shape: [2, 2], scalars: [0, 0, 1, -1] as [Float])
    let predictions = Tensor(shape: [2, 2], scalars: [1, 3, 1.5, 1] as [Float])
    let perExample = LogCosh().perExample(labels: labels, predictions: predictions)
    assertClose(
      perExample,
      Tensor([(0.43378083 + 2.30932850) / 2, (0.12011451 + 1.32500275) / 2] as [Float]),
      rtol: 1e-6, atol: 1e-6)
  }

  @Test func customClassesTrainSaveAndLoadCompiled() throws {
    _ = registerArticleClasses
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let trained = model()
    try trained.compile(
      optimizer: SignDescent(learningRate: 0.02, momentum: 0.8), loss: LogCosh(),
      metrics: [WithinTolerance(tolerance: 0.25, name: "close")])
    let history = try trained.fit(x: x, y: y, batchSize: 16, epochs: 6, shuffle: false, verbose: 0)
    let losses = history["loss"]
    #expect(losses.count == 6 && losses[5] < 0.7 * losses[0], "losses: \(losses)")
    try trained.save(to: directory)

    let loaded = try #require(try Model.load(from: directory) as? Sequential)
    let scale = try #require(loaded.layers[1] as? Scale)
    #expect(scale.initialValue == 0.5)
    let optimizer = try #require(loaded.optimizer as? SignDescent)
    #expect(optimizer.momentum == 0.8 && optimizer.learningRate == Double(Float(0.02)))
    #expect(optimizer.iterations.item(as: Int64.self) == 24)
    #expect(loaded.loss is LogCosh)
    let metric = try #require(loaded.metrics.first as? WithinTolerance)
    #expect(metric.tolerance == 0.25 && metric.name == "close")
    assertIdentical(loaded.predict(x), trained.predict(x))

    // The optimizer's running averages came back too: one more epoch gives the same weights.
    _ = try trained.fit(x: x, y: y, batchSize: 16, epochs: 1, shuffle: false, verbose: 0)
    _ = try loaded.fit(x: x, y: y, batchSize: 16, epochs: 1, shuffle: false, verbose: 0)
    for ((key, original), (_, restored)) in zip(trained.namedVariables, loaded.namedVariables) {
      assertIdentical(restored, original, key)
    }
  }

  @Test func anUnregisteredOptimizerSavesTheModelUncompiled() throws {
    _ = registerArticleClasses
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    /// An optimizer with no saved form.
    final class Plain: Optimizer {
      override func update(
        _ variable: Variable, gradient: Tensor, slots: [Variable], learningRate: Tensor,
        step: Tensor
      ) { variable.assignSub(learningRate * gradient) }
    }
    let trained = model()
    try trained.compile(optimizer: Plain(learningRate: 0.1), loss: "mse", metrics: ["mae"])
    _ = trained(x)
    try trained.save(to: directory)
    let loaded = try Model.load(from: directory)
    #expect(loaded.optimizer == nil && loaded.loss == nil)
    let json = try String(
      contentsOf: directory.appendingPathComponent("config.json"), encoding: .utf8)
    #expect(json.contains("\"compile_config\" : null"))
    #expect(json.contains("\"unsaved_metrics\" : [\n    \"mae\"\n  ]"))
  }

  @Test func theArticleShowsThisFilesCode() throws {
    // The article's code blocks, less their `register` lines, stand in this file as they are,
    // so that what the article shows is what this suite compiles and runs.
    let here = URL(fileURLWithPath: #filePath)
    let root = here.deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let article = try String(
      contentsOf: root.appendingPathComponent("Sources/RillNN/Documentation.docc/ExtendingRill.md"),
      encoding: .utf8)
    let source = try String(contentsOf: here, encoding: .utf8)
    let blocks = article.components(separatedBy: "```swift\n").dropFirst().map {
      $0.components(separatedBy: "```")[0]
    }
    #expect(blocks.count == 3)
    for block in blocks {
      let code = block.split(separator: "\n", omittingEmptySubsequences: false)
        .filter { !$0.contains("Registry.register(") }.joined(separator: "\n")
        .trimmingCharacters(in: .whitespacesAndNewlines)
      #expect(source.contains(code), "the article's block starting \(code.prefix(60))")
    }
  }
}
