import RillCore

// Leading-dot names for the initializers, so that `initializer: .randomNormal(standardDeviation:
// 1)` reads like TensorFlow's `tf.random_normal_initializer(stddev=1)`.

extension Initializer where Self == GlorotUniform {
  /// ``GlorotUniform``.
  public static func glorotUniform(seed: UInt64? = nil) -> GlorotUniform {
    GlorotUniform(seed: seed)
  }
}

extension Initializer where Self == GlorotNormal {
  /// ``GlorotNormal``.
  public static func glorotNormal(seed: UInt64? = nil) -> GlorotNormal { GlorotNormal(seed: seed) }
}

extension Initializer where Self == HeNormal {
  /// ``HeNormal``.
  public static func heNormal(seed: UInt64? = nil) -> HeNormal { HeNormal(seed: seed) }
}

extension Initializer where Self == HeUniform {
  /// ``HeUniform``.
  public static func heUniform(seed: UInt64? = nil) -> HeUniform { HeUniform(seed: seed) }
}

extension Initializer where Self == RandomNormal {
  /// ``RandomNormal``; Keras's default standard deviation is 0.05 (TensorFlow 1's
  /// `random_normal_initializer` used 1).
  public static func randomNormal(
    mean: Double = 0, standardDeviation: Double = 0.05, seed: UInt64? = nil
  )
    -> RandomNormal
  {
    RandomNormal(mean: mean, standardDeviation: standardDeviation, seed: seed)
  }
}

extension Initializer where Self == RandomUniform {
  /// ``RandomUniform``.
  public static func randomUniform(
    lowerBound: Double = -0.05, upperBound: Double = 0.05, seed: UInt64? = nil
  )
    -> RandomUniform
  {
    RandomUniform(lowerBound: lowerBound, upperBound: upperBound, seed: seed)
  }
}

extension Initializer where Self == TruncatedNormal {
  /// ``TruncatedNormal``.
  public static func truncatedNormal(
    mean: Double = 0, standardDeviation: Double = 0.05, seed: UInt64? = nil
  )
    -> TruncatedNormal
  {
    TruncatedNormal(mean: mean, standardDeviation: standardDeviation, seed: seed)
  }
}

extension Initializer where Self == Constant {
  /// ``Constant``.
  ///
  /// TensorFlow: `tf.constant_initializer(value)`.
  public static func constant(_ value: Double) -> Constant { Constant(value) }
}

extension Initializer where Self == Zeros {
  /// ``Zeros``.
  public static var zeros: Zeros { Zeros() }
}

extension Initializer where Self == Ones {
  /// ``Ones``.
  public static var ones: Ones { Ones() }
}
