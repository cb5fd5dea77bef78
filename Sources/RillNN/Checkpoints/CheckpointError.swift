import RillCore

/// Why a checkpoint could not be restored into its variables, or its directory could not be
/// used.
///
/// Restoring checks every variable before it changes any: when this error is thrown, no
/// variable was touched.
///
/// ```swift
/// do {
///   try checkpoint.restore(from: url)
/// } catch let error as CheckpointError {
///   print(error)
///   // checkpoint ckpt-1000.safetensors does not fit the variables: missing dense2.bias;
///   // dense1.kernel is float32[784, 64] in the file but float32[784, 50] here
/// }
/// ```
public struct CheckpointError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A variable whose tensor in the checkpoint has another dtype or shape.
  public struct Mismatch: Hashable, Sendable, CustomStringConvertible {
    /// The variable's name in the checkpoint.
    public var name: String
    /// The variable's dtype and shape.
    public var expected: TensorSpec
    /// The dtype and shape of the tensor in the checkpoint.
    public var found: TensorSpec

    /// Creates a mismatch for the variable `name`.
    ///
    /// - Parameters:
    ///   - name: the variable's name in the checkpoint.
    ///   - expected: the variable's dtype and shape.
    ///   - found: the dtype and shape in the checkpoint.
    public init(name: String, expected: TensorSpec, found: TensorSpec) {
      self.name = name
      self.expected = expected
      self.found = found
    }

    /// The variable's name and both specs.
    public var description: String { "\(name) is \(found) in the file but \(expected) here" }
  }

  /// What was wrong.
  public enum Reason: Hashable, Sendable {
    /// The checkpoint's tensors do not fit the variables: some variables have no tensor, some
    /// tensors have no variable, or some have another dtype or shape. Each list is sorted by
    /// name.
    case variablesDoNotMatch(missing: [String], unexpected: [String], mismatched: [Mismatch])
    /// The checkpoint directory could not be created, listed or cleaned up; the text is the
    /// system's reason.
    case directoryUnusable(String)
  }

  /// What was wrong.
  public var reason: Reason
  /// The checkpoint file or directory, when there is one.
  public var path: String?

  /// Creates an error for `reason` concerning the file or directory at `path`.
  ///
  /// - Parameters:
  ///   - reason: what was wrong.
  ///   - path: the checkpoint file or directory, if any.
  public init(_ reason: Reason, path: String? = nil) {
    self.reason = reason
    self.path = path
  }

  /// A sentence naming the file and every variable that does not fit.
  public var description: String {
    let subject = path.map { "checkpoint \($0)" } ?? "checkpoint"
    switch reason {
    case .variablesDoNotMatch(let missing, let unexpected, let mismatched):
      var problems: [String] = []
      if !missing.isEmpty { problems.append("missing " + missing.joined(separator: ", ")) }
      if !unexpected.isEmpty {
        problems.append("unexpected " + unexpected.joined(separator: ", "))
      }
      problems += mismatched.map(\.description)
      return subject + " does not fit the variables: " + problems.joined(separator: "; ")
    case .directoryUnusable(let message):
      return subject + ": the directory cannot be used (\(message))"
    }
  }
}
