import Foundation
import Rill

/// An op of the conformance file, in Rill: TensorFlow's positional inputs and attributes in,
/// the output out.
typealias ConformanceOp = (_ inputs: [Tensor], _ attributes: Attributes) -> Tensor

/// The attributes of a conformance case, read as the types Rill's ops take.
struct Attributes {
  let values: [String: Any]

  /// The attribute under `key` as a `Value`; the conformance file is the project's own, so a
  /// missing or mistyped attribute is a bug in the generator and stops the test.
  func value<Value>(_ key: String, as type: Value.Type = Value.self) -> Value {
    guard let value = values[key] as? Value else {
      fatalError("conformance attribute '\(key)' is not a \(Value.self): \(values[key] ?? "nil")")
    }
    return value
  }

  func int(_ key: String) -> Int { value(key) }
  func ints(_ key: String) -> [Int] { value(key) }
  func double(_ key: String) -> Double { value(key, as: NSNumber.self).doubleValue }
  func bool(_ key: String) -> Bool { values[key] as? Bool ?? false }
  func string(_ key: String) -> String { value(key) }

  /// An axis attribute that may be absent or null (all axes), one axis, or a list of axes.
  func axes(_ key: String) -> [Int]? {
    switch values[key] {
    case let axis as Int: return [axis]
    case let axes as [Int]: return axes
    default: return nil
    }
  }
}

/// Rill's counterpart of every TensorFlow op the conformance file checks, by TensorFlow's name.
///
/// Ops missing here are reported as not yet covered.
let conformanceOps: [String: ConformanceOp] = [
  // Elementwise, one operand.
  "neg": { x, _ in -x[0] },
  "abs": { x, _ in abs(x[0]) },
  "sign": { x, _ in sign(x[0]) },
  "square": { x, _ in square(x[0]) },
  "sqrt": { x, _ in sqrt(x[0]) },
  "rsqrt": { x, _ in rsqrt(x[0]) },
  "exp": { x, _ in exp(x[0]) },
  "log": { x, _ in log(x[0]) },
  "log1p": { x, _ in log1p(x[0]) },
  "expm1": { x, _ in expm1(x[0]) },
  "sin": { x, _ in sin(x[0]) },
  "cos": { x, _ in cos(x[0]) },
  "tanh": { x, _ in tanh(x[0]) },
  "sigmoid": { x, _ in sigmoid(x[0]) },
  "floor": { x, _ in floor(x[0]) },
  "ceil": { x, _ in ceil(x[0]) },
  "round": { x, _ in round(x[0]) },
  "reciprocal": { x, _ in reciprocal(x[0]) },
  "relu": { x, _ in relu(x[0]) },
  "clip_by_value": { x, a in
    clip(x[0], min: a.double("clip_value_min"), max: a.double("clip_value_max"))
  },
  "cast": { x, a in
    guard let dtype = DType(rawValue: a.string("dtype")) else {
      fatalError("cast: unknown dtype \(a.string("dtype"))")
    }
    return x[0].cast(to: dtype)
  },

  // Activations.
  "relu6": { x, _ in relu6(x[0]) },
  "leaky_relu": { x, a in leakyRelu(x[0], alpha: a.double("alpha")) },
  "elu": { x, _ in elu(x[0]) },
  "selu": { x, _ in selu(x[0]) },
  "gelu": { x, a in gelu(x[0], approximate: a.bool("approximate")) },
  "softplus": { x, _ in softplus(x[0]) },
  "softsign": { x, _ in softsign(x[0]) },
  "silu": { x, _ in silu(x[0]) },
  "softmax": { x, a in softmax(x[0], alongAxis: a.int("axis")) },
  "log_softmax": { x, a in logSoftmax(x[0], alongAxis: a.int("axis")) },

  // Layer-level ops.
  "bias_add": { x, _ in biasAdd(x[0], x[1]) },
  "batch_normalization": { x, a in
    batchNormalization(
      x[0], mean: x[1], variance: x[2], offset: x[3], scale: x[4],
      varianceEpsilon: a.double("variance_epsilon"))
  },
  "moments": { x, a in
    let (mean, variance) = moments(x[0], alongAxes: a.ints("axes"))
    return stack([mean, variance])
  },
  "l2_normalize": { x, a in l2Normalize(x[0], alongAxes: [a.int("axis")]) },
  "conv2d": { x, a in
    let strides = a.ints("strides")
    return conv2D(
      x[0], filter: x[1], strides: (strides[0], strides[1]),
      padding: a.string("padding") == "SAME" ? .same : .valid)
  },
  "max_pool2d": { x, a in
    let (window, strides) = (a.ints("ksize"), a.ints("strides"))
    return maxPool2D(
      x[0], poolSize: (window[0], window[1]), strides: (strides[0], strides[1]),
      padding: a.string("padding") == "SAME" ? .same : .valid)
  },
  "avg_pool2d": { x, a in
    let (window, strides) = (a.ints("ksize"), a.ints("strides"))
    return avgPool2D(
      x[0], poolSize: (window[0], window[1]), strides: (strides[0], strides[1]),
      padding: a.string("padding") == "SAME" ? .same : .valid)
  },

  // Losses: tf.nn's from logits, and Keras's per example.
  "softmax_cross_entropy_with_logits": { x, _ in
    softmaxCrossEntropyWithLogits(labels: x[0], logits: x[1])
  },
  "sparse_softmax_cross_entropy_with_logits": { x, _ in
    sparseSoftmaxCrossEntropyWithLogits(labels: x[0], logits: x[1])
  },
  "sigmoid_cross_entropy_with_logits": { x, _ in
    sigmoidCrossEntropyWithLogits(labels: x[0], logits: x[1])
  },
  "keras.mean_squared_error": { x, _ in meanSquaredError(labels: x[0], predictions: x[1]) },
  "keras.mean_absolute_error": { x, _ in meanAbsoluteError(labels: x[0], predictions: x[1]) },
  "keras.huber": { x, _ in huber(labels: x[0], predictions: x[1]) },
  "keras.categorical_crossentropy": { x, a in
    categoricalCrossentropy(labels: x[0], predictions: x[1], fromLogits: a.bool("from_logits"))
  },
  "keras.sparse_categorical_crossentropy": { x, a in
    sparseCategoricalCrossentropy(
      labels: x[0], predictions: x[1], fromLogits: a.bool("from_logits"))
  },
  "keras.binary_crossentropy": { x, a in
    binaryCrossentropy(labels: x[0], predictions: x[1], fromLogits: a.bool("from_logits"))
  },

  // Elementwise, several operands.
  "add": { x, _ in x[0] + x[1] },
  "sub": { x, _ in x[0] - x[1] },
  "mul": { x, _ in x[0] * x[1] },
  "div": { x, _ in x[0] / x[1] },
  "pow": { x, _ in pow(x[0], x[1]) },
  "maximum": { x, _ in maximum(x[0], x[1]) },
  "minimum": { x, _ in minimum(x[0], x[1]) },
  "squared_difference": { x, _ in squaredDifference(x[0], x[1]) },
  "equal": { x, _ in x[0] .== x[1] },
  "less": { x, _ in x[0] .< x[1] },
  "greater_equal": { x, _ in x[0] .>= x[1] },
  "where": { x, _ in Tensor.where(x[0], x[1], x[2]) },

  // Reductions and scans.
  "reduce_sum": { x, a in x[0].sum(alongAxes: a.axes("axis"), keepDims: a.bool("keepdims")) },
  "reduce_mean": { x, a in x[0].mean(alongAxes: a.axes("axis"), keepDims: a.bool("keepdims")) },
  "reduce_max": { x, a in x[0].max(alongAxes: a.axes("axis"), keepDims: a.bool("keepdims")) },
  "reduce_min": { x, a in x[0].min(alongAxes: a.axes("axis"), keepDims: a.bool("keepdims")) },
  "reduce_prod": { x, a in x[0].product(alongAxes: a.axes("axis"), keepDims: a.bool("keepdims")) },
  "reduce_logsumexp": { x, a in
    x[0].logSumExp(alongAxes: a.axes("axis"), keepDims: a.bool("keepdims"))
  },
  "argmax": { x, a in x[0].argmax(alongAxis: a.int("axis")) },
  "argmin": { x, a in x[0].argmin(alongAxis: a.int("axis")) },
  "cumsum": { x, a in
    x[0].cumulativeSum(
      alongAxis: a.int("axis"), exclusive: a.bool("exclusive"), reverse: a.bool("reverse"))
  },

  // Linear algebra.
  "matmul": { x, a in
    matmul(x[0], x[1], transposeA: a.bool("transpose_a"), transposeB: a.bool("transpose_b"))
  },

  // Shapes and movement.
  "reshape": { x, a in x[0].reshaped(to: Shape(a.ints("shape"))) },
  "transpose": { x, a in x[0].transposed(permutation: a.ints("perm")) },
  "expand_dims": { x, a in x[0].expandingShape(alongAxis: a.int("axis")) },
  "squeeze": { x, a in x[0].squeezingShape(alongAxes: a.int("axis")) },
  "broadcast_to": { x, a in x[0].broadcasted(to: Shape(a.ints("shape"))) },
  "concat": { x, a in concat(x, alongAxis: a.int("axis")) },
  "stack": { x, a in stack(x, alongAxis: a.int("axis")) },
  "tile": { x, a in x[0].tiled(multiples: a.ints("multiples")) },
  "reverse": { x, a in x[0].reversed(alongAxes: a.ints("axis")) },
  "pad": { x, a in
    let paddings = a.value("paddings", as: [[Int]].self).map {
      Padding(before: $0[0], after: $0[1])
    }
    return x[0].padded(with: paddings)
  },
  "slice": { x, a in x[0].slice(lowerBounds: a.ints("begin"), sizes: a.ints("size")) },
  "strided_slice": { x, a in x[0][pythonSubscript(a.string("python"))] },
  "gather": { x, a in x[0].gathering(atIndices: x[1], alongAxis: a.int("axis")) },
  "one_hot": { x, a in Tensor.oneHot(x[0], depth: a.int("depth")) },
]

/// The entries of a Python subscript such as `x[1, :, -1]` or `x[:, ::2, 1:3]`.
func pythonSubscript(_ expression: String) -> [TensorRange] {
  let inside = expression.drop { $0 != "[" }.dropFirst().prefix { $0 != "]" }
  return inside.split(separator: ",").map { entry in
    let text = entry.trimmingCharacters(in: .whitespaces)
    if text == "..." { return .ellipsis }
    if !text.contains(":") {
      guard let index = Int(text) else { fatalError("strided_slice: bad index \(text)") }
      return .index(index)
    }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
    return .range(
      from: parts[0], to: parts.count > 1 ? parts[1] : nil, by: parts.count > 2 ? parts[2] ?? 1 : 1)
  }
}
