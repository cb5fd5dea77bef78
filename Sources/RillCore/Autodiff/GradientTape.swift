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
  /// The tensors the tape follows: watched ones and outputs of recorded ops.
  var tracked: Set<ObjectIdentifier> = []
  /// Watched tensors, kept alive so their identities stay unique.
  var watchedTensors: [Tensor] = []
  /// Watched variables, in the order they were first watched.
  private var watchedVariableList: [Variable] = []
  private var watchedVariableIDs: Set<ObjectIdentifier> = []
  /// For each watched variable, the snapshots of its value that recorded ops read.
  var variableReads: [ObjectIdentifier: [Tensor]] = [:]
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
      } else if tracked.insert(ObjectIdentifier(tensor)).inserted {
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
    tracked = []
    watchedTensors = []
    watchedVariableList = []
    watchedVariableIDs = []
    variableReads = [:]
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
    for (input, value) in zip(inputs, values) {
      if let variable = input as? Variable {
        let id = ObjectIdentifier(variable)
        if !watchedVariableIDs.contains(id) {
          guard watchAccessedVariables && variable.trainable && variable.dtype.isFloatingPoint
          else {
            continue
          }
          watchVariable(variable)
        }
        tracked.insert(ObjectIdentifier(value))
        variableReads[id, default: []].append(value)
        follows = true
      } else if input.dtype.isFloatingPoint && tracked.contains(ObjectIdentifier(input)) {
        follows = true
      }
    }
    guard follows else { return }
    entries.append(TapeEntry(primitive: primitive, inputs: values, output: output))
    tracked.insert(ObjectIdentifier(output))
  }

  private func watchVariable(_ variable: Variable) {
    if watchedVariableIDs.insert(ObjectIdentifier(variable)).inserted {
      watchedVariableList.append(variable)
    }
  }
}

/// One recorded op: the primitive, the inputs it read and the output it produced.
struct TapeEntry {
  let primitive: Primitive
  let inputs: [Tensor]
  let output: Tensor
}

/// What a gradient with respect to a source that the target does not depend on is.
public enum UnconnectedGradients: Sendable {
  /// `nil`, as TensorFlow's default `tf.UnconnectedGradients.NONE`.
  case none
  /// Zeros of the source's shape, as `tf.UnconnectedGradients.ZERO`.
  case zero
}
