import RillCore

/// RMSprop: gradient descent divided by a running root mean square of the gradient.
///
/// Per variable, r = ρ r + (1 − ρ) g²; the step is learningRate · g / √(r + ε), or with
/// `centered`, / √(r − ḡ² + ε) where ḡ = ρ ḡ + (1 − ρ) g. With momentum μ the steps accumulate
/// in a velocity s = μ s + step that moves the variable. Keras: `keras.optimizers.RMSprop`.
public final class RMSprop: Optimizer {
  /// The decay rate ρ of the running averages.
  public let rho: Double
  /// The momentum μ; 0 for none.
  public let momentum: Double
  /// The constant ε added under the square root.
  public let epsilon: Double
  /// Whether to divide by the running variance instead of the running mean square.
  public let centered: Bool

  /// Creates the optimizer.
  public init(
    learningRate: Double = 0.001, rho: Double = 0.9, momentum: Double = 0, epsilon: Double = 1e-7,
    centered: Bool = false
  ) {
    self.rho = rho
    self.momentum = momentum
    self.epsilon = epsilon
    self.centered = centered
    super.init(learningRate: learningRate)
  }

  /// `RMSprop`.
  public override var name: String { "RMSprop" }

  /// The running mean square, then the velocity and the running mean when used.
  public override func makeSlots(for variable: Variable) -> [Variable] {
    [zerosSlot(for: variable, named: "velocity")]
      + (momentum > 0 ? [zerosSlot(for: variable, named: "momentum")] : [])
      + (centered ? [zerosSlot(for: variable, named: "average_gradient")] : [])
  }

  /// Takes one step.
  public override func update(
    _ variable: Variable, gradient: Tensor, slots: [Variable], learningRate: Tensor, step: Tensor
  ) {
    let meanSquare = slots[0]
    meanSquare.assign(meanSquare * rho + square(gradient) * (1 - rho))
    var denominator = meanSquare + epsilon
    if centered, let mean = slots.last {
      mean.assign(mean * rho + gradient * (1 - rho))
      denominator = meanSquare - square(mean) + epsilon
    }
    let increment = learningRate * gradient / sqrt(denominator)
    if momentum > 0 {
      let velocity = slots[1]
      velocity.assign(velocity * momentum + increment)
      variable.assignSub(velocity)
    } else {
      variable.assignSub(increment)
    }
  }
}

extension RMSprop: SavableOptimizer {
  /// ρ, momentum, ε and centering.
  public func configuration() -> [String: ConfigurationValue] {
    [
      "rho": .double(rho), "momentum": .double(momentum), "epsilon": .double(epsilon),
      "centered": .bool(centered),
    ]
  }

  /// Recreates the optimizer from its configuration.
  public convenience init(configuration: Configuration) throws {
    self.init(
      rho: try configuration.double("rho"), momentum: try configuration.double("momentum"),
      epsilon: try configuration.double("epsilon"), centered: try configuration.bool("centered"))
  }
}
