/// The element type of a tensor, chosen at run time.
///
/// Rill's dtypes are TensorFlow's common ones. Ops on operands of different dtypes promote both
/// to a common dtype first; see ``DType/promoted(with:)`` and the Broadcasting and Types article.
///
/// ```swift
/// let pixels = Tensor(shape: [2], scalars: [0, 255] as [UInt8])
/// pixels.dtype                       // .uint8
/// pixels.cast(to: .float32).dtype    // .float32
/// ```
public enum DType: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
  /// 32-bit IEEE 754 floating point, the default for real numbers.
  case float32
  /// 64-bit IEEE 754 floating point.
  case float64
  /// 32-bit signed integer, the default for integer literals.
  case int32
  /// 64-bit signed integer, the result type of `argmax` and `argmin`.
  case int64
  /// 8-bit unsigned integer, as used for image pixels.
  case uint8
  /// Boolean, the result type of comparisons.
  case bool

  /// The size of one element in bytes.
  public var byteCount: Int {
    switch self {
    case .float64, .int64: return 8
    case .float32, .int32: return 4
    case .uint8, .bool: return 1
    }
  }

  /// Whether the dtype is `float32` or `float64`.
  public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

  /// Whether the dtype is a signed or unsigned integer type.
  public var isInteger: Bool { self == .int32 || self == .int64 || self == .uint8 }

  /// Whether the dtype supports arithmetic (every dtype but `bool`).
  public var isNumeric: Bool { self != .bool }

  /// The dtype's name as TensorFlow prints it, for example `float32`.
  public var description: String { rawValue }

  /// The smallest dtype that holds both operands' values, following the lattice
  /// bool < uint8 < int32 < int64 < float32 < float64.
  ///
  /// Integers meet floats at the float: `int64` with `float32` gives `float32`, as in JAX.
  public func promoted(with other: DType) -> DType {
    promotionRank >= other.promotionRank ? self : other
  }

  private var promotionRank: Int {
    switch self {
    case .bool: return 0
    case .uint8: return 1
    case .int32: return 2
    case .int64: return 3
    case .float32: return 4
    case .float64: return 5
    }
  }
}
