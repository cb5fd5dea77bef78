// The Keras MNIST MLP (Flatten, Dense 128 ReLU, Dense 10 logits, Adam) trained data-parallel on
// several processes with MPI: the program of one process is the ordinary Keras program inside
// `strategy.scope`. Each process takes its share of every batch of 128; gradients are averaged
// inside the compiled step; the chief (rank 0) prints the progress, writes TensorBoard logs and
// the checkpoint, and reports the samples per second of the last epoch.
//
//   mpirun --allow-run-as-root --oversubscribe -np 2 .build/release/DistributedMNIST [folder] [epochs] [threads]
//
// (`--allow-run-as-root` only as root; `--oversubscribe` when there are more processes than
// cores.) Run alone, it is a world of one process. Each process uses its share of the machine's
// cores, or `threads` threads.
import Foundation
import Rill
import RillDistributed

let arguments = CommandLine.arguments.dropFirst()
let strategy = try MPIStrategy(threadsPerProcess: arguments.dropFirst(2).first.flatMap { Int($0) })
let output = URL(fileURLWithPath: arguments.first ?? NSTemporaryDirectory())
  .appendingPathComponent("distributed-mnist")
let epochs = arguments.dropFirst().first.flatMap { Int($0) } ?? 2

// Every process reads the whole training set; `fit` gives each its share of every batch. A
// process that cannot read it stops them all at once.
let (train, test): (LabeledImages, LabeledImages)
do {
  (train, test) = try MNIST.load()
} catch {
  strategy.abort("cannot load MNIST: \(error)")
}
let trainImages = train.images.cast(to: .float32) / 255
let testImages = test.images.cast(to: .float32) / 255

var epochEnds: [Date] = []
let start = Date()
let model = Sequential {
  Flatten()
  Dense(128, activation: .relu)
  Dense(10)
}
let history = try strategy.scope {
  try model.compile(
    optimizer: Adam(learningRate: 1e-3), loss: SparseCategoricalCrossentropy(fromLogits: true),
    metrics: ["accuracy"])
  return try model.fit(
    x: trainImages, y: train.labels, batchSize: 128, epochs: epochs,
    validationData: (testImages, test.labels),
    callbacks: [
      try TensorBoard(logdir: output.appendingPathComponent("logs").path),
      ModelCheckpoint(output.appendingPathComponent("checkpoint"), monitor: "val_accuracy"),
      LambdaCallback(onEpochEnd: { _, _ in epochEnds.append(Date()) }),
    ],
    verbose: strategy.isChief ? 2 : 0)
}

// Every process ends with the same weights and the same History.
let accuracy = history["val_accuracy"].last ?? 0
if strategy.isChief {
  let epochSeconds = zip([start] + epochEnds.dropLast(), epochEnds).map { $1.timeIntervalSince($0) }
  let rate = Double(train.images.shape[0]) / (epochSeconds.last ?? .infinity)
  print(
    "{\"name\": \"mnist_mlp_fit.mpi_\(strategy.worldSize)\", \"unit\": \"samples/s\", \"value\": \(rate)}"
  )
  print(
    "processes: \(strategy.worldSize), validation accuracy: \(accuracy), logs and checkpoint in \(output.path)"
  )
}
// One epoch of Adam reaches about 0.945, two about 0.96.
guard accuracy >= 0.93 else {
  print("FAILED: validation accuracy \(accuracy) is below 0.93")
  exit(1)
}
