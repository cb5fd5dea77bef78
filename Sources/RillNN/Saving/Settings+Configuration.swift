import RillCore

// How the settings layers share — activations, initializers, regularizers, paddings, seeds —
// are written in a model file, by Keras's names.

extension ActivationFunction {
  /// The activation's name, or its name and parameter for the parameterized ones.
  var savedForm: ConfigurationValue {
    switch self {
    case .leakyRelu(let alpha), .elu(let alpha):
      return ["name": .string(name), "alpha": .double(alpha)]
    case .gelu(let approximate):
      return ["name": .string(name), "approximate": .bool(approximate)]
    default:
      return .string(name)
    }
  }

  /// The activation saved under `key` in `configuration`.
  init(configuration: Configuration, key: String) throws {
    let form: Configuration
    switch configuration[key] {
    case .string(let name):
      form = Configuration(className: configuration.className, values: ["name": .string(name)])
    case .object(let values):
      form = Configuration(className: configuration.className, values: values)
    default:
      throw configuration.invalid(key, "an activation name")
    }
    let name = try form.string("name")
    switch name {
    case "leaky_relu" where form["alpha"] != nil: self = .leakyRelu(alpha: try form.double("alpha"))
    case "elu" where form["alpha"] != nil: self = .elu(alpha: try form.double("alpha"))
    case "gelu" where form["approximate"] != nil:
      self = .gelu(approximate: try form.bool("approximate"))
    default:
      guard let known = ActivationFunction(name: name) else {
        throw ModelFileError.unknownClass(name, kind: "activation")
      }
      self = known
    }
  }
}

extension ConvolutionPadding {
  /// `"same"` or `"valid"`, as Keras writes it.
  var savedForm: ConfigurationValue { self == .same ? "same" : "valid" }

  /// The padding saved under `key` in `configuration`.
  init(configuration: Configuration, key: String) throws {
    switch try configuration.string(key) {
    case "same": self = .same
    case "valid": self = .valid
    default: throw configuration.invalid(key, "\"same\" or \"valid\"")
    }
  }
}

/// A seed as a model file holds it: an integer (its bit pattern), or null for none.
func savedSeed(_ seed: UInt64?) -> ConfigurationValue {
  seed.map { .int(Int(truncatingIfNeeded: $0)) } ?? .null
}

extension Configuration {
  /// The seed saved under `key`, or `nil` for null or none.
  func seed(_ key: String) throws -> UInt64? {
    if values[key] == nil || values[key] == .null { return nil }
    return UInt64(truncatingIfNeeded: try int(key))
  }

  /// The pair of integers, or null, saved under `key`.
  func optionalPair(_ key: String) throws -> (Int, Int)? {
    if values[key] == nil || values[key] == .null { return nil }
    return try pair(key)
  }
}

/// A pair of integers as a model file holds it.
func savedPair(_ pair: (Int, Int)) -> ConfigurationValue { [.int(pair.0), .int(pair.1)] }

/// The initializer as a model file holds it: Keras's class name and its settings.
///
/// - Throws: ``ModelFileError/notSavable(layer:className:)`` for an initializer type Rill does
///   not know how to write.
func savedInitializer(_ initializer: any Initializer, in layer: Layer) throws -> ConfigurationValue
{
  switch initializer {
  case let glorot as GlorotUniform:
    return classForm("GlorotUniform", ["seed": savedSeed(glorot.seed)])
  case let glorot as GlorotNormal:
    return classForm("GlorotNormal", ["seed": savedSeed(glorot.seed)])
  case let he as HeNormal: return classForm("HeNormal", ["seed": savedSeed(he.seed)])
  case let he as HeUniform: return classForm("HeUniform", ["seed": savedSeed(he.seed)])
  case let normal as RandomNormal: return classForm("RandomNormal", savedSettings(normal))
  case let uniform as RandomUniform:
    return classForm(
      "RandomUniform",
      [
        "minval": .double(uniform.lowerBound), "maxval": .double(uniform.upperBound),
        "seed": savedSeed(uniform.seed),
      ])
  case let truncated as TruncatedNormal:
    return classForm("TruncatedNormal", savedSettings(truncated.normal))
  case let constant as Constant: return classForm("Constant", ["value": .double(constant.value)])
  case is Zeros: return classForm("Zeros", [:])
  case is Ones: return classForm("Ones", [:])
  default:
    throw ModelFileError.notSavable(
      layer: layer.name, className: String(describing: type(of: initializer)))
  }
}

/// A normal's settings under Keras's names, as both `RandomNormal` and `TruncatedNormal` save them.
private func savedSettings(_ normal: RandomNormal) -> [String: ConfigurationValue] {
  [
    "mean": .double(normal.mean), "stddev": .double(normal.standardDeviation),
    "seed": savedSeed(normal.seed),
  ]
}

extension Configuration {
  /// The initializer saved under `key`.
  func initializer(_ key: String) throws -> any Initializer {
    let form = Configuration(className: className, values: try object(key))
    let name = try form.string("class_name")
    let config = Configuration(className: name, values: try form.object("config"))
    switch name {
    case "GlorotUniform": return GlorotUniform(seed: try config.seed("seed"))
    case "GlorotNormal": return GlorotNormal(seed: try config.seed("seed"))
    case "HeNormal": return HeNormal(seed: try config.seed("seed"))
    case "HeUniform": return HeUniform(seed: try config.seed("seed"))
    case "RandomNormal": return try config.randomNormal()
    case "RandomUniform":
      return RandomUniform(
        lowerBound: try config.double("minval"), upperBound: try config.double("maxval"),
        seed: try config.seed("seed"))
    case "TruncatedNormal": return TruncatedNormal(truncating: try config.randomNormal())
    case "Constant": return Constant(try config.double("value"))
    case "Zeros": return Zeros()
    case "Ones": return Ones()
    default: throw ModelFileError.unknownClass(name, kind: "initializer")
    }
  }

  /// The normal whose settings these are (Keras's `RandomNormal` and `TruncatedNormal` config).
  private func randomNormal() throws -> RandomNormal {
    RandomNormal(
      mean: try double("mean"), standardDeviation: try double("stddev"), seed: try seed("seed"))
  }

  /// The regularizer saved under `key`, or `nil` for null or none.
  func regularizer(_ key: String) throws -> (any Regularizer)? {
    if values[key] == nil || values[key] == .null { return nil }
    let form = Configuration(className: className, values: try object(key))
    let name = try form.string("class_name")
    let config = Configuration(className: name, values: try form.object("config"))
    switch name {
    case "L1": return L1(try config.double("l1"))
    case "L2": return L2(try config.double("l2"))
    case "L1L2": return L1L2(l1: try config.double("l1"), l2: try config.double("l2"))
    default: throw ModelFileError.unknownClass(name, kind: "regularizer")
    }
  }
}

/// The regularizer as a model file holds it, or null for none.
///
/// - Throws: ``ModelFileError/notSavable(layer:className:)`` for a regularizer type Rill does
///   not know how to write.
func savedRegularizer(_ regularizer: (any Regularizer)?, in layer: Layer) throws
  -> ConfigurationValue
{
  guard let regularizer else { return .null }
  switch regularizer {
  case let l1 as L1: return classForm("L1", ["l1": .double(l1.l1)])
  case let l2 as L2: return classForm("L2", ["l2": .double(l2.l2)])
  case let both as L1L2: return classForm("L1L2", ["l1": .double(both.l1), "l2": .double(both.l2)])
  default:
    throw ModelFileError.notSavable(
      layer: layer.name, className: String(describing: type(of: regularizer)))
  }
}
