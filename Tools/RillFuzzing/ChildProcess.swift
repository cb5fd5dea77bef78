import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One run of the fuzzer's child: a copy of the fuzzing program that reads a batch of inputs,
/// watched from outside so that a crash, a hang or a memory blow-up is seen and attributed.
///
/// The child writes one 8-byte record per input to a progress file (the input's index, then
/// its outcome once read), so the parent knows which input was being read when the child died.
struct ChildProcess {
  /// How a child run ended.
  enum Ending: Equatable {
    /// Every input was read.
    case finished
    /// The child died (a signal, or an exit status other than 0) while reading `index`.
    case crashed(index: Int, reason: String)
    /// Reading `index` took longer than the timeout; the child was killed.
    case hung(index: Int)
  }

  /// What one child run saw.
  struct Outcome {
    /// How it ended.
    var ending: Ending
    /// The outcome code of each input read to the end (see ``InputOutcome``).
    var outcomes: [InputOutcome]
    /// The child's peak resident memory, in bytes: an upper bound, since Linux counts in the
    /// resident memory of the parent it was spawned from.
    var peakResidentBytes: Int
    /// The end of what the child wrote on its standard error.
    var errorOutput: String
  }

  /// What reading one input gave.
  enum InputOutcome: UInt8 {
    /// Still being read (the record of the input in progress).
    case started = 0
    /// The reader accepted the input.
    case accepted = 1
    /// The reader threw its documented, typed error.
    case typedError = 2
    /// The reader threw some other error.
    case untypedError = 3
  }

  /// Runs `executable` with `arguments` and watches the progress file at `progress`, whose
  /// records count from input `firstIndex`.
  ///
  /// - Parameters:
  ///   - executable: the fuzzing program.
  ///   - arguments: its arguments for child mode.
  ///   - progress: the progress file the child writes.
  ///   - errors: where the child's standard error goes.
  ///   - firstIndex: the index of the child's first input.
  ///   - timeout: the most seconds one input may take.
  /// - Returns: how the run ended and what it saw.
  /// - Throws: ``FuzzFailure`` when the child cannot be started.
  static func run(
    _ executable: String, arguments: [String], progress: URL, errors: URL, firstIndex: Int,
    timeout: Double
  ) throws -> Outcome {
    _ = FileManager.default.createFile(atPath: progress.path, contents: nil)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 2, errors.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else {
      throw FuzzFailure("cannot start \(executable): \(String(cString: strerror(spawned)))")
    }
    var status: Int32 = 0
    var usage = rusage()
    var lastRecords: [UInt8] = []
    var lastChange = DispatchTime.now().uptimeNanoseconds
    var killedForHang = false
    while true {
      let waited = wait4(pid, &status, WNOHANG, &usage)
      if waited == pid { break }
      let records = (try? [UInt8](Data(contentsOf: progress))) ?? []
      let now = DispatchTime.now().uptimeNanoseconds
      if records != lastRecords {
        lastRecords = records
        lastChange = now
      } else if Double(now - lastChange) / 1e9 > timeout {
        kill(pid, SIGKILL)
        killedForHang = true
        _ = wait4(pid, &status, 0, &usage)
        break
      }
      usleep(2_000)
    }
    let records = (try? [UInt8](Data(contentsOf: progress))) ?? []
    var outcomes = stride(from: 0, to: records.count - records.count % 8, by: 8).map { offset in
      InputOutcome(rawValue: records[offset + 7]) ?? .started
    }
    let inProgress = outcomes.last == .started ? firstIndex + outcomes.count - 1 : nil
    if outcomes.last == .started { outcomes.removeLast() }
    let errorOutput = String(
      decoding: ((try? Data(contentsOf: errors)) ?? Data()).suffix(2000), as: UTF8.self)
    let signal = status & 0x7F
    let exitStatus = (status >> 8) & 0xFF
    let ending: Ending
    if killedForHang {
      ending = .hung(index: inProgress ?? firstIndex + outcomes.count)
    } else if signal != 0 || exitStatus != 0 {
      let reason = signal != 0 ? "signal \(signal)" : "exit status \(exitStatus)"
      ending = .crashed(index: inProgress ?? firstIndex + outcomes.count, reason: reason)
    } else {
      ending = .finished
    }
    return Outcome(
      ending: ending, outcomes: outcomes, peakResidentBytes: Int(usage.ru_maxrss) * 1024,
      errorOutput: errorOutput)
  }
}

/// A problem of the fuzzer itself (not of a reader): it cannot start a child or write a file.
public struct FuzzFailure: Error, CustomStringConvertible {
  /// What went wrong.
  public var description: String

  init(_ description: String) {
    self.description = description
  }
}
