// The child process of the durability tests (Tests/DurabilityTests): it saves every kind of
// file Rill writes, over and over, so that the tests can kill it at random moments (or trace
// its system calls) and check what it leaves on the disk.
//
// Usage: SaveLoop loop|once DIRECTORY FIRST-ROUND
//
// Round k fills every saved tensor with the number k, so a reader can tell which round a file
// came from and that it is all of one round. It prints `saving KIND` and `saved KIND` around
// each save (KIND is model, weights, checkpoint, npy or events) and `round k` after each round.
import Foundation
import Rill

let arguments = CommandLine.arguments
guard arguments.count == 4, ["loop", "once"].contains(arguments[1]), let first = Int(arguments[3])
else {
  FileHandle.standardError.write(Data("usage: SaveLoop loop|once DIRECTORY FIRST-ROUND\n".utf8))
  exit(2)
}
let directory = URL(fileURLWithPath: arguments[2])

/// Prints `line` and sends it on at once.
func say(_ line: String) {
  print(line)
  fflush(stdout)
}

/// Runs `save` between the lines `saving KIND` and `saved KIND`.
func saving(_ kind: String, _ save: () throws -> Void) throws {
  say("saving \(kind)")
  try save()
  say("saved \(kind)")
}

do {
  // A model of 512 × 256 + 256 weights (about half a megabyte on the disk).
  let model = Sequential {
    Dense(256)
  }
  _ = model(Tensor.zeros(shape: [1, 512]), training: false)
  let array = Variable(Tensor.zeros(shape: [512, 512]), name: "array")
  let manager = try CheckpointManager(
    Checkpoint(["array": array]), directory: directory.appendingPathComponent("checkpoints"),
    maxToKeep: 2)
  let writer = try SummaryWriter(logdir: directory.appendingPathComponent("logs").path)
  let logger = CSVLogger(url: directory.appendingPathComponent("log.csv"))
  logger.onTrainBegin(logs: [:])
  var round = first
  repeat {
    for variable in model.variables {
      variable.assign(Tensor(repeating: Double(round), shape: variable.value.shape))
    }
    array.assign(Tensor(repeating: Double(round), shape: [512, 512]))
    try saving("model") { try model.save(to: directory.appendingPathComponent("model")) }
    try saving("weights") {
      try model.saveWeights(to: directory.appendingPathComponent("weights.npz"))
    }
    try saving("checkpoint") { try manager.save(step: round) }
    try saving("npy") {
      try NPY.write(array.value, to: directory.appendingPathComponent("array.npy"))
    }
    // Noise, so that the PNG does not compress and its record spans many pages.
    let noise = (0..<128 * 128 * 3).map {
      UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761 &+ round) >> 13)
    }
    let picture = Tensor(shape: [128, 128, 3], scalars: noise)
    try saving("events") {
      writer.scalar("round", Double(round), step: round)
      writer.image("picture", picture, step: round)
      try writer.flush()
    }
    if arguments[1] == "once" {
      logger.onEpochEnd(round, logs: ["round": Double(round)])
      if let error = logger.writeError { throw error }
      try Plot().line([0, Double(round)]).save(directory.appendingPathComponent("plot.png").path)
      try Plot().line([0, Double(round)]).save(directory.appendingPathComponent("plot.svg").path)
    }
    say("round \(round)")
    round += 1
  } while arguments[1] == "loop"
  try writer.close()
} catch {
  FileHandle.standardError.write(Data("SaveLoop: \(error)\n".utf8))
  exit(1)
}
