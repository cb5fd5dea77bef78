import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The child side of the fuzzer: limits its own memory, then reads a batch of inputs with one
/// format's reader, recording in the progress file which input it is reading and how each
/// ended.
public enum FuzzChild {
  /// Reads inputs `first...` of the batch at `batch` with `format`'s reader.
  ///
  /// - Parameters:
  ///   - format: the format whose reader runs.
  ///   - batch: the batch file.
  ///   - first: the first input to read.
  ///   - progress: the progress file: 8 bytes per input, the index (7 bytes, little-endian)
  ///     then the outcome.
  ///   - memoryLimit: the most bytes of address space the process may map (`RLIMIT_AS`), so
  ///     that a reader asking for more fails there and then; 0 for no limit (AddressSanitizer
  ///     maps terabytes of shadow memory).
  /// - Throws: ``FuzzFailure`` when the batch or progress file cannot be used.
  public static func run(
    format: FuzzFormat, batch: URL, first: Int, progress: URL, memoryLimit: Int
  ) throws {
    let inputs = try InputBatch.decode(try Data(contentsOf: batch))
    if memoryLimit > 0 {
      var limit = rlimit(rlim_cur: rlim_t(memoryLimit), rlim_max: rlim_t(memoryLimit))
      guard setrlimit(resourceAddressSpace, &limit) == 0 else {
        throw FuzzFailure("setrlimit failed")
      }
    }
    let descriptor = open(progress.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw FuzzFailure("cannot open \(progress.path)") }
    defer { close(descriptor) }
    for index in first..<inputs.count {
      let offset = off_t(8 * (index - first))
      record(index, .started, at: offset, in: descriptor)
      let outcome: ChildProcess.InputOutcome
      do {
        try format.read(inputs[index])
        outcome = .accepted
      } catch {
        outcome = format.isTypedError(error) ? .typedError : .untypedError
        if outcome == .untypedError {
          FileHandle.standardError.write(Data("input \(index): untyped error \(error)\n".utf8))
        }
      }
      record(index, outcome, at: offset, in: descriptor)
    }
  }

  #if canImport(Glibc)
    private static let resourceAddressSpace = __rlimit_resource_t(RLIMIT_AS.rawValue)
  #else
    private static let resourceAddressSpace = RLIMIT_AS
  #endif

  private static func record(
    _ index: Int, _ outcome: ChildProcess.InputOutcome, at offset: off_t, in descriptor: Int32
  ) {
    var bytes = (0..<7).map { UInt8(truncatingIfNeeded: index >> (8 * $0)) }
    bytes.append(outcome.rawValue)
    _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, 8, offset) }
  }
}
