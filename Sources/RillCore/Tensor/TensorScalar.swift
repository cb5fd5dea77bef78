/// A Swift number type that tensors can be built from and read back into.
///
/// `Float`, `Double`, `Int32`, `Int64`, `Int` (stored as `int64`), `UInt8` and `Bool` conform.
public protocol TensorScalar: Sendable {
  /// The dtype whose elements have this type's memory layout.
  static var dtype: DType { get }
}

extension Float: TensorScalar {
  /// `float32`.
  public static var dtype: DType { .float32 }
}

extension Double: TensorScalar {
  /// `float64`.
  public static var dtype: DType { .float64 }
}

extension Int32: TensorScalar {
  /// `int32`.
  public static var dtype: DType { .int32 }
}

extension Int64: TensorScalar {
  /// `int64`.
  public static var dtype: DType { .int64 }
}

extension Int: TensorScalar {
  /// `int64`: Swift's `Int` is 64 bits wide on every platform Rill supports.
  public static var dtype: DType { .int64 }
}

extension UInt8: TensorScalar {
  /// `uint8`.
  public static var dtype: DType { .uint8 }
}

extension Bool: TensorScalar {
  /// `bool`.
  public static var dtype: DType { .bool }
}
