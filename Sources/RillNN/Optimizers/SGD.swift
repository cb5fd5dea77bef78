import RillCore

/// Stochastic gradient descent, optionally with momentum (classical or Nesterov).
///
/// Without momentum, variable −= learningRate · gradient. With momentum μ, a velocity
/// v = μ v − learningRate · gradient is kept per variable, and the variable moves by v, or by
/// μ v − learningRate · gradient with Nesterov momentum. Keras: `keras.optimizers.SGD`.
public final class SGD: Optimizer {
  /// The momentum μ; 0 for plain gradient descent.
  public let momentum: Double
  /// Whether to use Nesterov momentum.
  public let nesterov: Bool

  /// Creates the optimizer.
  public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false) {
    self.momentum = momentum
    self.nesterov = nesterov
    super.init(learningRate: learningRate)
  }

  /// `SGD`.
  public override var name: String { "SGD" }

  /// A velocity slot when momentum is used.
  public override func makeSlots(for variable: Variable) -> [Variable] {
    momentum == 0 ? [] : [zerosSlot(for: variable, named: "momentum")]
  }

  /// Takes one step.
  public override func update(
    _ variable: Variable, gradient: Tensor, slots: [Variable], learningRate: Tensor, step: Tensor
  ) {
    let scaledGradient = gradient * learningRate
    guard let velocity = slots.first else {
      variable.assignSub(scaledGradient)
      return
    }
    velocity.assign(velocity * momentum - scaledGradient)
    if nesterov {
      variable.assignAdd(velocity * momentum - scaledGradient)
    } else {
      variable.assignAdd(velocity)
    }
  }
}

/// TensorFlow 1's name for plain gradient descent, for graph programs that call
/// ``Optimizer/minimize(_:variables:)``.
///
/// TensorFlow: `tf.compat.v1.train.GradientDescentOptimizer`.
public typealias GradientDescentOptimizer = SGD

extension SGD: SavableOptimizer {
  /// Momentum and Nesterov.
  public func configuration() -> [String: ConfigurationValue] {
    ["momentum": .double(momentum), "nesterov": .bool(nesterov)]
  }

  /// Recreates the optimizer from its configuration.
  public convenience init(configuration: Configuration) throws {
    self.init(
      momentum: try configuration.double("momentum"), nesterov: try configuration.bool("nesterov"))
  }
}
