import RillCore

/// A rule for the starting values of a weight.
///
/// Initializers without a seed draw from the global random sequence (see `RandomSeed`), so a
/// model starts from the same weights on every run of a program. Keras:
/// `keras.initializers.Initializer`.
public protocol Initializer: Sendable {
  /// Starting values of the given shape and dtype.
  func callAsFunction(shape: Shape, dtype: DType) -> Tensor
}

/// The fan-in and fan-out of a weight: for a matrix [in, out] its two dimensions; for a
/// convolution filter [height, width, in, out] the channels times the window's area.
func fans(of shape: Shape) -> (in: Double, out: Double) {
  switch shape.rank {
  case 0: return (1, 1)
  case 1: return (Double(shape[0]), Double(shape[0]))
  case 2: return (Double(shape[0]), Double(shape[1]))
  default:
    let receptiveField = Double(shape[0..<(shape.rank - 2)].scalarCount)
    return (
      Double(shape[shape.rank - 2]) * receptiveField, Double(shape[shape.rank - 1]) * receptiveField
    )
  }
}

/// A normal truncated at two standard deviations has a standard deviation of about 0.8796 times
/// the untruncated one; variance-scaling initializers divide by this to hit their target.
private let truncationCorrection = 0.87962566103423978

/// Uniform on [−l, l] with l = √(6 / (fanIn + fanOut)): Keras's default for weights.
///
/// Keras: `keras.initializers.GlorotUniform`.
public struct GlorotUniform: Initializer {
  /// The seed, or `nil` for the global sequence.
  public var seed: UInt64?
  /// Creates the initializer.
  public init(seed: UInt64? = nil) { self.seed = seed }
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    let (fanIn, fanOut) = fans(of: shape)
    let limit = (6 / (fanIn + fanOut)).squareRoot()
    return Tensor.randomUniform(
      shape: shape, lowerBound: -limit, upperBound: limit, dtype: dtype, seed: seed)
  }
}

/// Truncated normal with standard deviation √(2 / (fanIn + fanOut)).
///
/// Keras: `keras.initializers.GlorotNormal`.
public struct GlorotNormal: Initializer {
  /// The seed, or `nil` for the global sequence.
  public var seed: UInt64?
  /// Creates the initializer.
  public init(seed: UInt64? = nil) { self.seed = seed }
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    let (fanIn, fanOut) = fans(of: shape)
    let deviation = (2 / (fanIn + fanOut)).squareRoot() / truncationCorrection
    return Tensor.truncatedNormal(
      shape: shape, standardDeviation: deviation, dtype: dtype, seed: seed)
  }
}

/// Truncated normal with standard deviation √(2 / fanIn), suited to ReLU networks.
///
/// Keras: `keras.initializers.HeNormal`.
public struct HeNormal: Initializer {
  /// The seed, or `nil` for the global sequence.
  public var seed: UInt64?
  /// Creates the initializer.
  public init(seed: UInt64? = nil) { self.seed = seed }
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    let deviation = (2 / fans(of: shape).in).squareRoot() / truncationCorrection
    return Tensor.truncatedNormal(
      shape: shape, standardDeviation: deviation, dtype: dtype, seed: seed)
  }
}

/// Uniform on [−l, l] with l = √(6 / fanIn).
///
/// Keras: `keras.initializers.HeUniform`.
public struct HeUniform: Initializer {
  /// The seed, or `nil` for the global sequence.
  public var seed: UInt64?
  /// Creates the initializer.
  public init(seed: UInt64? = nil) { self.seed = seed }
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    let limit = (6 / fans(of: shape).in).squareRoot()
    return Tensor.randomUniform(
      shape: shape, lowerBound: -limit, upperBound: limit, dtype: dtype, seed: seed)
  }
}

/// Normal with a given mean and standard deviation.
///
/// Keras: `keras.initializers.RandomNormal`.
public struct RandomNormal: Initializer {
  /// The mean.
  public var mean: Double
  /// The standard deviation.
  public var standardDeviation: Double
  /// The seed, or `nil` for the global sequence.
  public var seed: UInt64?
  /// Creates the initializer (Keras's defaults: mean 0, deviation 0.05).
  public init(mean: Double = 0, standardDeviation: Double = 0.05, seed: UInt64? = nil) {
    self.mean = mean
    self.standardDeviation = standardDeviation
    self.seed = seed
  }
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    Tensor.randomNormal(
      shape: shape, mean: mean, standardDeviation: standardDeviation, dtype: dtype, seed: seed)
  }
}

/// Uniform on [lowerBound, upperBound).
///
/// Keras: `keras.initializers.RandomUniform`.
public struct RandomUniform: Initializer {
  /// The smallest value.
  public var lowerBound: Double
  /// The bound values stay below.
  public var upperBound: Double
  /// The seed, or `nil` for the global sequence.
  public var seed: UInt64?
  /// Creates the initializer (Keras's defaults: [−0.05, 0.05)).
  public init(lowerBound: Double = -0.05, upperBound: Double = 0.05, seed: UInt64? = nil) {
    self.lowerBound = lowerBound
    self.upperBound = upperBound
    self.seed = seed
  }
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    Tensor.randomUniform(
      shape: shape, lowerBound: lowerBound, upperBound: upperBound, dtype: dtype, seed: seed)
  }
}

/// Normal truncated at two standard deviations: values further than that from the mean are drawn
/// again.
///
/// It is described by the normal it truncates, ``normal``, whose `mean`, `standardDeviation` and
/// `seed` read and write through this initializer as well (`truncated.mean`).
///
/// Keras: `keras.initializers.TruncatedNormal`.
@dynamicMemberLookup
public struct TruncatedNormal: Initializer {
  /// The normal before truncation.
  public var normal: RandomNormal
  /// Creates the initializer (Keras's defaults: mean 0, deviation 0.05 before truncation).
  public init(mean: Double = 0, standardDeviation: Double = 0.05, seed: UInt64? = nil) {
    self.init(
      truncating: RandomNormal(mean: mean, standardDeviation: standardDeviation, seed: seed))
  }
  /// Creates the initializer that truncates `normal` at two of its standard deviations.
  public init(truncating normal: RandomNormal) { self.normal = normal }
  /// A setting of the normal before truncation: `mean`, `standardDeviation` or `seed`.
  public subscript<Value>(dynamicMember setting: WritableKeyPath<RandomNormal, Value>) -> Value {
    get { normal[keyPath: setting] }
    set { normal[keyPath: setting] = newValue }
  }
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    Tensor.truncatedNormal(
      shape: shape, mean: normal.mean, standardDeviation: normal.standardDeviation, dtype: dtype,
      seed: normal.seed)
  }
}

/// Every value equal to a constant.
///
/// Keras: `keras.initializers.Constant`.
public struct Constant: Initializer {
  /// The value.
  public var value: Double
  /// Creates the initializer.
  public init(_ value: Double) { self.value = value }
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    Tensor(repeating: value, shape: shape, dtype: dtype)
  }
}

/// Zeros.
///
/// Keras: `keras.initializers.Zeros`.
public struct Zeros: Initializer {
  /// Creates the initializer.
  public init() {}
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    Tensor.zeros(shape: shape, dtype: dtype)
  }
}

/// Ones.
///
/// Keras: `keras.initializers.Ones`.
public struct Ones: Initializer {
  /// Creates the initializer.
  public init() {}
  /// Starting values of the given shape and dtype.
  public func callAsFunction(shape: Shape, dtype: DType) -> Tensor {
    Tensor.ones(shape: shape, dtype: dtype)
  }
}
