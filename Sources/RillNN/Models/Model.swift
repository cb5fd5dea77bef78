import RillCore

/// A layer with a training loop: `compile` it with an optimizer, a loss and metrics, then
/// `fit`, `evaluate` and `predict`.
///
/// Subclass it to write a model as code, with layers as properties (they and their weights are
/// found without being listed):
///
/// ```swift
/// final class Classifier: Model {
///   let hidden = Dense(128, activation: .relu)
///   let output = Dense(10)
///   override func call(_ input: Tensor, training: Bool) -> Tensor {
///     output(hidden(input.reshaped(to: [-1, 784])))
///   }
/// }
/// let model = Classifier()
/// try model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"])
/// let history = try model.fit(x: images, y: labels, batchSize: 128, epochs: 5)
/// ```
/// or use ``Sequential`` for a stack of layers. Keras: `keras.Model`.
open class Model: Layer {
  /// The optimizer set by `compile`.
  public internal(set) var optimizer: Optimizer?
  /// The loss set by `compile`.
  public internal(set) var loss: (any Loss)?
  /// The metrics set by `compile` (besides the loss).
  public internal(set) var metrics: [Metric] = []
  /// Set by a callback to end `fit` after the current epoch (or batch).
  public var stopTraining = false
  /// Whether `fit`, `evaluate` and `predict` run their steps op by op.
  ///
  /// By default they run them as compiled functions (see `Function`), traced once per batch shape;
  /// set this to debug a step, or for a ``trainStep(_:_:)`` override that reads values (`item()`)
  /// as it runs. Keras: `run_eagerly`.
  public var runEagerly = false
  /// The strategy the model trains under, adopted by `compile` from the enclosing
  /// ``DistributionStrategy/scope(_:)`` (`nil` for training in this process alone).
  public internal(set) var distributionStrategy: (any DistributionStrategy)?
  /// An error a callback met at the end of an epoch (a checkpoint that could not be written,
  /// say); `fit` stops and throws it.
  var callbackFailure: (any Error)?

  /// The running mean of the training loss over an epoch, weighted by batch size.
  ///
  /// It is the `loss` that `fit` logs, updated inside the compiled training step next to the
  /// metrics.
  let trainingLossTracker = Mean(name: "loss")
  /// The running mean of the loss over an evaluation, updated inside the compiled test step.
  let evaluationLossTracker = Mean(name: "loss")

  /// The compiled steps, traced on first use and dropped by `compile`.
  private var compiledTrainStep: Function<(Tensor, Tensor), Tensor>?
  private var compiledTestStep: Function<(Tensor, Tensor), Tensor>?
  private var compiledInference: Function<Tensor, Tensor>?

  /// Creates a model.
  public override init(name: String? = nil) {
    super.init(name: name)
  }

  /// One training step on a batch: the loss (plus regularization) and its gradients under a tape
  /// (averaged over the processes under a ``distributionStrategy``), one optimizer update, and the
  /// metrics updated.
  ///
  /// Returns the batch's loss. Override it for a custom step; `fit` calls it for every batch.
  /// Keras: `Model.train_step`.
  open func trainStep(_ x: Tensor, _ y: Tensor) -> Tensor {
    guard let optimizer, let loss else { fatalError("\(name): trainStep before compile") }
    let tape = GradientTape()
    let (value, predictions) = tape.record { () -> (Tensor, Tensor) in
      let predictions = self(x, training: true)
      let value = regularizationLosses.reduce(loss(y, predictions), +)
      return (value, predictions)
    }
    // Asked for after the forward pass, which builds the layers on the first step.
    let variables = trainableVariables
    var gradients = tape.gradient(of: value, wrt: variables)
    if let distributionStrategy {
      gradients = distributionStrategy.averageGradients(gradients, examples: x.shape[0])
    }
    optimizer.apply(gradients: gradients, to: variables)
    for metric in metrics { metric.update(labels: y, predictions: predictions) }
    return value
  }

  /// Runs ``trainStep(_:_:)`` and folds its loss into ``trainingLossTracker``, all in one
  /// compiled plan unless ``runEagerly``; returns the batch's loss.
  ///
  /// The plan updates the weights, the optimizer's state, the metrics and the loss tracker, and
  /// nothing is read back: logs come from the trackers' variables when someone asks for them.
  @discardableResult
  func runTrainStep(_ x: Tensor, _ y: Tensor) -> Tensor {
    if runEagerly { return trackedTrainStep(x, y) }
    let step =
      compiledTrainStep ?? Function { [unowned self] x, y in self.trackedTrainStep(x, y) }
    compiledTrainStep = step
    return step(x, y)
  }

  /// Runs ``testStep(_:_:)`` and folds its loss into ``evaluationLossTracker``, compiled unless
  /// ``runEagerly``; returns the batch's loss.
  @discardableResult
  func runTestStep(_ x: Tensor, _ y: Tensor) -> Tensor {
    if runEagerly { return trackedTestStep(x, y) }
    let step = compiledTestStep ?? Function { [unowned self] x, y in self.trackedTestStep(x, y) }
    compiledTestStep = step
    return step(x, y)
  }

  /// The training step followed by the loss tracker's update, weighted by the batch's size.
  private func trackedTrainStep(_ x: Tensor, _ y: Tensor) -> Tensor {
    let value = trainStep(x, y)
    trainingLossTracker.update(values: value, sampleWeight: batchWeight(x))
    return value
  }

  /// The test step followed by the loss tracker's update, weighted by the batch's size.
  private func trackedTestStep(_ x: Tensor, _ y: Tensor) -> Tensor {
    let value = testStep(x, y)
    evaluationLossTracker.update(values: value, sampleWeight: batchWeight(x))
    return value
  }

  /// The number of examples in a batch, as the loss tracker's weight: a constant of the traced
  /// plan, which is traced once per batch shape.
  private func batchWeight(_ x: Tensor) -> Tensor {
    Tensor(Double(x.shape[0]), dtype: .float32)
  }

  /// The model's output at inference, compiled unless ``runEagerly``.
  func runInference(_ x: Tensor) -> Tensor {
    if runEagerly { return self(x, training: false) }
    let inference = compiledInference ?? Function { [unowned self] x in self(x, training: false) }
    compiledInference = inference
    return inference(x)
  }

  /// The graph of the compiled training step, once `fit` has traced it (`nil` before, or when
  /// the model runs eagerly); TensorBoard's Graphs tab shows it.
  public var trainingGraph: Graph? { compiledTrainStep?.tracedGraphs.first }

  /// Forgets the compiled steps, which captured the previous optimizer, loss and metrics.
  func dropCompiledSteps() {
    compiledTrainStep = nil
    compiledTestStep = nil
    compiledInference = nil
  }

  /// One evaluation step on a batch: the loss and the metrics, without training.
  ///
  /// Returns the batch's loss. Keras: `Model.test_step`.
  open func testStep(_ x: Tensor, _ y: Tensor) -> Tensor {
    guard let loss else { fatalError("\(name): testStep before compile") }
    let predictions = self(x, training: false)
    for metric in metrics { metric.update(labels: y, predictions: predictions) }
    return regularizationLosses.reduce(loss(y, predictions), +)
  }
}
