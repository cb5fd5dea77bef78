/// A computation Rill does not know, done by Swift or C code on the raw elements of a concrete
/// value — a collective of a message-passing library, a call into a foreign kernel — wherever
/// the program runs: at once in eager code, and each time a graph or compiled function runs
/// when it is applied to a symbolic value or inside a `Function` being traced.
///
/// The output has the input's dtype and shape. The body reads the input's bytes and must fill
/// every byte of the output; it runs once per call, in program order, and is never folded into
/// a constant, merged with another call or differentiated (no gradient flows through it). In a
/// graph, as for any op, a call whose output nothing needs is not run.
///
/// ```swift
/// let doubled = HostFunction(name: "double") { input, output in
///   let source = input.assumingMemoryBound(to: Float.self)
///   let target = output.assumingMemoryBound(to: Float.self)
///   for index in source.indices { target[index] = 2 * source[index] }
/// }
/// let step = Function { (x: Tensor) in doubled(x + 1) }
/// ```
/// TensorFlow: `tf.py_function`; JAX: `jax.pure_callback`.
public final class HostFunction: Hashable, @unchecked Sendable, CustomStringConvertible {
  /// The name the call has in graphs and messages.
  public let name: String
  private let body: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) -> Void

  /// Creates a host function.
  ///
  /// - Parameters:
  ///   - name: the name of the call in graphs and messages.
  ///   - body: fills the output's bytes (second argument) from the input's bytes (first
  ///     argument); both hold the elements in row-major order and have the same size.
  public init(
    name: String,
    body:
      @escaping (_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer) ->
      Void
  ) {
    self.name = name
    self.body = body
  }

  /// Applies the function to `input`: computes at once for a concrete input outside a traced
  /// function, and adds a node otherwise.
  ///
  /// - Parameter input: the value handed to the body.
  /// - Returns: the body's output, of `input`'s dtype and shape.
  public func callAsFunction(_ input: Tensor) -> Tensor {
    apply(.host(self), input)
  }

  /// Runs the body on a concrete input: on its host bytes (a copy when it lives on a device
  /// other than the CPU), with the output written from the host onto the input's device.
  func execute(_ input: Tensor, output spec: TensorSpec) -> Tensor {
    let output = Tensor.uninitialized(dtype: spec.dtype, shape: spec.shape, on: input.device)
    let byteCount = spec.shape.scalarCount * spec.dtype.byteCount
    input.withHostBytes { source in
      output.device.initializeBytes(of: output.storage, byteCount: byteCount) { destination in
        body(UnsafeRawBufferPointer(rebasing: source[0..<byteCount]), destination)
      }
    }
    return output
  }

  /// `host_call(name)`.
  public var description: String { "host_call(\(name))" }

  /// Whether two values are the same function object.
  public static func == (lhs: HostFunction, rhs: HostFunction) -> Bool { lhs === rhs }

  /// Hashes the function's identity.
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
