/// Records the ops run inside ``record(_:)`` so that gradients of their results can be computed.
///
/// A tape watches the trainable ``Variable``s that recorded ops read, and any tensor passed to
/// ``watch(_:)``. ``gradient(of:wrt:outputGradient:unconnectedGradients:)`` runs the recorded
/// ops' vector–Jacobian products backward. Those products are ordinary ops, so a tape recording
/// around another tape's gradient computation differentiates it again (second derivatives).
///
/// ```swift
/// let m = Variable(1.0), b = Variable(0.0)
/// let tape = GradientTape()
/// let loss = tape.record { square(y - (x * m + b)).mean() }
/// let (dm, db) = tape.gradient(of: loss, wrt: m, b)
/// ```
/// A tape that is not `persistent` can compute gradients once; it releases what it recorded
/// afterwards. TensorFlow: `tf.GradientTape`.
public final class GradientTape {
  /// Whether the tape can compute gradients more than once.
  public let persistent: Bool
  /// Whether trainable variables read by recorded ops are watched without a call to `watch`.
  public let watchAccessedVariables: Bool

  /// The recorded ops, in the order they ran.
  var entries: [TapeEntry] = []
  /// The node number of each tensor the tape follows: watched ones and outputs of recorded ops.
  ///
  /// Nodes are numbered in the order the tape meets them; each read of a variable is a node of
  /// its own, keyed here by the snapshot the op read.
  var nodes: [ObjectIdentifier: Int] = [:]
  /// How many nodes have been numbered.
  var nodeCount = 0
  /// Watched tensors, kept alive so their identities stay unique.
  var watchedTensors: [Tensor] = []
  /// Watched variables, in the order they were first watched.
  private var watchedVariableList: [Variable] = []
  /// Each watched variable's position in `watchedVariableList`.
  private var variablePositions: [ObjectIdentifier: Int] = [:]
  /// For each watched variable, by position, the nodes of the snapshots of its value that
  /// recorded ops read.
  var variableReads: [[Int]] = []
  /// Whether a non-persistent tape has computed its gradient.
  var consumed = false
  /// Whether recording is paused by ``stopRecording(_:)`` or during a gradient computation.
  var paused = false

  /// Creates a tape.
  ///
  /// - Parameters:
  ///   - persistent: whether ``gradient(of:wrt:outputGradient:unconnectedGradients:)`` may be
  ///     called more than once.
  ///   - watchAccessedVariables: whether trainable variables that recorded ops read are watched
  ///     automatically.
  public init(persistent: Bool = false, watchAccessedVariables: Bool = true) {
    self.persistent = persistent
    self.watchAccessedVariables = watchAccessedVariables
  }

  /// Runs `body` while this tape records the ops it runs on the current thread, and returns its
  /// result.
  ///
  /// A tape may record several times; the recordings add up.
  public func record<Result>(_ body: () throws -> Result) rethrows -> Result {
    require(
      !consumed,
      "GradientTape: the tape was used after its gradient was computed; make it persistent to reuse it"
    )
    let context = ExecutionContext.current
    context.recordingTapes.append(self)
    defer { context.recordingTapes.removeAll { $0 === self } }
    return try body()
  }

  /// Runs `body` without recording on this tape.
  ///
  /// TensorFlow: `tape.stop_recording()`.
  public func stopRecording<Result>(_ body: () throws -> Result) rethrows -> Result {
    let wasPaused = paused
    paused = true
    defer { paused = wasPaused }
    return try body()
  }

  /// Makes the tape follow `tensors`, so gradients with respect to them can be computed.
  ///
  /// A variable is watched on every read.
  public func watch(_ tensors: Tensor...) {
    for tensor in tensors {
      if let variable = tensor as? Variable {
        watchVariable(variable)
      } else if nodes[ObjectIdentifier(tensor)] == nil {
        nodes[ObjectIdentifier(tensor)] = newNode()
        watchedTensors.append(tensor)
      }
    }
  }

  /// The variables the tape watches, in the order they were first watched.
  public var watchedVariables: [Variable] { watchedVariableList }

  /// Forgets everything recorded, so the tape can record afresh.
  ///
  /// TensorFlow: `tape.reset()`.
  public func reset() {
    entries = []
    nodes = [:]
    nodeCount = 0
    watchedTensors = []
    watchedVariableList = []
    variablePositions = [:]
    variableReads = []
    consumed = false
  }

  // MARK: Recording

  /// Records an op if it reads something the tape follows.
  ///
  /// `values` are the inputs as the op read them: for a variable, a snapshot of its value (or, in a
  /// graph, the node of its read).
  func record(_ primitive: Primitive, inputs: [Tensor], values: [Tensor], output: Tensor) {
    guard !paused else { return }
    var follows = false
    var inputNodes: [Int] = []
    inputNodes.reserveCapacity(inputs.count)
    for (input, value) in zip(inputs, values) {
      var node = -1
      if let variable = input as? Variable {
        if let position = watchedPosition(of: variable) {
          // The snapshot is followed too: the products of an inner tape's gradient read it, and
          // a tape recording around that gradient must see those reads (second derivatives).
          node = newNode()
          nodes[ObjectIdentifier(value)] = node
          variableReads[position].append(node)
        }
      } else if input.dtype.isFloatingPoint, let existing = nodes[ObjectIdentifier(input)] {
        node = existing
      }
      if node >= 0 { follows = true }
      inputNodes.append(node)
    }
    guard follows else { return }
    let outputNode = newNode()
    nodes[ObjectIdentifier(output)] = outputNode
    entries.append(
      TapeEntry(
        primitive: primitive, inputs: values, output: output, inputNodes: inputNodes,
        outputNode: outputNode))
  }

  /// The next node number.
  private func newNode() -> Int {
    nodeCount += 1
    return nodeCount - 1
  }

  /// The variable's position among the watched ones, watching it first if recorded ops watch
  /// the variables they read; `nil` for a variable the tape does not watch.
  private func watchedPosition(of variable: Variable) -> Int? {
    if let position = variablePositions[ObjectIdentifier(variable)] { return position }
    guard watchAccessedVariables && variable.trainable && variable.dtype.isFloatingPoint else {
      return nil
    }
    return watchVariable(variable)
  }

  @discardableResult
  private func watchVariable(_ variable: Variable) -> Int {
    if let position = variablePositions[ObjectIdentifier(variable)] { return position }
    variablePositions[ObjectIdentifier(variable)] = watchedVariableList.count
    watchedVariableList.append(variable)
    variableReads.append([])
    return watchedVariableList.count - 1
  }

  /// The nodes of a source of a gradient: every read of a variable, or the tensor's own node.
  func sourceNodes(of source: Tensor) -> [Int] {
    if let variable = source as? Variable {
      return variablePositions[ObjectIdentifier(variable)].map { variableReads[$0] } ?? []
    }
    return nodes[ObjectIdentifier(source)].map { [$0] } ?? []
  }
}

/// One recorded op: the primitive, the inputs it read and the output it produced, with the
/// node numbers of the inputs (−1 for one that is not followed) and of the output.
struct TapeEntry {
  let primitive: Primitive
  let inputs: [Tensor]
  let output: Tensor
  let inputNodes: [Int]
  let outputNode: Int

  /// The entry with `node` as the node of its inputs that are `tensor` and not followed.
  func reading(_ tensor: Tensor, as node: Int) -> TapeEntry {
    let renumbered = zip(inputs, inputNodes).map { input, old in
      old < 0 && input === tensor ? node : old
    }
    return TapeEntry(
      primitive: primitive, inputs: inputs, output: output, inputNodes: renumbered,
      outputNode: outputNode)
  }
}

/// What a gradient with respect to a source that the target does not depend on is.
public enum UnconnectedGradients: Sendable {
  /// `nil`, as TensorFlow's default `tf.UnconnectedGradients.NONE`.
  case none
  /// Zeros of the source's shape, as `tf.UnconnectedGradients.ZERO`.
  case zero
}
