/// A chain of elementwise operations computed in one pass over memory: the elementwise fusion
/// pass replaces the chain's instructions with one that runs this program block by block, so
/// the intermediate values live in small buffers in cache instead of whole tensors.
///
/// Operation k writes temporary k; the last operation's value is the output. Every operand has
/// the output's shape once broadcast, and every value has the output's floating-point dtype.
public struct FusedElementwise: Hashable, Sendable {
  /// A value an operation reads.
  public enum Operand: Hashable, Sendable {
    /// One of the program's inputs (the instruction's input slots, in order).
    case input(Int)
    /// The value of an earlier operation.
    case temporary(Int)
  }

  /// One elementwise operation.
  public enum Operation: Hashable, Sendable {
    /// y = f(x).
    case unary(UnaryFunction, Operand)
    /// y = f(a, b).
    case binary(BinaryFunction, Operand, Operand)
  }

  /// The operations in the order they run; operation k writes temporary k.
  public var operations: [Operation] = []
  /// The number of inputs the program reads.
  public var inputCount = 0

  /// Whether any operation is a transcendental function (which sets the work per thread).
  public var isCostly: Bool {
    operations.contains {
      if case .unary(let function, _) = $0 { function.isCostly } else { false }
    }
  }

  /// `name(name(…))`, for plans and exported graphs.
  public var name: String {
    "fused("
      + operations.map { operation in
        switch operation {
        case .unary(let function, _): function.name
        case .binary(let function, _, _): function.name
        }
      }.joined(separator: ", ") + ")"
  }
}
