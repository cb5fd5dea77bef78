import CMPI
import Foundation

/// The process-wide state of MPI: started once by the first ``MPIStrategy``, finalized when
/// the process exits normally, never again after a failed collective.
enum MPIRuntime {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var started = false
  nonisolated(unsafe) private static var broken = false

  /// Starts MPI for calls from one thread at a time, unless it runs already.
  ///
  /// - Throws: ``DistributedError/initializationFailed(_:)`` when `MPI_Init_thread` fails.
  static func start() throws {
    try lock.withLock {
      guard !started else { return }
      var initialized: Int32 = 0
      MPI_Initialized(&initialized)
      if initialized == 0 {
        var provided: Int32 = 0
        guard MPI_Init_thread(nil, nil, Int32(MPI_THREAD_SERIALIZED), &provided) == MPI_SUCCESS
        else {
          throw DistributedError.initializationFailed("MPI_Init_thread failed")
        }
        // Finalizing waits for the other processes; after a failure it could wait forever.
        atexit {
          if !MPIRuntime.isBroken { MPI_Finalize() }
        }
      }
      MPI_Comm_set_errhandler(rill_mpi_comm_world(), rill_mpi_errors_return())
      started = true
    }
  }

  /// Whether a collective failed, so that MPI must not be called again.
  static var isBroken: Bool { lock.withLock { broken } }

  /// Starts a non-blocking collective with `start` and polls it with `MPI_Test` (which also
  /// drives its progress) until it completes or `timeout` seconds pass.
  ///
  /// - Throws: ``DistributedError/mpiFailed(operation:message:)`` for an MPI error code,
  ///   ``DistributedError/timedOut(operation:rank:seconds:)`` past the timeout.
  static func wait(
    operation: String, rank: Int, timeout: Double, start: (inout MPI_Request?) -> Int32
  ) throws {
    var request: MPI_Request? = rill_mpi_request_null()
    do {
      try check(start(&request), operation: operation)
      let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeout * 1e9)
      var done: Int32 = 0
      var polls = 0
      while true {
        try check(MPI_Test(&request, &done, rill_mpi_status_ignore()), operation: operation)
        if done != 0 { return }
        polls += 1
        if polls % 256 == 0 && DispatchTime.now().uptimeNanoseconds > deadline {
          throw DistributedError.timedOut(operation: operation, rank: rank, seconds: timeout)
        }
        // Leave the core to the peer when processes outnumber cores.
        sched_yield()
      }
    } catch {
      lock.withLock { broken = true }
      throw error
    }
  }

  /// Ends every process of the job with `status`.
  static func abort(status: Int32) -> Never {
    lock.withLock { broken = true }
    MPI_Abort(rill_mpi_comm_world(), status)
    // MPI_Abort does not return; should it, end this process at least.
    exit(status)
  }

  /// Throws unless `code` is `MPI_SUCCESS`.
  private static func check(_ code: Int32, operation: String) throws {
    guard code != MPI_SUCCESS else { return }
    var buffer = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
    var length: Int32 = 0
    MPI_Error_string(code, &buffer, &length)
    let message = String(
      decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    throw DistributedError.mpiFailed(operation: operation, message: message)
  }
}
