import Foundation
import RillCore
import RillData

/// A set of named variables — a model's weights, an optimizer's state, a step counter — that is
/// saved to a safetensors file and restored into the same variables by name.
///
/// Saving is atomic and durable (see ``Safetensors/write(_:metadata:to:)``): a crash or a full
/// disk never leaves a half-written checkpoint where a good one was. Restoring is all or
/// nothing: every variable must find a tensor of its dtype and shape under its name, and the
/// file may hold no other tensors; otherwise a ``CheckpointError`` lists every problem and no
/// variable changes. The names are the safetensors keys, so the files load in Python with
/// `safetensors.numpy.load_file`.
///
/// ```swift
/// let w = Variable(Tensor.randomNormal(shape: [3, 2], seed: 0), name: "dense.kernel")
/// let b = Variable(Tensor.zeros(shape: [2]), name: "dense.bias")
/// let optimizer = Adam(learningRate: 1e-3)
/// var checkpoint = Checkpoint([w, b])
/// checkpoint.add(optimizer.checkpointVariables(for: checkpoint.variables))
/// try checkpoint.save(to: URL(fileURLWithPath: "step-1000.safetensors"))
/// // Later, with fresh variables and a fresh optimizer built the same way:
/// try checkpoint.restore(from: URL(fileURLWithPath: "step-1000.safetensors"))
/// ```
public struct Checkpoint {
  /// The variables, by their name in the file.
  public private(set) var variables: [String: Variable]

  /// Creates a checkpoint of `variables`, each saved under its key.
  ///
  /// - Parameter variables: the variables by name in the file.
  public init(_ variables: [String: Variable]) {
    self.variables = variables
  }

  /// Creates a checkpoint of `variables`, each saved under its own ``Variable/name``.
  ///
  /// - Parameter variables: the variables.
  /// - Precondition: the variables' names are distinct.
  public init(_ variables: [Variable]) {
    var byName: [String: Variable] = [:]
    for variable in variables {
      guard byName.updateValue(variable, forKey: variable.name) == nil else {
        fatalError(
          "Checkpoint: two variables are named '\(variable.name)'; give them distinct names "
            + "or key them yourself"
        )
      }
    }
    self.init(byName)
  }

  /// Creates a checkpoint of a model's (or layer's) variables under their ``Layer/namedVariables``
  /// keys and, if given, the optimizer's state for them under `optimizer/`: what resuming its
  /// training needs.
  ///
  /// Build the model (call it once) first.
  ///
  /// ```swift
  /// let checkpoint = Checkpoint(model: model, optimizer: optimizer)
  /// try checkpoint.save(to: URL(fileURLWithPath: "step-1000.safetensors"))
  /// ```
  /// - Parameters:
  ///   - model: the model whose variables are saved.
  ///   - optimizer: the optimizer that trains it, if its state should be saved too.
  public init(model: Layer, optimizer: Optimizer? = nil) {
    let weights = Dictionary(uniqueKeysWithValues: model.namedVariables)
    self.init(weights)
    if let optimizer { add(optimizer.checkpointVariables(for: weights)) }
  }

  /// Adds `variables` to the checkpoint, each under its key.
  ///
  /// - Parameter variables: the variables by name in the file.
  /// - Precondition: no key is already in the checkpoint.
  public mutating func add(_ variables: [String: Variable]) {
    for (name, variable) in variables {
      guard self.variables.updateValue(variable, forKey: name) == nil else {
        fatalError("Checkpoint: the name '\(name)' is already in the checkpoint")
      }
    }
  }

  /// Saves the variables' current values to `url` as a safetensors file, atomically and
  /// durably.
  ///
  /// - Parameters:
  ///   - url: the file to create or replace.
  ///   - metadata: strings to keep in the file's `__metadata__` map (none by default).
  /// - Throws: ``SafetensorsError`` naming the file when it cannot be written (or a variable is
  ///   named `__metadata__`).
  public func save(to url: URL, metadata: [String: String] = [:]) throws {
    try Safetensors.write(variables.mapValues { $0 as Tensor }, metadata: metadata, to: url)
  }

  /// Restores the variables from the safetensors file at `url`, by name.
  ///
  /// - Parameter url: a file written by ``save(to:metadata:)`` or by any safetensors writer.
  /// - Returns: the file's metadata.
  /// - Throws: ``SafetensorsError`` naming the file when it cannot be read or is damaged;
  ///   ``CheckpointError`` naming the file and every missing, unexpected or mismatched
  ///   variable when the tensors do not fit. Either way, no variable has changed.
  @discardableResult
  public func restore(from url: URL) throws -> [String: String] {
    let (tensors, metadata) = try Safetensors.read(contentsOf: url)
    do {
      try restore(from: tensors)
    } catch var error as CheckpointError {
      error.path = url.path
      throw error
    }
    return metadata
  }

  /// Restores the variables from `tensors`, by name: tensors read from a safetensors or `.npz`
  /// file, say.
  ///
  /// Every variable must have a tensor of its dtype and shape, and every tensor a variable;
  /// all of this is checked before any variable is assigned.
  ///
  /// - Parameter tensors: the values by name.
  /// - Throws: ``CheckpointError`` listing every missing, unexpected and mismatched name; then
  ///   no variable has changed.
  public func restore(from tensors: [String: Tensor]) throws {
    var missing: [String] = []
    var mismatched: [CheckpointError.Mismatch] = []
    for (name, variable) in variables {
      guard let tensor = tensors[name] else {
        missing.append(name)
        continue
      }
      if tensor.dtype != variable.dtype || tensor.shape != variable.shape {
        mismatched.append(.init(name: name, expected: variable.spec, found: tensor.spec))
      }
    }
    let unexpected = tensors.keys.filter { variables[$0] == nil }
    guard missing.isEmpty && unexpected.isEmpty && mismatched.isEmpty else {
      throw CheckpointError(
        .variablesDoNotMatch(
          missing: missing.sorted(), unexpected: unexpected.sorted(),
          mismatched: mismatched.sorted { $0.name < $1.name }))
    }
    for (name, variable) in variables {
      if let tensor = tensors[name] { variable.assign(tensor) }
    }
  }
}
