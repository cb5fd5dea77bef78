// The programs RillDistributedTests start under `mpirun -np N` (or alone, for the
// single-process reference), one per scenario:
//
//   DistributedScenarios fit <folder> [reference]    fit with batch 128 over all processes
//   DistributedScenarios loop <folder> [reference]   a custom GradientTape loop in a Function
//   DistributedScenarios dataset <folder> [reference] fit on shards of a dataset (uneven last
//                                                    batches, unknown cardinality)
//   DistributedScenarios resume <folder> <epochs>    fit on, from the chief's saved model
//   DistributedScenarios kill <folder>               rank 1 is killed in the middle of an epoch
//   DistributedScenarios hang <folder>               rank 1 stops answering (timeout 3 s)
//   DistributedScenarios badInput <folder>           rank 1's input file is missing
//
// Each process writes `<folder>/result-<rank>.json` (or `reference.json`): its final weights,
// the History and what it saw, for the tests to compare.
import Foundation
import Rill
import RillDistributed

/// What a run writes for the tests.
struct RunResult: Codable {
  var weights: [String: [Float]]
  var history: [String: [Double]]
  var worldSize: Int
}

/// A classification problem with a known answer: 1000 examples of 20 features, labelled by a
/// fixed linear teacher.
func problem() -> (x: Tensor, y: Tensor, validation: (Tensor, Tensor)) {
  let x = Tensor.randomNormal(shape: [1200, 20], seed: 11)
  let teacher = Tensor.randomNormal(shape: [20, 4], seed: 12)
  let y = matmul(x, teacher).argmax(alongAxis: 1)
  return (x[..<1000], y[..<1000], (x[1000...], y[1000...]))
}

/// The model all scenarios train, with its weights drawn from seed 5.
func makeModel() -> Sequential {
  RandomSeed.global = 5
  return Sequential {
    Dense(32, activation: .relu)
    Dense(4)
  }
}

/// Writes a run's result into `folder`.
func write(_ model: Model, history: [String: [Double]], worldSize: Int, to file: URL) throws {
  let weights = Dictionary(
    uniqueKeysWithValues: model.namedVariables.map { ($0.0, $0.1.scalars(as: Float.self)) })
  let data = try JSONEncoder().encode(
    RunResult(weights: weights, history: history, worldSize: worldSize))
  try data.write(to: file, options: .atomic)
}

/// The file a process writes its result to.
func resultFile(_ folder: URL, rank: Int?) -> URL {
  folder.appendingPathComponent(rank.map { "result-\($0).json" } ?? "reference.json")
}

/// `fit` with a global batch of 128, two epochs, shuffled, with validation and a CSV log
/// (which only the chief writes); the reference trains in this process alone.
func fitScenario(_ folder: URL, reference: Bool) throws {
  let (x, y, validation) = problem()
  let strategy = reference ? nil : try MPIStrategy()
  let model = makeModel()
  let compile = {
    try model.compile(
      optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
  }
  if let strategy { try strategy.scope(compile) } else { try compile() }
  let rank = strategy?.rank ?? 0
  let log = CSVLogger(url: folder.appendingPathComponent("log-\(rank).csv"))
  let history = try model.fit(
    x: x, y: y, batchSize: 128, epochs: 2, validationData: validation, callbacks: [log],
    verbose: 0)
  try write(
    model, history: history.values, worldSize: strategy?.worldSize ?? 1,
    to: resultFile(folder, rank: strategy?.rank))
}

/// `fit` on shards of a dataset of 999 examples.
///
/// The shards are batched by 128 / processes, with a filter that hides the number of batches (so the processes agree at every step); the
/// shards' last batches hold 52 and 51 examples. The reference trains on the 999 examples in
/// order in batches of 128, which are the union of the processes' batches.
func datasetScenario(_ folder: URL, reference: Bool) throws {
  let (x, y, _) = problem()
  let (examples, labels) = (x[..<999], y[..<999])
  let strategy = reference ? nil : try MPIStrategy()
  let model = makeModel()
  let compile = {
    try model.compile(
      optimizer: SGD(learningRate: 0.1, momentum: 0.9),
      loss: SparseCategoricalCrossentropy(fromLogits: true), metrics: ["accuracy"])
  }
  let history: History
  if let strategy {
    try strategy.scope(compile)
    let data = Dataset(tensorSlices: (examples, labels))
      .shard(count: strategy.worldSize, index: strategy.rank)
      .filter { _ in true }
      .batch(128 / strategy.worldSize)
    history = try model.fit(data, epochs: 2, verbose: 0)
  } else {
    try compile()
    history = try model.fit(
      x: examples, y: labels, batchSize: 128, epochs: 2, shuffle: false, verbose: 0)
  }
  try write(
    model, history: history.values, worldSize: strategy?.worldSize ?? 1,
    to: resultFile(folder, rank: strategy?.rank))
}

/// A custom loop: each process takes its half of every batch of 128, a compiled step averages
/// the gradients with `allReduce`, and `broadcast` starts the variables alike.
func loopScenario(_ folder: URL, reference: Bool) throws {
  let (x, y, _) = problem()
  let strategy = reference ? nil : try MPIStrategy(bucketByteCount: 1024)
  let model = makeModel()
  if let strategy, strategy.rank != 0 {
    RandomSeed.global = 99  // different starting weights, which broadcast replaces
  }
  _ = model(x[..<1])
  if let strategy { try strategy.broadcast(model.variables) }
  let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
  let loss = SparseCategoricalCrossentropy(fromLogits: true)
  let step = Function { (images: Tensor, labels: Tensor) -> Tensor in
    let tape = GradientTape()
    let value = tape.record { loss(labels, model(images, training: true)) }
    var gradients = tape.gradient(of: value, wrt: model.trainableVariables)
    if let strategy { gradients = strategy.allReduce(gradients) }
    optimizer.apply(gradients: gradients, to: model.trainableVariables)
    return value
  }
  let (parts, part) = (strategy?.worldSize ?? 1, strategy?.rank ?? 0)
  var losses: [Double] = []
  for start in stride(from: 0, to: 896, by: 128) {
    let share = 128 / parts
    let rows = (start + part * share)..<(start + (part + 1) * share)
    losses.append(step(x[rows], y[rows]).item())
    try strategy?.checkFailure()
  }
  try write(
    model, history: ["loss": losses], worldSize: parts, to: resultFile(folder, rank: strategy?.rank)
  )
}

/// Trains one epoch from the chief's saved model `<folder>/model` (others start from their own
/// random weights), then `epochs` epochs on, and saves it again from the chief.
func resumeScenario(_ folder: URL, epochs: Int) throws {
  let (x, y, _) = problem()
  let strategy = try MPIStrategy()
  let saved = folder.appendingPathComponent("model")
  let model = try strategy.scope { () -> Model in
    let model: Model
    if strategy.isChief && FileManager.default.fileExists(atPath: saved.path) {
      model = try Model.load(from: saved)
    } else {
      RandomSeed.global = UInt64(strategy.rank + 40)
      model = makeModel()
    }
    try model.compile(
      optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy(fromLogits: true))
    return model
  }
  let history = try model.fit(x: x, y: y, batchSize: 128, epochs: epochs, verbose: 0)
  if strategy.isChief { try model.save(to: saved) }
  try write(
    model, history: history.values, worldSize: strategy.worldSize,
    to: resultFile(folder, rank: strategy.rank))
}

/// Long training in which rank 1 misbehaves at its fourth step: killed, hung, or (before
/// training) unable to read its input.
func failureScenario(_ folder: URL, failure: String) throws {
  let (x, y, _) = problem()
  let strategy = try MPIStrategy(timeout: 3)
  if failure == "badInput" && strategy.rank == 1 {
    do {
      _ = try Data(contentsOf: folder.appendingPathComponent("missing-input.bin"))
    } catch {
      strategy.abort("cannot read the input: \(error)")
    }
  }
  let model = makeModel()
  try strategy.scope {
    try model.compile(optimizer: "adam", loss: SparseCategoricalCrossentropy(fromLogits: true))
  }
  let saboteur = LambdaCallback(onTrainBatchEnd: { batch, _ in
    guard strategy.rank == 1, batch == 3 else { return }
    if failure == "kill" { kill(getpid(), SIGKILL) }
    if failure == "hang" { sleep(600) }
  })
  try model.fit(x: x, y: y, batchSize: 16, epochs: 1000, callbacks: [saboteur], verbose: 0)
}

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  print(
    "usage: DistributedScenarios fit|loop|dataset|resume|kill|hang|badInput <folder> [reference|epochs]"
  )
  exit(2)
}
let folder = URL(fileURLWithPath: arguments[2])
let reference = arguments.count > 3 && arguments[3] == "reference"
do {
  switch arguments[1] {
  case "fit": try fitScenario(folder, reference: reference)
  case "loop": try loopScenario(folder, reference: reference)
  case "dataset": try datasetScenario(folder, reference: reference)
  case "resume":
    try resumeScenario(folder, epochs: arguments.count > 3 ? Int(arguments[3]) ?? 1 : 1)
  case "kill", "hang", "badInput": try failureScenario(folder, failure: arguments[1])
  default:
    print("unknown scenario \(arguments[1])")
    exit(2)
  }
} catch {
  FileHandle.standardError.write(Data("DistributedScenarios \(arguments[1]): \(error)\n".utf8))
  exit(1)
}
