import Rill

/// The checks that stand between a C caller and a model: every layer stack, input and label
/// that reaches Rill's Swift model code has been shown to fit, since that code traps on
/// misfits.
enum ModelChecks {
  /// The shape of one output example of a stack of `layers` for one input example.
  ///
  /// Throws an error naming the first layer that does not fit `input`. Only layers whose rules
  /// are known here are accepted.
  static func outputExample(of layers: [Layer], input: TensorSpec) throws -> TensorSpec {
    guard input.dtype.isFloatingPoint else {
      throw CallError.invalid(
        "model: input_dtype \(input.dtype) is not supported from C (float32 or float64)")
    }
    var spec = TensorSpec(dtype: input.dtype, shape: Shape([1] + input.shape.dimensions))
    for layer in layers {
      spec = try output(of: layer, for: spec)
      try checkAllocatable(spec, "model: layer '\(layer.name)'")
      guard !spec.shape.contains(0) else {
        throw CallError.invalid("model: layer '\(layer.name)' gives an empty output \(spec.shape)")
      }
    }
    return TensorSpec(dtype: spec.dtype, shape: Shape(Array(spec.shape.dimensions.dropFirst())))
  }

  /// The spec one layer gives for a batch of one of `x`.
  private static func output(of layer: Layer, for x: TensorSpec) throws -> TensorSpec {
    let name = "layer '\(layer.name)'"
    let shape = x.shape
    switch layer {
    case let dense as Dense:
      guard dense.units >= 1, shape.rank >= 2 else {
        throw CallError.invalid("\(name): Dense(\(dense.units)) does not fit inputs \(shape)")
      }
      try checkAllocatable([shape[shape.rank - 1], dense.units], dtype: .float32, name)
      return TensorSpec(
        dtype: x.dtype,
        shape: try allocatableShape(shape.dropLast() + [dense.units], dtype: x.dtype, name))
    case is Flatten:
      return TensorSpec(dtype: x.dtype, shape: [shape[0], shape[1...].scalarCount])
    case let reshape as Reshape:
      return try checked(
        ShapeRules.reshape(x, to: Shape([shape[0]] + reshape.targetShape.dimensions)), in: name)
    case is Dropout, is Activation, is ReLU:
      return x
    case let softmax as Softmax:
      return try checked(ShapeRules.softmax("softmax", x, alongAxis: softmax.axis), in: name)
    case let conv as Conv2D:
      guard conv.filters >= 1, shape.rank == 4 else {
        throw CallError.invalid(
          "\(name): Conv2D(\(conv.filters)) needs NHWC inputs of rank 4, got \(shape)")
      }
      try checkWindowSizes([conv.kernelSize, conv.strides, conv.dilationRate], name)
      let filterSizes = [conv.kernelSize.0, conv.kernelSize.1, shape[3], conv.filters]
      try checkAllocatable(filterSizes, dtype: x.dtype, name)
      let filter = TensorSpec(dtype: x.dtype, shape: Shape(filterSizes))
      return try checked(
        ShapeRules.conv2D(
          x, filter: filter, strides: conv.strides, padding: conv.padding,
          dilations: conv.dilationRate), in: name)
    case let pool as Pooling2D:
      let op = pool is MaxPooling2D ? "max_pool2d" : "avg_pool2d"
      try checkWindowSizes([pool.poolSize, pool.strides ?? pool.poolSize], name)
      return try checked(
        ShapeRules.pool2D(
          op, x, poolSize: pool.poolSize, strides: pool.strides, padding: pool.padding), in: name)
    case is GlobalAveragePooling2D, is GlobalMaxPooling2D:
      guard shape.rank == 4 else {
        throw CallError.invalid("\(name): global pooling needs NHWC inputs of rank 4, got \(shape)")
      }
      return TensorSpec(dtype: x.dtype, shape: [shape[0], shape[3]])
    case is LayerNormalization:
      guard shape.rank >= 2 else {
        throw CallError.invalid("\(name): LayerNormalization needs a feature axis, got \(shape)")
      }
      return x
    default:
      throw CallError.invalid(
        "\(name): \(type(of: layer)) layers are not supported by the C API's model checks")
    }
  }

  /// Throws unless `x` holds examples of the model's input: any number (one or more) along
  /// the first axis, each of `example`'s shape and dtype.
  static func checkInputs(_ x: Tensor, example: TensorSpec, _ what: String) throws {
    guard x.rank == example.shape.rank + 1, x.shape[1...] == example.shape, x.shape[0] >= 1,
      x.dtype == example.dtype
    else {
      throw CallError.invalid(
        "\(what): inputs \(x.dtype)\(x.shape) do not fit the model's examples \(example) (with a batch axis first)"
      )
    }
  }

  /// The names of the losses whose labels are checked here, besides the sparse one.
  static let denseLabelLosses: Set<String> = [
    "categorical_crossentropy", "binary_crossentropy", "mean_squared_error",
    "mean_absolute_error", "huber",
  ]

  /// The metric names accepted with integer class labels, and with labels shaped like the
  /// output.
  static let sparseMetrics: Set<String> = ["accuracy", "sparse_categorical_accuracy"]
  static let denseMetrics: Set<String> = [
    "accuracy", "categorical_accuracy", "binary_accuracy", "mse", "mean_squared_error", "mae",
    "mean_absolute_error",
  ]

  /// Throws unless the model's loss and metrics are ones whose labels the C API checks.
  static func checkTrainingSetup(_ model: Model, _ what: String) throws {
    guard let loss = model.loss else {
      throw CallError(.failedPrecondition, "\(what): the model is not compiled")
    }
    let sparse = loss.name == "sparse_categorical_crossentropy"
    guard sparse || denseLabelLosses.contains(loss.name) else {
      throw CallError.invalid("\(what): loss '\(loss.name)' is not supported from C")
    }
    let allowed = sparse ? sparseMetrics : denseMetrics
    if let metric = model.metrics.first(where: { !allowed.contains($0.name) }) {
      throw CallError.invalid(
        "\(what): metric '\(metric.name)' does not fit loss '\(loss.name)' from C")
    }
  }

  /// Throws unless `y` holds labels for `count` examples that the model's loss accepts for
  /// outputs of `output` per example: class indices in range for the sparse loss, values of
  /// the output's shape otherwise.
  static func checkLabels(_ y: Tensor, count: Int, output: TensorSpec, model: Model, _ what: String)
    throws
  {
    try checkTrainingSetup(model, what)
    guard output.shape.rank >= 1 else {
      throw CallError.invalid(
        "\(what): a model whose examples give scalar outputs cannot train from C")
    }
    if model.loss?.name == "sparse_categorical_crossentropy" {
      let outer = [count] + output.shape.dimensions.dropLast()
      guard y.dtype.isInteger, y.shape.dimensions == outer, let classes = output.shape.last else {
        throw CallError.invalid(
          "\(what): labels \(y.dtype)\(y.shape) must be integer class indices of shape \(written(outer))"
        )
      }
      if y.scalarCount > 0 {
        let (smallest, largest) = (y.min().item(as: Int.self), y.max().item(as: Int.self))
        guard smallest >= 0, largest < classes else {
          throw CallError.invalid(
            "\(what): labels must lie in 0..<\(classes); found \(smallest < 0 ? smallest : largest)"
          )
        }
      }
    } else {
      let expected = [count] + output.shape.dimensions
      guard y.dtype.isFloatingPoint, y.shape.dimensions == expected else {
        throw CallError.invalid(
          "\(what): labels \(y.dtype)\(y.shape) must be floats of shape \(written(expected))")
      }
    }
  }
}

/// Sizes written as a shape is, `[2, 3]`, without making a `Shape` of them.
func written(_ sizes: [Int]) -> String {
  "[" + sizes.map(String.init).joined(separator: ", ") + "]"
}
