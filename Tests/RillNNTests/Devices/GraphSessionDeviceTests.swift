import RillNN
import RillTestSupport
import Testing

@testable import RillCore

/// TensorFlow 1 programs on a device: a graph built inside `withDevice` keeps its variables
/// there in every session, copies feeds there, and fetches values back to host memory.
struct GraphSessionDeviceTests {
  /// What a training run gives: the loss of every step, then the trained variables, as fetched.
  private struct Trained {
    var losses: [Tensor] = []
    var variables: [Tensor] = []
  }

  /// y = x W + b fitted by `optimizer` in a graph built with `device` as the default device;
  /// `check` sees the session and graph after training.
  private func linearRegression(
    on device: any Device, optimizer: Optimizer,
    check: (Session, Graph) throws -> Void = { _, _ in }
  ) throws -> Trained {
    let inputs = Tensor.randomNormal(shape: [32, 3], seed: 11)
    let targets = matmul(inputs, Tensor(shape: [3, 1], scalars: [1.5, -2, 0.5] as [Float])) + 0.25
    let g = Graph()
    let (x, y, W, b, loss, train) = withDevice(device) {
      let x = g.placeholder(.float32, shape: [Shape.unknown, 3], name: "x")
      let y = g.placeholder(.float32, shape: [Shape.unknown, 1], name: "y")
      let W = g.variable(Tensor.zeros(shape: [3, 1]), name: "W")
      let b = g.variable([0.1] as Tensor, name: "b")
      let loss = square(matmul(x, W) + b - y).mean()
      return (x, y, W, b, loss, optimizer.minimize(loss))
    }
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    var trained = Trained()
    for _ in 0..<60 {
      let fetched = try session.run([train], fetching: [loss], feeding: [x: inputs, y: targets])
      trained.losses += fetched
    }
    trained.variables = try session.run([W, b])
    try check(session, g)
    return trained
  }

  @Test(arguments: ["sgd", "adam"])
  func linearRegressionTrainsOnASealedDeviceAsOnTheCPU(_ optimizerName: String) throws {
    func optimizer() -> Optimizer {
      optimizerName == "sgd"
        ? GradientDescentOptimizer(learningRate: 0.1) : Adam(learningRate: 0.05)
    }
    let onCPU = try linearRegression(on: CPUDevice.shared, optimizer: optimizer())
    let sealed = SealedDevice(index: 70)
    let onSealed = try linearRegression(on: sealed, optimizer: optimizer()) { session, g in
      // Every variable of the graph (weights and the optimizer's slots) lives on the device.
      for variable in g.variables {
        let value = try session.value(of: variable.graphVariableID(in: g), name: variable.name)
        #expect(value.device === sealed, "\(variable.name) lives on \(value.device.id)")
      }
    }
    #expect(sealed.operationCounts["matmul", default: 0] >= 60)
    #expect(onCPU.losses.count == 60 && onSealed.losses.count == 60)
    for (cpu, device) in zip(onCPU.losses + onCPU.variables, onSealed.losses + onSealed.variables) {
      #expect(device.device === CPUDevice.shared)
      assertIdentical(device, cpu)
    }
    // Training did something.
    #expect(onCPU.losses[59].item(as: Float.self) < onCPU.losses[0].item(as: Float.self) / 10)
  }
}
