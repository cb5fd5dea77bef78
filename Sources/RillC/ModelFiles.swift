import Foundation
import Rill

/// A Sequential model made from its JSON description and checked layer by layer, not yet
/// built.
struct CheckedSequential {
  /// The model, with its layers created but no weights.
  var model: Sequential
  /// One input example: its shape without the batch axis, and its dtype.
  var input: TensorSpec
  /// One output example.
  var output: TensorSpec

  /// Reads a model's JSON description and checks its layers against its input.
  ///
  /// The JSON is that of a `config.json` (or of a weights file's metadata); the layers are
  /// checked against its `build_config` input before anything that could trap runs. `source`
  /// names where the JSON came from, for messages.
  init(json: String, source: String) throws {
    let value: ConfigurationValue
    do {
      value = try JSONDecoder().decode(ConfigurationValue.self, from: Data(json.utf8))
    } catch {
      throw CallError.invalid("\(source): not valid JSON (\(error))")
    }
    guard case .object(let fields) = value else {
      throw CallError.invalid("\(source): the model description is not a JSON object")
    }
    let file = Configuration(className: "model", values: fields)
    guard file["class_name"] == .string("Sequential") else {
      throw CallError.invalid("\(source): class_name must be \"Sequential\"")
    }
    let name: String
    if case .string(let given)? = file["name"] { name = given } else { name = "sequential" }
    let layers = Configuration(className: "Sequential", values: try file.object("config"))
    try Self.checkLayerForms(layers, source: source)
    model = try Sequential(configuration: layers, name: name)
    input = try Self.inputExample(file, source: source)
    output = try ModelChecks.outputExample(of: model.layers, input: input)
  }

  /// The layer classes whose shape rules ``ModelChecks`` knows.
  static let checkedClasses: Set<String> = [
    "Dense", "Flatten", "Reshape", "Dropout", "Activation", "ReLU", "Softmax", "Conv2D",
    "MaxPooling2D", "AveragePooling2D", "GlobalAveragePooling2D", "GlobalMaxPooling2D",
    "LayerNormalization",
  ]

  /// Throws unless every layer is of a checked class, and a Reshape's target shape has sizes
  /// a `Shape` can hold: checked before the layers are made, since making them runs their
  /// initializers.
  private static func checkLayerForms(_ layers: Configuration, source: String) throws {
    guard case .array(let forms)? = layers["layers"] else { return }
    for form in forms {
      guard case .object(let fields) = form, case .string(let className)? = fields["class_name"]
      else { continue }
      guard checkedClasses.contains(className) else {
        throw CallError.invalid(
          "\(source): \(className) layers are not supported by the C API's model checks")
      }
      if className == "Reshape", case .object(let config)? = fields["config"],
        case .array(let sizes)? = config["target_shape"]
      {
        let numbers = sizes.compactMap { value -> Int? in
          if case .int(let size) = value { return size } else { return nil }
        }
        try checkShapeArithmetic(numbers, "\(source): Reshape target_shape")
      }
    }
  }

  /// The example input that `build_config` describes.
  private static func inputExample(_ file: Configuration, source: String) throws -> TensorSpec {
    let build = Configuration(className: "build_config", values: try file.object("build_config"))
    guard case .array(let dimensions)? = build["input_shape"], !dimensions.isEmpty else {
      throw CallError.invalid(
        "\(source): build_config.input_shape must be a list starting with the batch dimension")
    }
    let sizes = try dimensions.dropFirst().map { dimension -> Int in
      guard case .int(let size) = dimension, size >= 1 else {
        throw CallError.invalid(
          "\(source): build_config.input_shape must hold positive sizes after the batch dimension")
      }
      return size
    }
    let dtypeName: String
    if case .string(let given)? = build["input_dtype"] {
      dtypeName = given
    } else {
      dtypeName = "float32"
    }
    guard let dtype = DType(rawValue: dtypeName) else {
      throw CallError.invalid("\(source): build_config.input_dtype '\(dtypeName)' is not a dtype")
    }
    return TensorSpec(dtype: dtype, shape: try allocatableShape(sizes, dtype: dtype, source))
  }

  /// Creates the weights with the layers' initializers, by calling the model on one example of
  /// zeros.
  func build() {
    _ = model(Tensor.zeros(shape: Shape([1] + input.shape.dimensions), dtype: input.dtype))
  }
}

/// The description a model directory's weights file carries, which `Model.load(from:)`
/// builds: read here to be checked first.
func savedDescription(inDirectory directory: URL) throws -> String {
  let weights = directory.appendingPathComponent("model.safetensors")
  guard FileManager.default.fileExists(atPath: weights.path) else {
    throw CallError(.io, "rill_model_load: \(directory.path) has no model.safetensors")
  }
  let metadata = try Safetensors.read(contentsOf: weights).metadata
  guard let json = metadata["rill.model"] else {
    throw CallError(.io, "rill_model_load: \(weights.path) has no 'rill.model' description")
  }
  return json
}
