import Foundation
import RillCore
import RillData

extension Model {
  /// The name of the weights file in a model directory.
  static let weightsFileName = "model.safetensors"
  /// The name of the architecture file in a model directory.
  static let configurationFileName = "config.json"
  /// The safetensors metadata key under which the weights file carries the architecture.
  static let configurationMetadataKey = "rill.model"
  /// The most elements of the example input that builds a loaded model.
  static let largestExample = 1 << 26

  /// Saves the whole model into `directory`: its architecture, its weights, and — when it is
  /// compiled — the optimizer, the loss, the metrics and the optimizer's state, so that
  /// ``load(from:)`` gives back a model that predicts the same and trains on as this one would.
  ///
  /// Keras: `model.save("model.keras")`.
  ///
  /// ```swift
  /// try model.save(to: URL(fileURLWithPath: "mnist-model"))
  /// let restored = try Model.load(from: URL(fileURLWithPath: "mnist-model"))
  /// ```
  /// The directory holds `model.safetensors` (the weights under their ``Layer/namedVariables``
  /// keys and the optimizer's state under `optimizer/`, readable by Python's `safetensors`) and
  /// `config.json` (the architecture and compile configuration, with Keras's keys). The weights
  /// file also carries the architecture in its metadata, and is written atomically and durably:
  /// a crash leaves either the previous model or the new one, never a mixture.
  ///
  /// - Parameter directory: the model directory, created if missing; an earlier model there is
  ///   replaced.
  /// - Throws: ``ModelFileError/notSavable(layer:className:)`` when the model or a layer has no
  ///   saved form (see ``SavableLayer``); ``ModelFileError/notBuilt(model:)`` before the model
  ///   has weights; ``ModelFileError/unwritable(path:reason:)`` or a `SafetensorsError` when
  ///   the files cannot be written.
  public func save(to directory: URL) throws {
    guard let savable = self as? any SavableLayer else {
      throw ModelFileError.notSavable(layer: name, className: String(describing: type(of: self)))
    }
    guard let inputShape = builtInputShape else { throw ModelFileError.notBuilt(model: name) }
    var file: [String: ConfigurationValue] = [
      "format": "rill.model", "format_version": 1,
      "build_config": [
        "input_shape": .array([.null] + inputShape.dimensions.dropFirst().map { .int($0) }),
        "input_dtype": .string((builtInputDType ?? .float32).rawValue),
      ],
    ]
    file.merge(try savable.savedForm()) { _, layer in layer }
    let training = TrainingConfiguration(of: self)
    file["compile_config"] = training?.savedForm ?? .null
    let unsaved = training?.unsavedMetrics ?? TrainingConfiguration.unsavedMetrics(of: self)
    if !unsaved.isEmpty { file["unsaved_metrics"] = .array(unsaved.map { .string($0) }) }

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let json = try encoder.encode(ConfigurationValue.object(file))
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw ModelFileError.unwritable(path: directory.path, reason: error.localizedDescription)
    }
    // The weights file is the model: it carries the architecture too, so that the two can
    // never disagree. config.json is a copy for people and tools.
    try checkpoint(includingOptimizer: training != nil).save(
      to: directory.appendingPathComponent(Self.weightsFileName),
      metadata: [Self.configurationMetadataKey: String(decoding: json, as: UTF8.self)])
    let configurationURL = directory.appendingPathComponent(Self.configurationFileName)
    do {
      try json.write(to: configurationURL, options: .atomic)
    } catch {
      throw ModelFileError.unwritable(
        path: configurationURL.path, reason: error.localizedDescription)
    }
  }

  /// Loads a model saved by ``save(to:)``: recreates its layers (built-in ones, and custom ones
  /// registered with ``LayerRegistry``), builds it, restores its weights, and — when it was
  /// compiled with a built-in optimizer and loss — compiles it and restores the optimizer's state.
  ///
  /// Keras: `keras.models.load_model`.
  ///
  /// - Parameter directory: a model directory written by ``save(to:)``.
  /// - Returns: the model; a ``Sequential`` for one saved as such.
  /// - Throws: ``ModelFileError`` when the directory is not a Rill model or names an unknown
  ///   class; `SafetensorsError` when the weights file is damaged; ``CheckpointError`` when the
  ///   weights do not fit the architecture.
  public static func load(from directory: URL) throws -> Model {
    let weightsURL = directory.appendingPathComponent(weightsFileName)
    guard FileManager.default.fileExists(atPath: weightsURL.path) else {
      throw ModelFileError.unreadable(path: directory.path, reason: "it has no \(weightsFileName)")
    }
    let (tensors, metadata) = try Safetensors.read(contentsOf: weightsURL)
    guard let json = metadata[configurationMetadataKey] else {
      throw ModelFileError.unreadable(
        path: weightsURL.path, reason: "its metadata has no '\(configurationMetadataKey)' entry")
    }
    let file: Configuration
    do {
      guard
        case .object(let values) = try JSONDecoder().decode(
          ConfigurationValue.self, from: Data(json.utf8))
      else { throw ModelFileError.unreadable(path: weightsURL.path, reason: "not an object") }
      file = Configuration(className: "model file", values: values)
    } catch let error as DecodingError {
      throw ModelFileError.unreadable(
        path: weightsURL.path, reason: "the architecture is not JSON (\(error))")
    }
    guard file["format"] == "rill.model", file["format_version"] == 1 else {
      throw ModelFileError.unreadable(
        path: weightsURL.path, reason: "not a Rill model file of format version 1")
    }
    guard let model = try makeLayer(from: .object(file.values)) as? Model else {
      throw file.invalid("class_name", "a model class")
    }

    let build = Configuration(className: "build_config", values: try file.object("build_config"))
    guard case .array(let dimensions) = build["input_shape"], !dimensions.isEmpty else {
      throw build.invalid("input_shape", "a list starting with the batch dimension")
    }
    let exampleShape = try dimensions.dropFirst().map { dimension in
      guard case .int(let size) = dimension, size >= 0 else {
        throw build.invalid("input_shape", "a list of sizes after the batch dimension")
      }
      return size
    }
    guard let dtype = DType(rawValue: try build.string("input_dtype")) else {
      throw build.invalid("input_dtype", "a dtype name")
    }
    // The file comes from outside: refuse to build on a forged, giant example.
    let exampleSize = exampleShape.reduce((1, false)) { partial, size in
      let (product, overflow) = partial.0.multipliedReportingOverflow(by: size)
      return (product, partial.1 || overflow)
    }
    guard !exampleSize.1, exampleSize.0 <= Self.largestExample else {
      throw build.invalid("input_shape", "the shape of an example of at most 2^26 elements")
    }
    if let training = file["compile_config"], training != .null {
      try TrainingConfiguration(savedForm: training).compile(model)
    }
    // One example through the model creates its weights; restoring then overwrites them.
    _ = model(Tensor.zeros(shape: Shape([1] + exampleShape), dtype: dtype), training: false)
    do {
      try model.checkpoint(includingOptimizer: model.optimizer != nil).restore(from: tensors)
    } catch var error as CheckpointError {
      error.path = weightsURL.path
      throw error
    }
    return model
  }

  /// Saves the model's weights alone to `url`: a safetensors file (`.safetensors`) or a NumPy
  /// archive (`.npz`), keyed by ``Layer/namedVariables``.
  ///
  /// Keras: `model.save_weights`.
  ///
  /// - Parameter url: the file to create or replace, atomically.
  /// - Throws: ``ModelFileError/notBuilt(model:)`` before the model has weights;
  ///   ``ModelFileError/unwritable(path:reason:)`` for another extension; the format's error
  ///   when the file cannot be written.
  public func saveWeights(to url: URL) throws {
    guard isBuilt || !variables.isEmpty else { throw ModelFileError.notBuilt(model: name) }
    let weights = Dictionary(uniqueKeysWithValues: namedVariables.map { ($0, $1 as Tensor) })
    switch url.pathExtension {
    case "safetensors": try Safetensors.write(weights, to: url)
    case "npz": try NPZ.write(weights, to: url)
    default:
      throw ModelFileError.unwritable(
        path: url.path, reason: "the extension must be .safetensors or .npz")
    }
  }

  /// Loads weights saved by ``saveWeights(to:)`` (or written by Python under the same keys) into
  /// this model, by name.
  ///
  /// Keras: `model.load_weights`.
  ///
  /// Every variable of the model must find a tensor of its dtype and shape, and every tensor a
  /// variable; otherwise a ``CheckpointError`` names each missing, unexpected and mis-shaped
  /// variable and no weight changes.
  ///
  /// - Parameter url: a `.safetensors` or `.npz` file.
  /// - Throws: ``ModelFileError/notBuilt(model:)`` before the model has weights (call it once
  ///   first); ``ModelFileError/unreadable(path:reason:)`` for another extension; the format's
  ///   error for a damaged file; ``CheckpointError`` when the weights do not fit.
  public func loadWeights(from url: URL) throws {
    guard isBuilt || !variables.isEmpty else { throw ModelFileError.notBuilt(model: name) }
    let tensors: [String: Tensor]
    switch url.pathExtension {
    case "safetensors": tensors = try Safetensors.read(contentsOf: url).tensors
    case "npz": tensors = try NPZ.read(contentsOf: url)
    default:
      throw ModelFileError.unreadable(
        path: url.path, reason: "the extension must be .safetensors or .npz")
    }
    do {
      try checkpoint(includingOptimizer: false).restore(from: tensors)
    } catch var error as CheckpointError {
      error.path = url.path
      throw error
    }
  }

  /// The model's variables by ``Layer/namedVariables`` key and, if asked and compiled, the
  /// optimizer's state under `optimizer/`.
  func checkpoint(includingOptimizer: Bool) -> Checkpoint {
    Checkpoint(model: self, optimizer: includingOptimizer ? optimizer : nil)
  }
}
