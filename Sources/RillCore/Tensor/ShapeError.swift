/// Why an op cannot accept operands of the given shapes or dtypes.
///
/// Every op has a shape and dtype rule that returns either the result's type or a `ShapeError`.
/// Eager ops trap with the error's description, since a shape mismatch in a program is a logic
/// error; the rules themselves can be called and tested without trapping.
public struct ShapeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The name of the op that rejected its operands, as TensorFlow names it (`add`, `matmul`).
  public var op: String
  /// What was wrong, naming the shapes or dtypes involved.
  public var message: String

  /// Creates an error for `op` with an explanation.
  public init(op: String, _ message: String) {
    self.op = op
    self.message = message
  }

  /// The op's name followed by the explanation, for example
  /// `add: shapes [2, 3] and [4] are not broadcast-compatible`.
  public var description: String { "\(op): \(message)" }
}
