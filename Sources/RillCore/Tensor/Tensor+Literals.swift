/// One element or one nested row of a tensor literal such as `[[1, 2], [3, 4.5]]`.
///
/// Swift builds these from the literal; ``Tensor`` then checks that the rows are rectangular and
/// picks the dtype: bool if every element is a bool, float32 if any element is written with a
/// fraction or exponent, int32 otherwise.
public struct TensorLiteral: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, Sendable
{
  indirect enum Value: Sendable {
    case integer(Int)
    case floatingPoint(Double)
    case boolean(Bool)
    case row([TensorLiteral])
  }

  let value: Value

  /// An integer element.
  public init(integerLiteral value: Int) { self.value = .integer(value) }
  /// A real element.
  public init(floatLiteral value: Double) { self.value = .floatingPoint(value) }
  /// A bool element.
  public init(booleanLiteral value: Bool) { self.value = .boolean(value) }
  /// A nested row.
  public init(arrayLiteral elements: TensorLiteral...) { self.value = .row(elements) }
}

/// Tensors can be written as Swift literals. Literal tensors are *weakly typed*: in an op they
/// take the dtype of the other operand, so `x * 2` keeps `x`'s dtype and a float64 tensor plus
/// `0.1` adds the float64 nearest to 0.1.
///
/// ```swift
/// let scalar: Tensor = 3.5              // float32, shape []
/// let matrix: Tensor = [[1, 2], [3, 4]] // int32, shape [2, 2]
/// let mask: Tensor = [true, false]      // bool, shape [2]
/// ```
extension Tensor: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{}

extension TensorLiteral {
  init(value: Value) { self.value = value }
}

extension TensorLiteral {
  /// Positive infinity, for literals such as `[1, .infinity]`.
  public static var infinity: TensorLiteral { TensorLiteral(value: .floatingPoint(.infinity)) }

  /// A quiet NaN, for literals such as `[1, .nan]`.
  public static var nan: TensorLiteral { TensorLiteral(value: .floatingPoint(.nan)) }

  /// The negated element, for literals such as `[-.infinity, 0]`.
  ///
  /// - Precondition: the element is a number, not a bool or a row.
  public static prefix func - (element: TensorLiteral) -> TensorLiteral {
    switch element.value {
    case .integer(let value): return TensorLiteral(value: .integer(-value))
    case .floatingPoint(let value): return TensorLiteral(value: .floatingPoint(-value))
    default: fatalError("Tensor literal: only numbers can be negated")
    }
  }
}
