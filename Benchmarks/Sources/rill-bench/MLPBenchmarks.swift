import Foundation
import Rill

/// The MNIST MLP of anchor workload w2, trained with Keras-style `fit` (which runs compiled
/// steps): Rescaling 1/255 → Flatten → Dense 128 ReLU → Dense 10 logits, sparse softmax
/// cross-entropy, Adam 1e-3, batch 128, two epochs (five with `RILL_MLP_EPOCHS=5`).
///
/// The images stay uint8 as `MNIST.load` returns them; the `Rescaling` layer casts and scales each batch
/// inside the compiled step, so inputs are in [0, 1] as in the anchor.
///
/// Figures: steady samples/s (60000 / the last epoch's time), test accuracy, seconds from the
/// process's launch to the first finished training step (launch read from `RILL_T0`, seconds
/// since 1970 as `date +%s.%N` prints it, else the process's start time), and peak resident
/// memory in MB; then where the time to the first step went (`mlp_startup.*`: launch to `main`,
/// loading MNIST, compiling the model, the first step, and the processor time to the end of the
/// first step). The weights and the
/// shuffles are drawn from `RandomSeed.global`, which `RILL_SEED` sets (0 otherwise).
func mlpBenchmarks() {
  let launch = launchTime()
  let mainStart = Date().timeIntervalSince1970
  RandomSeed.global = ProcessInfo.processInfo.environment["RILL_SEED"].flatMap { UInt64($0) } ?? 0
  guard let (train, test) = try? MNIST.load() else {
    print("mlp: MNIST is not available (set RILL_DATA_DIR)")
    return
  }
  let loaded = Date().timeIntervalSince1970
  let epochs = ProcessInfo.processInfo.environment["RILL_MLP_EPOCHS"].flatMap { Int($0) } ?? 2
  let model = mnistMLP()
  orStop {
    try model.compile(
      optimizer: Adam(learningRate: 1e-3), loss: SparseCategoricalCrossentropy(fromLogits: true),
      metrics: ["accuracy"])
  }
  var firstStep: Double?
  var firstStepCPU = Double.infinity
  var epochEnds: [Double] = []
  let timer = LambdaCallback(
    onEpochEnd: { _, _ in epochEnds.append(Date().timeIntervalSince1970) },
    onTrainBatchEnd: { _, _ in
      guard firstStep == nil else { return }
      firstStep = Date().timeIntervalSince1970
      firstStepCPU = processorSeconds()
    })
  let start = Date().timeIntervalSince1970
  orStop {
    try model.fit(
      x: train.images, y: train.labels, batchSize: 128, epochs: epochs, callbacks: [timer],
      verbose: 0)
  }
  let epochSeconds = zip([start] + epochEnds.dropLast(), epochEnds).map { $1 - $0 }
  let accuracy =
    orStop { try model.evaluate(x: test.images, y: test.labels, batchSize: 1000)["accuracy"] } ?? 0
  let rate = 60000 / (epochSeconds.last ?? .infinity)
  emit(
    Figure(
      name: "mlp_fit.rill", unit: "samples/s", value: rate,
      best: 60000 / (epochSeconds.min() ?? .infinity)))
  emit(
    Figure(
      name: "mlp_accuracy.rill_\(epochs)_epochs", unit: "test accuracy", value: accuracy,
      best: accuracy))
  let firstStepSeconds = (firstStep ?? .infinity) - launch
  emit(
    Figure(name: "mlp_first_step.rill", unit: "s", value: firstStepSeconds, best: firstStepSeconds))
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  let peakMegabytes = Double(usage.ru_maxrss) / 1024
  emit(Figure(name: "mlp_peak_memory.rill", unit: "MB", value: peakMegabytes, best: peakMegabytes))
  let phases = [
    ("launch_to_main", mainStart - launch), ("load_mnist", loaded - mainStart),
    ("compile", start - loaded), ("first_step", (firstStep ?? .infinity) - start),
  ]
  // Processor time (all threads, user and system) to the end of the first step: a figure that
  // other programs on a busy machine disturb less than the wall-clock time.
  emit(Figure(name: "mlp_startup.cpu_seconds", unit: "s", value: firstStepCPU, best: firstStepCPU))
  for (phase, seconds) in phases {
    emit(Figure(name: "mlp_startup.\(phase)", unit: "s", value: seconds, best: seconds))
  }
}

/// The MNIST MLP's layers, unbuilt: Rescaling 1/255 → Flatten → Dense 128 ReLU → Dense 10
/// logits, for uint8 images.
func mnistMLP() -> Sequential {
  Sequential {
    Rescaling(scale: 1.0 / 255)
    Flatten()
    Dense(128, activation: .relu)
    Dense(10)
  }
}

/// The processor time the process has used so far, user and system, in seconds.
private func processorSeconds() -> Double {
  var usage = rusage()
  getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
  func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// When the process was launched: `RILL_T0` if set, else the start time in /proc/self/stat.
private func launchTime() -> Double {
  if let given = ProcessInfo.processInfo.environment["RILL_T0"].flatMap(Double.init) {
    return given
  }
  // Field 22 of /proc/self/stat is the start time in clock ticks after boot.
  guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
    let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
    let afterName = stat.split(separator: ")").last
  else { return Date().timeIntervalSince1970 }
  let fields = afterName.split(separator: " ")
  let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
  guard fields.count > 19, let startTicks = Double(fields[19]),
    let secondsSinceBoot = Double(uptime.split(separator: " ")[0])
  else { return Date().timeIntervalSince1970 }
  return Date().timeIntervalSince1970 - secondsSinceBoot + startTicks / ticks
}
