import Foundation

/// The per-thread state that decides what an op does besides computing: the gradient tapes
/// recording on this thread, the function being traced, and the device new tensors go to.
///
/// Each thread has its own context, so tapes on one thread never see the ops of a data-loading
/// thread.
final class ExecutionContext {
  /// The tapes recording on this thread, outermost first.
  var recordingTapes: [GradientTape] = []
  /// The graph of the function being traced on this thread, if any: ops that read variables
  /// or draw random numbers join it instead of running.
  var tracingGraph: Graph?
  /// The device that tensors made from host values (and random numbers) are created on when no
  /// device is named; the CPU unless ``withDevice(_:_:)`` says otherwise.
  var device: any Device = CPUDevice.shared

  /// Runs `body` outside any tracing (to create variables with concrete starting values while a
  /// function is traced, say).
  static func outsideTracing<Result>(_ body: () throws -> Result) rethrows -> Result {
    let context = current
    let saved = context.tracingGraph
    context.tracingGraph = nil
    defer { context.tracingGraph = saved }
    return try body()
  }

  /// The calling thread's context.
  static var current: ExecutionContext {
    if let existing = pthread_getspecific(key) {
      return Unmanaged<ExecutionContext>.fromOpaque(existing).takeUnretainedValue()
    }
    let context = ExecutionContext()
    pthread_setspecific(key, Unmanaged.passRetained(context).toOpaque())
    return context
  }

  /// The thread-local slot; its destructor releases a thread's context when the thread ends.
  private static let key: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in
      guard let pointer else { return }
      Unmanaged<ExecutionContext>.fromOpaque(pointer).release()
    }
    return key
  }()
}
