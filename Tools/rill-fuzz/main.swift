// rill-fuzz: mutation fuzzing of every Rill reader, each input in a child process.
//
//   rill-fuzz [--mutations N] [--seconds S] [--format NAME]... [--seed N] [--save DIR]
//             [--memory BYTES]
//
// runs N damaged inputs per format (default 100000), or as many as S seconds allow in all,
// each child limited to BYTES of address space (default 1 GiB; 0 for none, as AddressSanitizer
// needs),
// and saves each input that crashes or hangs under DIR/FORMAT (default: the regression folder
// of Tests/FuzzTests, so that it becomes a test). It exits with status 1 if any reader crashed,
// hung or threw an error other than its own typed one.
import Foundation
import RillFuzzing

/// The package's root, from this file's place in it.
let packageRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The path of this program, for running it again as a child.
func executablePath() -> String {
  (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0]
}

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("rill-fuzz: \(message)\n".utf8))
  exit(2)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--child" {
  // --child FORMAT BATCH FIRST PROGRESS MEMORY
  guard arguments.count == 6, let format = FuzzFormat.named(arguments[1]),
    let first = Int(arguments[3]), let memory = Int(arguments[5])
  else { fail("bad child arguments \(arguments)") }
  do {
    try FuzzChild.run(
      format: format, batch: URL(fileURLWithPath: arguments[2]), first: first,
      progress: URL(fileURLWithPath: arguments[4]), memoryLimit: memory)
  } catch {
    fail("\(error)")
  }
  exit(0)
}

var mutations = 100_000
var seconds: Double? = nil
var names: [String] = []
var seed: UInt64 = 13
var memory = 1 << 30
var save = packageRoot.appendingPathComponent("Tests/FuzzTests/Regressions")
while !arguments.isEmpty {
  let option = arguments.removeFirst()
  guard let value = arguments.first else { fail("\(option) needs a value") }
  arguments.removeFirst()
  switch option {
  case "--mutations": mutations = Int(value) ?? mutations
  case "--seconds": seconds = Double(value)
  case "--format": names.append(value)
  case "--seed": seed = UInt64(value) ?? seed
  case "--save": save = URL(fileURLWithPath: value)
  case "--memory": memory = Int(value) ?? memory
  default: fail("unknown option \(option)")
  }
}
let formats = names.isEmpty ? FuzzFormat.all : names.compactMap { FuzzFormat.named($0) }
guard formats.count == Swift.max(names.count, formats.count) else {
  fail("unknown format in \(names); formats: \(FuzzFormat.all.map(\.name))")
}

var fuzzer = Fuzzer(executable: executablePath(), saveDirectory: save)
fuzzer.seed = seed
fuzzer.memoryLimit = memory
var clean = true
for format in formats {
  do {
    let report = try fuzzer.run(
      format, mutations: mutations, seconds: seconds.map { $0 / Double(formats.count) })
    print(report)
    clean = clean && report.isClean
  } catch {
    fail("\(format.name): \(error)")
  }
}
exit(clean ? 0 : 1)
