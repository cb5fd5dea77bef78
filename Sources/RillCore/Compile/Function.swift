import Foundation

/// A Swift closure over tensors compiled like `tf.function`: traced once per input signature
/// (dtypes and shapes) into a graph, optimized, and replayed on later calls without per-op
/// dispatch.
///
/// ```swift
/// let optimizer = Adam(learningRate: 1e-3)
/// let trainStep = Function { (images: Tensor, labels: Tensor) -> Tensor in
///   let tape = GradientTape()
///   let loss = tape.record { lossFunction(labels, model(images, training: true)) }
///   optimizer.apply(gradients: tape.gradient(of: loss, wrt: model.trainableVariables),
///                   to: model.trainableVariables)
///   return loss
/// }
/// for (images, labels) in batches { let loss = trainStep(images, labels) }
/// ```
/// While tracing, ops that read variables, draw random numbers or depend on the inputs become
/// graph nodes; ops on constants only are computed once, at trace time. Variables are read and
/// updated in program order on every call, random ops draw new numbers on every call, and
/// variables created while tracing (a layer built on its first call) get concrete starting
/// values. The body must not read the elements of values it computes (`item()`, `scalars(as:)`):
/// they exist only when the function runs; return them instead. Results equal eager execution's.
public final class Function<Arguments, Result>: @unchecked Sendable {
  private let body: ([Tensor]) -> [Tensor]
  private let wrapResult: ([Tensor]) -> Result
  private var traces: [[TensorSpec]: Trace] = [:]
  private let lock = NSLock()

  /// One traced signature: its graph and plan.
  private struct Trace {
    let graph: Graph
    let executable: Executable
    /// Outputs that did not depend on the inputs or on variables, returned as they are.
    let constants: [Int: Tensor]
  }

  init(body: @escaping ([Tensor]) -> [Tensor], wrapResult: @escaping ([Tensor]) -> Result) {
    self.body = body
    self.wrapResult = wrapResult
  }

  /// How many signatures have been traced so far.
  public var traceCount: Int { lock.withLock { traces.count } }

  /// The graphs traced so far, one per signature, for looking at what the function does (print
  /// one, or log it with a TensorBoard `SummaryWriter`).
  public var tracedGraphs: [Graph] {
    lock.withLock { traces.values.map(\.graph) }.sorted { $0.nodeCount > $1.nodeCount }
  }

  /// Runs the function on flattened inputs, tracing it first for a new signature.
  func call(_ inputs: [Tensor]) -> Result {
    if ExecutionContext.current.tracingGraph != nil {
      // Called while another function is traced: become part of that trace.
      return wrapResult(body(inputs))
    }
    for input in inputs { input.requireConcrete() }
    let signature = inputs.map(\.spec)
    let trace = lock.withLock { traces[signature] } ?? self.trace(signature)
    var outputs: [Tensor]
    do {
      outputs = try trace.executable.run(feeds: inputs, store: nil)
    } catch {
      fatalError("Function: \(error)")
    }
    if !trace.constants.isEmpty {
      for (position, constant) in trace.constants.sorted(by: { $0.key < $1.key }) {
        outputs.insert(constant, at: position)
      }
    }
    return wrapResult(outputs)
  }

  private func trace(_ signature: [TensorSpec]) -> Trace {
    let graph = Graph(orderingVariableAccess: true)
    let placeholders = signature.enumerated().map { position, spec in
      graph.placeholder(spec.dtype, shape: spec.shape, name: "input_\(position)")
    }
    let context = ExecutionContext.current
    context.tracingGraph = graph
    let outputs = body(placeholders)
    context.tracingGraph = nil
    var fetched: [GraphNode] = []
    var constants: [Int: Tensor] = [:]
    for (position, output) in outputs.enumerated() {
      // A variable is returned as its value at the end of the call; a concrete tensor that
      // depends on nothing the call changes is returned as it is.
      if output.symbol?.graph === graph || output is Variable {
        fetched.append(graph.node(for: output))
      } else {
        constants[position] = output
      }
    }
    let executable: Executable
    do {
      executable = try Executable(
        graph: graph, fetches: fetched, effects: graph.assignments,
        feeds: placeholders.compactMap { $0.symbol?.node }, feedSpecs: signature)
    } catch {
      fatalError("Function: tracing produced a graph that cannot run: \(error)")
    }
    let trace = Trace(graph: graph, executable: executable, constants: constants)
    lock.withLock { traces[signature] = trace }
    return trace
  }
}

extension Function where Arguments == Void, Result == Tensor {
  /// Compiles a function of no inputs (of variables it reads, say).
  public convenience init(_ body: @escaping () -> Tensor) {
    self.init(body: { _ in [body()] }, wrapResult: { $0[0] })
  }

  /// Runs the function.
  public func callAsFunction() -> Tensor { call([]) }
}

extension Function where Arguments == Tensor, Result == Tensor {
  /// Compiles a function of one tensor.
  public convenience init(_ body: @escaping (Tensor) -> Tensor) {
    self.init(body: { [body($0[0])] }, wrapResult: { $0[0] })
  }

  /// Runs the function.
  public func callAsFunction(_ x: Tensor) -> Tensor { call([x]) }
}

extension Function where Arguments == (Tensor, Tensor), Result == Tensor {
  /// Compiles a function of two tensors.
  public convenience init(_ body: @escaping (Tensor, Tensor) -> Tensor) {
    self.init(body: { [body($0[0], $0[1])] }, wrapResult: { $0[0] })
  }

  /// Runs the function.
  public func callAsFunction(_ x: Tensor, _ y: Tensor) -> Tensor { call([x, y]) }
}

extension Function where Arguments == (Tensor, Tensor, Tensor), Result == Tensor {
  /// Compiles a function of three tensors.
  public convenience init(_ body: @escaping (Tensor, Tensor, Tensor) -> Tensor) {
    self.init(body: { [body($0[0], $0[1], $0[2])] }, wrapResult: { $0[0] })
  }

  /// Runs the function.
  public func callAsFunction(_ x: Tensor, _ y: Tensor, _ z: Tensor) -> Tensor { call([x, y, z]) }
}

extension Function where Arguments == [Tensor], Result == [Tensor] {
  /// Compiles a function of any number of tensors to any number of tensors.
  public convenience init(_ body: @escaping ([Tensor]) -> [Tensor]) {
    self.init(body: body, wrapResult: { $0 })
  }

  /// Runs the function.
  public func callAsFunction(_ inputs: [Tensor]) -> [Tensor] { call(inputs) }
}

/// Runs `body` outside any function being traced, so that what it creates — variables and their
/// starting values — is concrete.
///
/// Layers create their weights this way. TensorFlow: `tf.init_scope`.
public func initScope<Result>(_ body: () throws -> Result) rethrows -> Result {
  try ExecutionContext.outsideTracing(body)
}
