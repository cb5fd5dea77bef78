import Foundation

/// A mutation-fuzzing campaign over one format: damaged copies of its seeds, read in child
/// processes in batches, with every crash, hang and stray error counted and its input saved.
///
/// ```swift
/// let fuzzer = Fuzzer(executable: "/path/to/rill-fuzz", saveDirectory: regressions)
/// let report = try fuzzer.run(FuzzFormat.named("npy")!, mutations: 100_000)
/// print(report)   // npy: 100000 inputs, 0 crashes, 0 hangs, …
/// ```
public struct Fuzzer {
  /// The fuzzing program, run again in child mode for each batch.
  public var executable: String
  /// Where inputs that crash, hang or throw stray errors are saved, one folder per format.
  public var saveDirectory: URL
  /// The campaign's seed: the same seed makes the same inputs.
  public var seed: UInt64 = 13
  /// How many inputs one child reads.
  public var batchSize = 2000
  /// The most seconds one input may take before it counts as a hang.
  public var timeout = 10.0
  /// The most bytes of address space a child may map, or 0 for no limit.
  public var memoryLimit = 1 << 30

  /// Creates a fuzzer that runs `executable` as its child and saves findings under
  /// `saveDirectory`.
  ///
  /// - Parameters:
  ///   - executable: the fuzzing program's path.
  ///   - saveDirectory: the folder of regression inputs.
  public init(executable: String, saveDirectory: URL) {
    self.executable = executable
    self.saveDirectory = saveDirectory
  }

  /// The `index`th input of `format`'s campaign, made from its seeds alone.
  ///
  /// - Parameters:
  ///   - index: the input's number.
  ///   - format: the format's name.
  ///   - seeds: the format's seed files.
  /// - Returns: the damaged bytes.
  public func input(_ index: Int, format: String, seeds: [[UInt8]]) -> [UInt8] {
    // FNV-1a of the name keeps the formats' streams apart.
    let nameHash = format.utf8.reduce(UInt64(0xCBF2_9CE4_8422_2325)) {
      ($0 ^ UInt64($1)) &* 0x100_0000_01B3
    }
    var random = SplitMix64(seed: seed ^ nameHash ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
    return Mutator.mutate(seeds, using: &random)
  }

  /// Runs `mutations` inputs of `format`, or fewer if `seconds` run out first.
  ///
  /// - Parameters:
  ///   - format: the format to attack.
  ///   - mutations: how many damaged inputs to read.
  ///   - seconds: a time budget, or `nil` for none.
  ///   - log: receives a line for each finding.
  /// - Returns: the counts and findings.
  /// - Throws: ``FuzzFailure`` when a child cannot be run, or what the format's seeds throw.
  public func run(
    _ format: FuzzFormat, mutations: Int, seconds: Double? = nil,
    log: (String) -> Void = { print($0) }
  ) throws -> FuzzReport {
    let seeds = try format.seeds().map { [UInt8]($0) }
    let started = DispatchTime.now().uptimeNanoseconds
    func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 }
    let work = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-fuzz-\(getpid())-\(format.name)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    var report = FuzzReport(format: format.name)
    var next = 0
    while next < mutations && (seconds.map { elapsed() < $0 } ?? true) {
      let count = Swift.min(batchSize, mutations - next)
      let inputs = (next..<(next + count)).map { input($0, format: format.name, seeds: seeds) }
      try runBatch(inputs, firstIndex: next, format: format, in: work, into: &report, log: log)
      next += count
    }
    report.seconds = elapsed()
    return report
  }

  /// Reads `inputs` in as many children as crashes require, attributing each crash or hang
  /// to its input by reading that input again alone.
  private func runBatch(
    _ inputs: [[UInt8]], firstIndex: Int, format: FuzzFormat, in work: URL,
    into report: inout FuzzReport, log: (String) -> Void
  ) throws {
    let batch = work.appendingPathComponent("batch")
    try InputBatch.encode(inputs).write(to: batch)
    var start = 0
    while start < inputs.count {
      let outcome = try child(format, batch: batch, first: start, in: work)
      report.count(outcome.outcomes, peak: outcome.peakResidentBytes)
      func record(_ index: Int, _ kind: String) throws {
        let alone = try reproducesAlone(inputs[index], format: format, in: work)
        let name = "\(format.name)-\(firstIndex + index).bin"
        try save(inputs[index], name: name, format: format.name)
        report.findings.append(
          FuzzReport.Finding(
            input: firstIndex + index, kind: kind, reproducedAlone: alone, savedAs: name,
            errorOutput: outcome.errorOutput))
        log(
          "\(format.name): input \(firstIndex + index): \(kind)\(alone ? "" : ", not alone"); "
            + "saved as \(name)\n\(outcome.errorOutput.suffix(600))")
        start = index + 1
      }
      switch outcome.ending {
      case .finished: start = inputs.count
      case .crashed(let index, let reason): try record(index, "crash (\(reason))")
      case .hung(let index): try record(index, "hang (over \(Int(timeout)) s)")
      }
    }
    report.inputs += inputs.count
  }

  private func child(
    _ format: FuzzFormat, batch: URL, first: Int, in work: URL
  ) throws -> ChildProcess.Outcome {
    let progress = work.appendingPathComponent("progress")
    return try ChildProcess.run(
      executable,
      arguments: [
        "--child", format.name, batch.path, String(first), progress.path, String(memoryLimit),
      ],
      progress: progress, errors: work.appendingPathComponent("stderr"), firstIndex: first,
      timeout: timeout)
  }

  private func reproducesAlone(_ input: [UInt8], format: FuzzFormat, in work: URL) throws -> Bool {
    let single = work.appendingPathComponent("single")
    try InputBatch.encode([input]).write(to: single)
    return try child(format, batch: single, first: 0, in: work).ending != .finished
  }

  private func save(_ input: [UInt8], name: String, format: String) throws {
    let folder = saveDirectory.appendingPathComponent(format)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(input).write(to: folder.appendingPathComponent(name))
  }
}

/// What a campaign over one format found.
public struct FuzzReport: CustomStringConvertible {
  /// One input that crashed or hung.
  public struct Finding {
    /// The input's index in the campaign.
    public var input: Int
    /// `crash (signal N)`, `crash (exit status N)` or `hang (over N s)`.
    public var kind: String
    /// Whether the input crashed or hung again when read alone.
    public var reproducedAlone: Bool
    /// The file name it was saved under, in the format's regression folder.
    public var savedAs: String
    /// The end of the child's standard error.
    public var errorOutput: String
  }

  /// The format's name.
  public var format: String
  /// How many inputs were made.
  public var inputs = 0
  /// How many the reader accepted.
  public var accepted = 0
  /// How many it rejected with its typed error.
  public var typedErrors = 0
  /// How many it rejected with some other error.
  public var untypedErrors = 0
  /// The crashes and hangs.
  public var findings: [Finding] = []
  /// The largest peak resident memory of a child, in bytes (an upper bound: it includes the
  /// fuzzer's own at the time of the spawn).
  public var peakResidentBytes = 0
  /// The campaign's duration.
  public var seconds = 0.0

  /// Whether the reader never crashed, hung or threw a stray error.
  public var isClean: Bool { findings.isEmpty && untypedErrors == 0 }

  mutating func count(_ outcomes: [ChildProcess.InputOutcome], peak: Int) {
    for outcome in outcomes {
      switch outcome {
      case .accepted: accepted += 1
      case .typedError: typedErrors += 1
      case .untypedError: untypedErrors += 1
      case .started: break
      }
    }
    peakResidentBytes = Swift.max(peakResidentBytes, peak)
  }

  /// One line: the counts, the findings and the peak memory.
  public var description: String {
    let crashes = findings.filter { $0.kind.hasPrefix("crash") }.count
    let mebibytes = Double(peakResidentBytes) / 1_048_576
    return "\(format): \(inputs) inputs in \(String(format: "%.1f", seconds)) s "
      + "(\(Int(Double(inputs) / Swift.max(seconds, 1e-9)))/s): \(accepted) accepted, "
      + "\(typedErrors) typed errors, \(untypedErrors) other errors, \(crashes) crashes, "
      + "\(findings.count - crashes) hangs; peak memory \(String(format: "%.0f", mebibytes)) MiB"
  }
}
