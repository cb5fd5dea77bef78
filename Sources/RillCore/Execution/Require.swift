/// Stops the program with `message` unless `condition` holds: the check behind every logic
/// error an op reports (bad shapes, indices out of range, misuse of a tape).
///
/// Unlike the standard library's `precondition`, whose message optimized builds drop, the
/// message is printed in every build, because it is how a user learns which op failed and why.
@inline(__always)
func require(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  if !condition() { fatalError(message(), file: file, line: line) }
}
