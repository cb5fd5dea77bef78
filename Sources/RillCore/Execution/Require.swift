/// Stops the program with `message` unless `condition` holds: the check behind every logic error
/// Rill reports (bad shapes, indices out of range, misuse of a tape, a dataset or plot given
/// impossible arguments).
///
/// Rill's modules use it instead of `precondition`.
///
/// Unlike the standard library's `precondition`, whose message optimized builds drop, the
/// message is printed in every build, because it is how a user learns which op failed and why.
///
/// ```swift
/// require(count >= 0, "take: count \(count) is negative")
/// ```
/// - Parameters:
///   - condition: what must hold.
///   - message: what went wrong, naming the op and the values involved.
///   - file: the file of the check, for the trap's message.
///   - line: the line of the check.
@inline(__always)
public func require(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if !condition() { fatalError(message(), file: file, line: line) }
}
