import RillCore

/// An elementwise activation that a layer applies to its output.
///
/// ```swift
/// Dense(128, activation: .relu)
/// Dense(10, activation: .softmax)
/// Activation(.leakyRelu(alpha: 0.1))
/// ```
/// Keras: the `activation` argument (`"relu"`, `"softmax"` …).
public enum ActivationFunction: Hashable, Sendable {
  /// The identity.
  case linear
  /// max(x, 0).
  case relu
  /// min(max(x, 0), 6).
  case relu6
  /// x for x > 0, αx otherwise.
  case leakyRelu(alpha: Double)
  /// x for x > 0, α(eˣ − 1) otherwise.
  case elu(alpha: Double)
  /// The scaled ELU.
  case selu
  /// The Gaussian error linear unit.
  case gelu(approximate: Bool)
  /// 1 / (1 + e⁻ˣ).
  case sigmoid
  /// The hyperbolic tangent.
  case tanh
  /// log(1 + eˣ).
  case softplus
  /// x / (1 + |x|).
  case softsign
  /// x σ(x).
  case silu
  /// The softmax over the last axis.
  case softmax

  /// Applies the activation.
  public func callAsFunction(_ x: Tensor) -> Tensor {
    switch self {
    case .linear: return x
    case .relu: return RillCore.relu(x)
    case .relu6: return RillCore.relu6(x)
    case .leakyRelu(let alpha): return RillCore.leakyRelu(x, alpha: alpha)
    case .elu(let alpha): return RillCore.elu(x, alpha: alpha)
    case .selu: return RillCore.selu(x)
    case .gelu(let approximate): return RillCore.gelu(x, approximate: approximate)
    case .sigmoid: return RillCore.sigmoid(x)
    case .tanh: return RillCore.tanh(x)
    case .softplus: return RillCore.softplus(x)
    case .softsign: return RillCore.softsign(x)
    case .silu: return RillCore.silu(x)
    case .softmax: return RillCore.softmax(x)
    }
  }

  /// Keras's name for the activation, as `"relu"`.
  public var name: String {
    switch self {
    case .linear: return "linear"
    case .relu: return "relu"
    case .relu6: return "relu6"
    case .leakyRelu: return "leaky_relu"
    case .elu: return "elu"
    case .selu: return "selu"
    case .gelu: return "gelu"
    case .sigmoid: return "sigmoid"
    case .tanh: return "tanh"
    case .softplus: return "softplus"
    case .softsign: return "softsign"
    case .silu: return "silu"
    case .softmax: return "softmax"
    }
  }

  /// The activation Keras calls `name`, with Keras's default parameters, or `nil`.
  public init?(name: String) {
    let known: [String: ActivationFunction] = [
      "linear": .linear, "relu": .relu, "relu6": .relu6, "leaky_relu": .leakyRelu(alpha: 0.2),
      "elu": .elu(alpha: 1), "selu": .selu, "gelu": .gelu(approximate: false), "sigmoid": .sigmoid,
      "tanh": .tanh, "softplus": .softplus, "softsign": .softsign, "silu": .silu, "swish": .silu,
      "softmax": .softmax,
    ]
    guard let activation = known[name] else { return nil }
    self = activation
  }
}
