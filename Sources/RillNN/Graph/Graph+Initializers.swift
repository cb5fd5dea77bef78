import RillCore

extension Graph {
  /// The variable named `name` in the current variable scope, created with `initializer`'s
  /// starting values if it does not exist, or the existing one if the scope reuses variables.
  ///
  /// ```swift
  /// let W = g.getVariable("weights", shape: [784, 10], initializer: .randomNormal(standardDeviation: 1))
  /// let b = g.getVariable("bias", shape: [10], initializer: .constant(0))
  /// ```
  /// - Precondition: as for the form that takes a closure for the starting values.
  ///   TensorFlow: `tf.compat.v1.get_variable(name, shape, initializer=…)`.
  public func getVariable(
    _ name: String, shape: Shape, dtype: DType = .float32, trainable: Bool = true,
    initializer: some Initializer
  ) -> Variable {
    getVariable(name, shape: shape, dtype: dtype, trainable: trainable) { shape, dtype in
      initializer(shape: shape, dtype: dtype)
    }
  }
}
