import RillCore

/// Adam: gradient descent scaled by running estimates of the gradient's first and second
/// moments (Kingma and Ba, 2015).
///
/// Per variable, m += (g − m)(1 − β₁) and v += (g² − v)(1 − β₂); with
/// α = learningRate · √(1 − β₂ᵗ) / (1 − β₁ᵗ) at step t, the variable moves by
/// −α m / (√v + ε). With `amsgrad`, the largest v so far is used instead of v. Keras:
/// `keras.optimizers.Adam`.
public class Adam: Optimizer, SavableOptimizer {
  /// The decay rate β₁ of the first-moment estimate.
  public let beta1: Double
  /// The decay rate β₂ of the second-moment estimate.
  public let beta2: Double
  /// The constant ε added to the denominator for stability.
  public let epsilon: Double
  /// Whether to use the AMSGrad variant.
  public let amsgrad: Bool
  /// The step size of the step being applied and the tensors it was computed from (see
  /// ``stepSize(learningRate:step:)``).
  private var lastStepSize: (learningRate: Tensor, step: Tensor, alpha: Tensor)?

  /// Creates the optimizer.
  public init(
    learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-7, amsgrad: Bool = false
  ) {
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.amsgrad = amsgrad
    super.init(learningRate: learningRate)
  }

  /// Recreates the optimizer from its ``configuration()``.
  public required convenience init(configuration: Configuration) throws {
    let moments = try AdamSettings(configuration)
    self.init(
      beta1: moments.beta1, beta2: moments.beta2, epsilon: moments.epsilon,
      amsgrad: moments.amsgrad)
  }

  /// `Adam`.
  public override var name: String { "Adam" }

  /// β₁, β₂, ε and AMSGrad (AdamW's weight decay is saved for every optimizer).
  public func configuration() -> [String: ConfigurationValue] {
    [
      "beta_1": .double(beta1), "beta_2": .double(beta2), "epsilon": .double(epsilon),
      "amsgrad": .bool(amsgrad),
    ]
  }

  /// The moment estimates m and v, and with AMSGrad the largest v.
  public override func makeSlots(for variable: Variable) -> [Variable] {
    [zerosSlot(for: variable, named: "m"), zerosSlot(for: variable, named: "v")]
      + (amsgrad ? [zerosSlot(for: variable, named: "vhat")] : [])
  }

  /// Takes one step.
  public override func update(
    _ variable: Variable, gradient: Tensor, slots: [Variable], learningRate: Tensor, step: Tensor
  ) {
    let (m, v) = (slots[0], slots[1])
    let alpha = stepSize(learningRate: learningRate, step: step)
    m.assignAdd((gradient - m) * (1 - beta1))
    v.assignAdd((square(gradient) - v) * (1 - beta2))
    var secondMoment: Tensor = v
    if amsgrad {
      let largest = slots[2]
      largest.assign(maximum(largest, v))
      secondMoment = largest
    }
    variable.assignSub(m * alpha / (sqrt(secondMoment) + epsilon))
  }

  /// α = learningRate · √(1 − β₂ᵗ) / (1 − β₁ᵗ), computed once per step.
  ///
  /// ``Optimizer/apply(gradients:to:)`` passes every variable of a step the same `learningRate`
  /// and `step` tensors, so the α of the step's first variable serves the others: a compiled
  /// step then holds one chain of scalar operations instead of one per variable.
  private func stepSize(learningRate: Tensor, step: Tensor) -> Tensor {
    if let last = lastStepSize, last.learningRate === learningRate, last.step === step {
      return last.alpha
    }
    let beta1Power = pow(Tensor(beta1, dtype: step.dtype), step)
    let beta2Power = pow(Tensor(beta2, dtype: step.dtype), step)
    let alpha = learningRate * sqrt(1 - beta2Power) / (1 - beta1Power)
    lastStepSize = (learningRate, step, alpha)
    return alpha
  }
}

/// Adam with decoupled weight decay (Loshchilov and Hutter, 2019): before each step the variable
/// shrinks by learningRate · weightDecay times itself.
///
/// Keras: `keras.optimizers.AdamW`.
public final class AdamW: Adam {
  /// Creates the optimizer.
  public init(
    learningRate: Double = 0.001, weightDecay: Double = 0.004, beta1: Double = 0.9,
    beta2: Double = 0.999, epsilon: Double = 1e-7, amsgrad: Bool = false
  ) {
    super.init(
      learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon, amsgrad: amsgrad)
    self.weightDecay = weightDecay
  }

  /// Recreates the optimizer from its configuration.
  public required convenience init(configuration: Configuration) throws {
    let moments = try AdamSettings(configuration)
    self.init(
      beta1: moments.beta1, beta2: moments.beta2, epsilon: moments.epsilon,
      amsgrad: moments.amsgrad)
  }

  /// `AdamW`.
  public override var name: String { "AdamW" }
}

/// The settings Adam and AdamW share, read from a saved configuration.
private struct AdamSettings {
  var beta1, beta2, epsilon: Double
  var amsgrad: Bool

  init(_ configuration: Configuration) throws {
    beta1 = try configuration.double("beta_1")
    beta2 = try configuration.double("beta_2")
    epsilon = try configuration.double("epsilon")
    amsgrad = try configuration.bool("amsgrad")
  }
}
