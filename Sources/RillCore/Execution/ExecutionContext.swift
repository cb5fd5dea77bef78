import Foundation

/// The per-thread state that decides what an op does besides computing: the gradient tapes
/// recording on this thread.
///
/// Each thread has its own context, so tapes on one thread never see the ops of a data-loading
/// thread.
final class ExecutionContext {
  /// The tapes recording on this thread, outermost first.
  var recordingTapes: [GradientTape] = []

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
