/// Why processes training together could not go on: MPI failed to start, a collective failed,
/// or a peer did not take part in time (it died, hung, or ran a different number of steps).
///
/// After one of these errors the strategy makes no further MPI calls: every later collective
/// throws the same error at once, and the process should end (with a non-zero status, which
/// `mpirun` reports and answers by stopping the other processes).
public enum DistributedError: Error, Equatable, CustomStringConvertible {
  /// `MPI_Init_thread` or the set-up of the communicator failed.
  case initializationFailed(String)
  /// An MPI call returned an error code.
  case mpiFailed(operation: String, message: String)
  /// A collective did not complete within the strategy's timeout: a peer died, hung, or is
  /// at a different step.
  case timedOut(operation: String, rank: Int, seconds: Double)

  /// What went wrong, for the user.
  public var description: String {
    switch self {
    case .initializationFailed(let message):
      return "MPI could not start: \(message)"
    case .mpiFailed(let operation, let message):
      return "MPI \(operation) failed: \(message)"
    case .timedOut(let operation, let rank, let seconds):
      return "MPI \(operation) on rank \(rank) did not complete within \(seconds) s: "
        + "another process died, hung or ran a different number of steps"
    }
  }
}
