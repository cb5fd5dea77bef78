import Foundation
import RillCore

/// A building block of a model: a computation from one tensor to another, with the weights it
/// learns.
///
/// A layer creates its weights lazily, in ``build(inputShape:)``, the first time it is called, so
/// that the input size is learned from the data as in Keras. A subclass overrides `build` (to
/// call ``addWeight(_:shape:initializer:trainable:regularizer:dtype:)``) and
/// ``call(_:training:)``.
///
/// ```swift
/// final class Scale: Layer {
///   private(set) var factor: Variable?
///   override func build(inputShape: Shape) {
///     factor = addWeight("factor", shape: [inputShape[inputShape.rank - 1]], initializer: Ones())
///   }
///   override func call(_ input: Tensor, training: Bool) -> Tensor { input * factor! }
/// }
/// ```
/// Layers are reference types: calling one layer twice uses the same weights. Layers stored in
/// the properties of another layer or a model are found without being listed (see
/// ``variables``). Keras: `keras.layers.Layer`.
open class Layer {
  /// The layer's name, unique in the program (`dense`, `dense_1`, …); weight names start with it.
  public let name: String
  /// Whether training updates the layer's weights.
  public var trainable = true
  /// Whether the layer has created its weights.
  public private(set) var isBuilt = false
  /// The shape of the input the layer was built for, batch dimension included.
  public private(set) var builtInputShape: Shape?
  /// The dtype of the input the layer was built for (`nil` when built with ``build(for:)``).
  public private(set) var builtInputDType: DType?
  /// The shape of the layer's output at its last call, batch dimension included.
  public private(set) var lastOutputShape: Shape?

  /// The weights created by ``addWeight(_:shape:initializer:trainable:regularizer:dtype:)``,
  /// with their short names and regularizers.
  private var ownWeights: [(name: String, variable: Variable, regularizer: (any Regularizer)?)] = []
  /// The device set by ``to(_:)``, where weights built later are created.
  var placement: (any Device)?

  /// Creates a layer named `name`, or a fresh name derived from the class (`Dense` → `dense`).
  public init(name: String? = nil) {
    self.name = name ?? LayerNames.unique(for: type(of: self))
  }

  // MARK: Subclass hooks

  /// Creates the layer's weights for inputs of `inputShape`.
  ///
  /// Called once, before the first call.
  open func build(inputShape: Shape) {}

  /// Computes the layer's output.
  ///
  /// `training` tells layers such as dropout and batch normalization whether they are training.
  open func call(_ input: Tensor, training: Bool) -> Tensor {
    fatalError("\(name): \(type(of: self)) does not override call(_:training:)")
  }

  // MARK: Calling

  /// Builds the layer on its first call, then computes its output.
  public func callAsFunction(_ input: Tensor, training: Bool = false) -> Tensor {
    if !isBuilt {
      // Weights go where the layer was placed, else where its first input lives.
      withDevice(placement ?? input.device) { build(inputShape: input.shape) }
      builtInputShape = input.shape
      builtInputDType = input.dtype
      isBuilt = true
    }
    let output = call(input, training: training)
    lastOutputShape = output.shape
    return output
  }

  /// Builds the layer for inputs of `inputShape` without calling it.
  public func build(for inputShape: Shape) {
    guard !isBuilt else { return }
    withDevice(placement ?? defaultDevice) { build(inputShape: inputShape) }
    builtInputShape = inputShape
    isBuilt = true
  }

  /// Creates a weight of the layer, named "\(layer name)/\(name)".
  ///
  /// - Parameters:
  ///   - name: the weight's short name, such as `kernel`.
  ///   - shape: its shape.
  ///   - initializer: how its values start.
  ///   - trainable: whether training updates it (a running mean, say, is not trainable).
  ///   - regularizer: a penalty added to the training loss.
  ///   - dtype: its element type.
  /// - Returns: the new variable, also listed in the layer's ``variables``.
  public func addWeight(
    _ name: String, shape: Shape, initializer: any Initializer = GlorotUniform(),
    trainable: Bool = true, regularizer: (any Regularizer)? = nil, dtype: DType = .float32
  ) -> Variable {
    // Outside any function being traced, so the starting values are concrete.
    let initial = initScope { initializer(shape: shape, dtype: dtype) }
    let variable = Variable(initial, name: "\(self.name)/\(name)", trainable: trainable)
    ownWeights.append((name, variable, regularizer))
    return variable
  }

  // MARK: Variables

  /// The layers held in this layer's stored properties (directly, in arrays or as optionals),
  /// found by reflection, with the property names.
  open var namedSublayers: [(String, Layer)] {
    var found: [(String, Layer)] = []
    var mirror: Mirror? = Mirror(reflecting: self)
    while let current = mirror {
      for child in current.children {
        guard let label = child.label.map(propertyName) else { continue }
        switch child.value {
        case let layer as Layer: found.append((label, layer))
        case let layers as [Layer]:
          found += layers.enumerated().map { ("\(label).\($0.offset)", $0.element) }
        case let optional as Layer?:
          if let layer = optional { found.append((label, layer)) }
        default: break
        }
      }
      mirror = current.superclassMirror
    }
    return found
  }

  /// Every variable of the layer and its sublayers under a dotted name, such as
  /// `dense1.kernel`: the checkpoint keys.
  public var namedVariables: [(String, Variable)] {
    var named = ownWeights.map { ($0.name, $0.variable) }
    var seen = Set(named.map { ObjectIdentifier($0.1) })
    var mirror: Mirror? = Mirror(reflecting: self)
    // Variables held directly in properties (as a model written from scratch does).
    while let current = mirror {
      for child in current.children {
        guard let label = child.label.map(propertyName), let variable = child.value as? Variable
        else { continue }
        if seen.insert(ObjectIdentifier(variable)).inserted { named.append((label, variable)) }
      }
      mirror = current.superclassMirror
    }
    for (label, layer) in namedSublayers {
      for (name, variable) in layer.namedVariables
      where seen.insert(ObjectIdentifier(variable)).inserted {
        named.append(("\(label).\(name)", variable))
      }
    }
    return named
  }

  /// Every variable of the layer and its sublayers.
  public var variables: [Variable] { namedVariables.map(\.1) }

  /// The variables that training updates: the trainable ones, if the layer is trainable.
  public var trainableVariables: [Variable] {
    trainable ? variables.filter(\.trainable) : []
  }

  /// The variables training leaves alone (running statistics, frozen weights).
  public var nonTrainableVariables: [Variable] {
    trainable ? variables.filter { !$0.trainable } : variables
  }

  /// The penalties of the weights' regularizers, this layer's and its sublayers'.
  public var regularizationLosses: [Tensor] {
    ownWeights.compactMap { weight in weight.regularizer.map { $0(weight.variable) } }
      + namedSublayers.flatMap { $0.1.regularizationLosses }
  }

  /// The number of scalars in the layer's weights.
  public var parameterCount: Int {
    variables.map(\.scalarCount).reduce(0, +)
  }
}

/// A stored property's name as Swift's reflection reports it, without the `$__lazy_storage_$_`
/// prefix of lazy properties.
private func propertyName(_ label: String) -> String {
  label.hasPrefix("$__lazy_storage_$_") ? String(label.dropFirst(18)) : label
}

/// Hands out layer names: the class name in snake case, then `_1`, `_2` … for later layers of
/// the same kind, as Keras does.
enum LayerNames {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var counts: [String: Int] = [:]

  static func unique(for type: Layer.Type) -> String {
    let base = snakeCase(String(describing: type))
    lock.lock()
    defer { lock.unlock() }
    let count = counts[base, default: 0]
    counts[base] = count + 1
    return count == 0 ? base : "\(base)_\(count)"
  }

  /// `BatchNormalization` → `batch_normalization`, `Conv2D` → `conv2d`.
  static func snakeCase(_ name: String) -> String {
    var result = ""
    let characters = Array(name)
    for (index, character) in characters.enumerated() {
      if character.isUppercase {
        let previous = index > 0 ? characters[index - 1] : nil
        let next = index + 1 < characters.count ? characters[index + 1] : nil
        let startsWord =
          previous.map { $0.isLowercase || ($0.isUppercase && (next?.isLowercase ?? false)) }
          ?? false
        if startsWord { result += "_" }
        result += character.lowercased()
      } else {
        result.append(character)
      }
    }
    return result
  }
}
