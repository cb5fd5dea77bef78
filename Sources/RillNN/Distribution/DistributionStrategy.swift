import RillCore

/// How training is spread over several processes that each hold a copy of the model and read
/// their own part of the data (data parallelism): the hooks `compile` and `fit` call, which an
/// implementation such as `RillDistributed`'s `MPIStrategy` fills with collectives.
///
/// A model compiled inside ``scope(_:)`` trains under the strategy with no other change:
///
/// ```swift
/// let strategy = try MPIStrategy()
/// try strategy.scope {
///   let model = Sequential { Flatten(); Dense(128, activation: .relu); Dense(10) }
///   try model.compile(optimizer: Adam(), loss: SparseCategoricalCrossentropy(fromLogits: true))
///   try model.fit(x: images, y: labels, batchSize: 128, epochs: 5)   // 128 over all processes
/// }
/// ```
/// Under a strategy `fit` starts from the chief's variables, splits each batch of the tensor
/// form between the processes, averages the gradients inside the compiled step, sums the
/// metrics' states at the end of each epoch so that every process's `History` agrees, and
/// runs the callbacks that print or write (``Callback/isChiefOnly``) on the chief only. The
/// epoch logs agree on every process; the logs of each batch are the process's own, so a
/// callback that stops training in the middle of an epoch must not decide on them alone.
/// TensorFlow: `tf.distribute.Strategy`.
public protocol DistributionStrategy: AnyObject, Sendable {
  /// This process's position among the processes, from 0.
  var rank: Int { get }
  /// The number of processes training together.
  var worldSize: Int { get }

  /// The gradients averaged over the processes, each process's weighted by the examples its
  /// batch held, so that they equal the gradients of the whole batch.
  ///
  /// `Model.trainStep` calls it between the gradients and the optimizer update, eagerly or
  /// while the step is traced into a compiled function; it must add the same calls in the same
  /// order on every process.
  /// - Parameters:
  ///   - gradients: this process's gradients (`nil` where a variable has none).
  ///   - examples: the number of examples this process's batch held.
  /// - Returns: the averaged gradients, `nil` where the input was.
  func averageGradients(_ gradients: [Tensor?], examples: Int) -> [Tensor?]

  /// Sets every variable to its value on the chief.
  ///
  /// - Parameter variables: the same variables, in the same order, on every process.
  /// - Throws: an error of the implementation when the processes cannot agree.
  func broadcast(_ variables: [Variable]) throws

  /// The chief's values, on every process.
  ///
  /// - Parameter values: this process's values (the same count on every process).
  /// - Returns: the chief's values.
  /// - Throws: an error of the implementation when the processes cannot agree.
  func broadcast(_ values: [UInt64]) throws -> [UInt64]

  /// The element-wise sums of the values over the processes.
  ///
  /// - Parameter values: this process's values (the same count on every process).
  /// - Returns: the sums.
  /// - Throws: an error of the implementation when the processes cannot agree.
  func sum(_ values: [Double]) throws -> [Double]

  /// Throws the failure a compiled step met in a collective since the last check (which
  /// cannot throw from inside the step), if any.
  ///
  /// - Throws: an error of the implementation describing the failure.
  func checkFailure() throws
}

extension DistributionStrategy {
  /// Whether this process is the chief (rank 0), which prints progress and writes logs and
  /// checkpoints.
  public var isChief: Bool { rank == 0 }

  /// Runs `body` with this strategy as the one `Model.compile` adopts.
  ///
  /// - Parameter body: the code that builds and compiles models.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws.
  public func scope<Result>(_ body: () throws -> Result) rethrows -> Result {
    try DistributionScope.$current.withValue(self, operation: body)
  }

  /// The learning rate of the linear scaling rule.
  ///
  /// It is a base rate tuned for one process's batch times the number of processes, for training with a batch `worldSize` times as large
  /// (Goyal et al., "Accurate, Large Minibatch SGD", 2017). The rule suits SGD with momentum
  /// best, usually with a few epochs of warm-up; for Adam the base rate often works unscaled.
  /// Rill never scales the learning rate by itself.
  ///
  /// - Parameter base: the learning rate for one process's batch.
  /// - Returns: `base · worldSize`.
  public func scaledLearningRate(_ base: Double) -> Double {
    base * Double(worldSize)
  }
}

/// The strategy of the innermost ``DistributionStrategy/scope(_:)`` running on this task.
enum DistributionScope {
  @TaskLocal static var current: (any DistributionStrategy)?
}
