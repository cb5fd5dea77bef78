import RillCore

/// Adagrad: gradient descent divided by the root of the sum of all past squared gradients.
///
/// Per variable, a += g², then variable −= learningRate · g / √(a + ε). Keras:
/// `keras.optimizers.Adagrad`.
public final class Adagrad: Optimizer {
  /// The accumulator's starting value.
  public let initialAccumulatorValue: Double
  /// The constant ε added under the square root.
  public let epsilon: Double

  /// Creates the optimizer.
  public init(
    learningRate: Double = 0.001, initialAccumulatorValue: Double = 0.1, epsilon: Double = 1e-7
  ) {
    self.initialAccumulatorValue = initialAccumulatorValue
    self.epsilon = epsilon
    super.init(learningRate: learningRate)
  }

  /// `Adagrad`.
  public override var name: String { "Adagrad" }

  /// The accumulator of squared gradients.
  public override func makeSlots(for variable: Variable) -> [Variable] {
    let start = Tensor(
      repeating: initialAccumulatorValue, shape: variable.shape, dtype: variable.dtype)
    return [Variable(start, name: "\(variable.name)/accumulator", trainable: false)]
  }

  /// Takes one step.
  public override func update(
    _ variable: Variable, gradient: Tensor, slots: [Variable], learningRate: Tensor, step: Tensor
  ) {
    let accumulator = slots[0]
    accumulator.assignAdd(square(gradient))
    variable.assignSub(learningRate * gradient / sqrt(accumulator + epsilon))
  }
}

extension Adagrad: SavableOptimizer {
  /// The accumulators' starting value and ε.
  public func configuration() -> [String: ConfigurationValue] {
    ["initial_accumulator_value": .double(initialAccumulatorValue), "epsilon": .double(epsilon)]
  }

  /// Recreates the optimizer from its configuration.
  public convenience init(configuration: Configuration) throws {
    self.init(
      initialAccumulatorValue: try configuration.double("initial_accumulator_value"),
      epsilon: try configuration.double("epsilon"))
  }
}
