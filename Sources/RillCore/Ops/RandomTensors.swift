extension Tensor {
  /// Samples uniform on [lowerBound, upperBound).
  ///
  /// With a `seed` the same numbers come back on every call; without one, the next key of the
  /// global sequence is used (see ``RandomSeed``). TensorFlow: `tf.random.uniform`.
  /// - Precondition: `dtype` is float32 or float64.
  public static func randomUniform(
    shape: Shape, lowerBound: Double = 0, upperBound: Double = 1, dtype: DType = .float32,
    seed: UInt64? = nil
  ) -> Tensor {
    random(.uniform(lower: lowerBound, upper: upperBound), shape: shape, dtype: dtype, seed: seed)
  }

  /// Samples of a normal distribution.
  ///
  /// TensorFlow: `tf.random.normal`.
  ///
  /// - Precondition: `dtype` is float32 or float64.
  public static func randomNormal(
    shape: Shape, mean: Double = 0, standardDeviation: Double = 1, dtype: DType = .float32,
    seed: UInt64? = nil
  ) -> Tensor {
    random(
      .normal(mean: mean, standardDeviation: standardDeviation), shape: shape, dtype: dtype,
      seed: seed)
  }

  /// Samples of a normal distribution with values more than two standard deviations from the mean
  /// drawn again.
  ///
  /// TensorFlow: `tf.random.truncated_normal`.
  ///
  /// - Precondition: `dtype` is float32 or float64.
  public static func truncatedNormal(
    shape: Shape, mean: Double = 0, standardDeviation: Double = 1, dtype: DType = .float32,
    seed: UInt64? = nil
  ) -> Tensor {
    random(
      .truncatedNormal(mean: mean, standardDeviation: standardDeviation), shape: shape,
      dtype: dtype, seed: seed)
  }

  /// Samples uniform on [lowerBound, upperBound) in the shape of `other`, which may be a
  /// symbolic tensor whose shape is known only when its graph runs (dropout's mask in a graph).
  static func randomUniform(
    like other: Tensor, lowerBound: Double = 0, upperBound: Double = 1, dtype: DType, seed: UInt64?
  ) -> Tensor {
    let distribution = RandomDistribution.uniform(lower: lowerBound, upper: upperBound)
    require(
      dtype.isFloatingPoint, "\(distribution.name): dtype \(dtype) is not float32 or float64")
    let spec = TensorSpec(dtype: dtype, shape: other.shape)
    return apply(.random(distribution, spec: spec, key: RandomSeed.key(for: seed)), other)
  }

  private static func random(
    _ distribution: RandomDistribution, shape: Shape, dtype: DType, seed: UInt64?
  ) -> Tensor {
    require(
      dtype.isFloatingPoint, "\(distribution.name): dtype \(dtype) is not float32 or float64")
    require(shape.allSatisfy { $0 >= 0 }, "\(distribution.name): shape \(shape) is invalid")
    let key = RandomSeed.key(for: seed)
    return apply(.random(distribution, spec: TensorSpec(dtype: dtype, shape: shape), key: key))
  }
}
