import Rill

/// The layers of the tutorial CNN (anchor workload w3) at batch 128, one kernel at a time.
///
/// Names and units are those of `Benchmarks/reference/conv.py`:
///
/// - conv1: 128 × 28 × 28 × 1 → 32 filters 5 × 5, SAME; conv2: 128 × 14 × 14 × 32 → 64 filters
///   5 × 5, SAME; each forward, input gradient and filter gradient, in GFLOP/s
///   (2 · N · OH · OW · KH · KW · CI · CO per second);
/// - pool1, pool2: max-pool 2 × 2 / 2 of conv1's and conv2's outputs, forward and gradient, in
///   images/s;
/// - `conv.layers.inference` and `conv.layers.training`: images/s of the layers' summed median
///   times (inference: the four forward kernels; training: those plus conv1's filter gradient,
///   both pool gradients and conv2's two gradients).
///
/// Then the whole CNN's training step and inference pass (see ``cnnBenchmarks()``).
///
/// Gradients are timed on a persistent tape that recorded the op once and watches only the
/// operand whose gradient is measured, so each timing runs one gradient kernel.
func convBenchmarks() {
  let batch = 128
  var medians: [String: Double] = [:]
  func time(_ name: String, unit: String, amount: Double, _ body: () -> Void) {
    let (median, best) = secondsPerCall(body)
    medians[name] = median
    emit(Figure(name: name, unit: unit, value: amount / median, best: amount / best))
  }

  for (layer, size, inChannels, outChannels) in [("conv1", 28, 1, 32), ("conv2", 14, 32, 64)] {
    let x = Tensor.randomNormal(shape: [batch, size, size, inChannels], seed: 1)
    let filter = Tensor.randomNormal(shape: [5, 5, inChannels, outChannels], seed: 2)
    let g = Tensor.randomNormal(shape: [batch, size, size, outChannels], seed: 3)
    let gigaflops = 2 * Double(batch * size * size * 25 * inChannels * outChannels) / 1e9
    time("conv.\(layer).forward", unit: "GFLOP/s", amount: gigaflops) {
      _ = conv2D(x, filter: filter, padding: .same)
    }
    for (direction, source) in [("backward_input", x), ("backward_filter", filter)] {
      let tape = GradientTape(persistent: true)
      tape.watch(source)
      let y = tape.record { conv2D(x, filter: filter, padding: .same) }
      time("conv.\(layer).\(direction)", unit: "GFLOP/s", amount: gigaflops) {
        _ = tape.gradient(of: y, wrt: [source], outputGradient: g)
      }
    }
  }
  for (layer, size, channels) in [("pool1", 28, 32), ("pool2", 14, 64)] {
    let x = Tensor.randomNormal(shape: [batch, size, size, channels], seed: 4)
    let g = Tensor.randomNormal(shape: [batch, size / 2, size / 2, channels], seed: 5)
    time("conv.\(layer).forward", unit: "images/s", amount: Double(batch)) {
      _ = maxPool2D(x, poolSize: (2, 2))
    }
    let tape = GradientTape(persistent: true)
    tape.watch(x)
    let y = tape.record { maxPool2D(x, poolSize: (2, 2)) }
    time("conv.\(layer).gradient", unit: "images/s", amount: Double(batch)) {
      _ = tape.gradient(of: y, wrt: [x], outputGradient: g)
    }
  }

  let inference = [
    "conv.conv1.forward", "conv.pool1.forward", "conv.conv2.forward", "conv.pool2.forward",
  ]
  let training =
    inference + [
      "conv.conv1.backward_filter", "conv.pool1.gradient", "conv.conv2.backward_input",
      "conv.conv2.backward_filter", "conv.pool2.gradient",
    ]
  for (label, parts) in [("inference", inference), ("training", training)] {
    let seconds = parts.reduce(0.0) { sum, part in sum + (medians[part] ?? 0) }
    let rate = Double(batch) / seconds
    emit(Figure(name: "conv.layers.\(label)", unit: "images/s", value: rate, best: rate))
  }
  cnnBenchmarks()
}
