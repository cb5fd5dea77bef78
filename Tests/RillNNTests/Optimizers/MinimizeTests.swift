import RillCore
import RillNN
import RillTestSupport
import Testing

/// Optimizers in TensorFlow 1's graph style: `minimize` adds the update to the loss's graph.
struct MinimizeTests {
  @Test func theTutorialsLinearRegressionReachesTensorFlowsResult() throws {
    let g = Graph()
    let W = g.variable([0.3], name: "W")
    let b = g.variable([-0.3], name: "b")
    let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
    let y = g.placeholder(.float32, shape: [Shape.unknown], name: "y")
    let loss = square(W * x + b - y).sum()
    let train = GradientDescentOptimizer(learningRate: 0.01).minimize(loss)
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    let feeds: [Placeholder: Tensor] = [x: [1, 2, 3, 4], y: [0, -1, -2, -3]]
    for _ in 0..<1000 { try session.run(train, feeding: feeds) }
    let (w, bias, finalLoss) = try session.run(W, b, loss, feeding: feeds)
    // TensorFlow: W: [-0.9999969] b: [0.99999082] loss: 5.69997e-11.
    assertClose(w, Tensor([-0.9999969] as [Float]), rtol: 1e-6)
    assertClose(bias, Tensor([0.99999082] as [Float]), rtol: 1e-6)
    #expect(abs(finalLoss.item() - 5.69997e-11) < 1e-11)
  }

  @Test func graphStepsWithSlotsMatchEagerSteps() throws {
    let xValue = Tensor.randomNormal(shape: [16, 4], seed: 1)
    let yValue = Tensor.randomNormal(shape: [16, 2], seed: 2)
    let start = Tensor.randomNormal(shape: [4, 2], seed: 3)
    for makeOptimizer in [
      { Adam(learningRate: 0.01) }, { SGD(learningRate: 0.1, momentum: 0.9) },
      { RMSprop(learningRate: 0.01) },
    ] as [() -> Optimizer] {
      // Eager.
      let eagerW = Variable(start, name: "w")
      let eagerOptimizer = makeOptimizer()
      for _ in 0..<4 {
        let tape = GradientTape()
        let loss = tape.record { square(matmul(xValue, eagerW) - yValue).mean() }
        eagerOptimizer.apply(gradients: [tape.gradient(of: loss, wrt: eagerW)], to: [eagerW])
      }
      // Graph.
      let g = Graph()
      let w = g.variable(start, name: "w")
      let x = g.placeholder(.float32, shape: [Shape.unknown, 4], name: "x")
      let y = g.placeholder(.float32, shape: [Shape.unknown, 2], name: "y")
      let optimizer = makeOptimizer()
      let train = optimizer.minimize(square(matmul(x, w) - y).mean())
      let session = Session(graph: g)
      try session.run(g.globalVariablesInitializer())
      for _ in 0..<4 { try session.run(train, feeding: [x: xValue, y: yValue]) }
      assertClose(try session.run(w), eagerW, rtol: 1e-5, atol: 1e-6)
      // The optimizer's slots are variables of the graph, and its step count is shared.
      #expect(optimizer.iterations.item(as: Int.self) == 4)
      let slots = optimizer.slots(for: w)
      #expect(!slots.isEmpty && slots.allSatisfy { $0.graph === g })
      #expect(g.variables.count == 1 + slots.count)
    }
  }

  @Test func adamComputesItsBiasCorrectionOncePerStep() throws {
    let g = Graph()
    let w = g.variable(Tensor([1, 2] as [Float]), name: "w")
    let b = g.variable(Tensor([3] as [Float]), name: "b")
    let c = g.variable(Tensor([4] as [Float]), name: "c")
    let train = Adam(learningRate: 0.1).minimize((square(w).sum() + b * c).sum())
    // β₁ᵗ and β₂ᵗ, shared by the three variables' updates.
    #expect(g.nodeDescriptions.filter { $0.type == "pow" }.count == 2)
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    try session.run(train)
    // A first Adam step moves every variable with a nonzero gradient by the learning rate.
    assertClose(try session.run(w), Tensor([0.9, 1.9] as [Float]), rtol: 1e-5)
    assertClose(try session.run(b), Tensor([2.9] as [Float]), rtol: 1e-5)
    assertClose(try session.run(c), Tensor([3.9] as [Float]), rtol: 1e-5)
  }

  @Test func minimizeTrainsOnlyTheGivenVariables() throws {
    let g = Graph()
    let trained = g.variable(Tensor(1.0), name: "trained")
    let frozen = g.variable(Tensor(1.0), name: "frozen")
    let train = SGD(learningRate: 0.5).minimize(square(trained * frozen), variables: [trained])
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    try session.run(train)
    #expect(try session.run(trained).item() == 0)
    #expect(try session.run(frozen).item() == 1)
  }
}
