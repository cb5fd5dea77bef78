import RillTestSupport
import Testing

@testable import RillCore

struct SessionTests {
  /// y = W x + b with W = 0.3, b = −0.3, as in the tutorial.
  private func linearModel() -> (Graph, Variable, Variable, Placeholder, Tensor) {
    let g = Graph()
    let W = g.variable([0.3], name: "W")
    let b = g.variable([-0.3], name: "b")
    let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
    return (g, W, b, x, W * x + b)
  }

  @Test func runsFetchesWithFeedsAfterInitialization() throws {
    let (g, W, _, x, y) = linearModel()
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    let value = try session.run(y, feeding: [x: [1, 2, 3, 4]])
    assertClose(value, Tensor([0, 0.3, 0.6, 0.9] as [Float]), atol: 1e-6)
    let (w, doubled) = try session.run(W, y * 2, feeding: [x: [1]])
    assertClose(w, Tensor([0.3] as [Float]))
    assertClose(doubled, Tensor([0] as [Float]), atol: 1e-6)
    let both = try session.run([y, W], feeding: [x: [2]])
    #expect(both.count == 2)
    assertClose(try y.eval(in: session, feeding: [x: [10]]), Tensor([2.7] as [Float]), atol: 1e-6)
  }

  @Test func variablesLiveInEachSession() throws {
    let (g, W, _, _, _) = linearModel()
    let first = Session(graph: g), second = Session(graph: g)
    try first.run(g.globalVariablesInitializer())
    try second.run(g.globalVariablesInitializer())
    let update = g.recordingUpdates { W.assignAdd(Tensor([1] as [Float])) }
    try update.run(in: first)
    assertClose(try first.run(W), Tensor([1.3] as [Float]))
    assertClose(try second.run(W), Tensor([0.3] as [Float]))
    // Running the initializer again resets the variables.
    try first.run(g.globalVariablesInitializer())
    assertClose(try first.run(W), Tensor([0.3] as [Float]))
  }

  @Test func fetchesSeeVariablesAsTheyWereBeforeTheRunsUpdates() throws {
    let (g, W, _, _, _) = linearModel()
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    let update = g.recordingUpdates {
      W.assign(Tensor([5] as [Float]))
    }
    let seen = try session.run([update], fetching: [W * 1])
    assertClose(seen[0], Tensor([0.3] as [Float]))
    assertClose(try session.run(W), Tensor([5] as [Float]))
  }

  @Test func updatesInOneRunApplyInTurn() throws {
    let g = Graph()
    let counter = g.variable(Tensor(0.0), name: "counter")
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    let twice = g.recordingUpdates {
      counter.assignAdd(Tensor(1.0))
      counter.assignAdd(Tensor(2.0))
    }
    try session.run(twice)
    try session.run(twice)
    #expect(try session.run(counter).item() == 6)
  }

  @Test func missingFeedThrowsNamingThePlaceholder() throws {
    let (g, _, _, _, y) = linearModel()
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    #expect(throws: SessionError.missingFeed(placeholder: "x")) { try session.run(y) }
  }

  @Test func uninitializedVariableThrowsNamingTheVariable() throws {
    let (g, _, _, x, y) = linearModel()
    let session = Session(graph: g)
    let error = #expect(throws: SessionError.self) { try session.run(y, feeding: [x: [1]]) }
    #expect(
      error == .uninitializedVariable(name: "W") || error == .uninitializedVariable(name: "b"))
    #expect(error.map { "\($0)" }?.hasPrefix("FailedPrecondition") == true)
  }

  @Test func feedsOfTheWrongDTypeOrShapeThrow() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown, 2], name: "x")
    let y = x * 2
    let session = Session(graph: g)
    #expect(
      throws: SessionError.feedDTypeMismatch(placeholder: "x", expected: .float32, fed: .int32)
    ) {
      try session.run(y, feeding: [x: Tensor(shape: [1, 2], scalars: [1, 2] as [Int32])])
    }
    #expect(
      throws: SessionError.feedShapeMismatch(
        placeholder: "x", expected: [Shape.unknown, 2], fed: [2, 3])
    ) {
      try session.run(y, feeding: [x: Tensor.zeros(shape: [2, 3])])
    }
    // Swift literals take the placeholder's dtype.
    assertClose(
      try session.run(y, feeding: [x: [[1, 2]]]),
      Tensor(shape: [1, 2], scalars: [2, 4] as [Float]))
  }

  @Test func operandsThatDoNotFitOnceFedThrowInvalidArgument() throws {
    let g = Graph()
    let a = g.placeholder(.float32, shape: [Shape.unknown], name: "a")
    let b = g.placeholder(.float32, shape: [Shape.unknown], name: "b")
    let sum = g.nameScope("combine") { a + b }
    let session = Session(graph: g)
    let error = #expect(throws: SessionError.self) {
      try session.run(sum, feeding: [a: [1, 2, 3], b: [1, 2]])
    }
    guard case .invalidArgument(let node, _)? = error else {
      Issue.record("expected invalidArgument, got \(String(describing: error))")
      return
    }
    #expect(node == "combine/add")
  }

  @Test func tensorsOfAnotherGraphAreRejected() throws {
    let (g, _, _, _, _) = linearModel()
    let other = Graph()
    let c = other.constant(Tensor(1.0), name: "c")
    #expect(throws: SessionError.foreignTensor(name: "c")) { try Session(graph: g).run(c) }
    #expect(throws: SessionError.foreignTensor(name: "a concrete tensor")) {
      try Session(graph: g).run(Tensor(1.0))
    }
  }

  @Test func onlyTheSubgraphTheFetchesNeedRuns() throws {
    let g = Graph()
    let unfed = g.placeholder(.float32, shape: [], name: "unfed")
    let uninitialized = g.variable(Tensor(1.0), name: "uninitialized")
    _ = unfed * uninitialized
    let c = g.constant(Tensor(3.0), name: "c")
    let x = g.placeholder(.float32, shape: [], name: "x")
    let wanted = c * x
    // Neither the unfed placeholder nor the uninitialized variable is needed.
    #expect(try Session(graph: g).run(wanted, feeding: [x: 2]).item() == 6)
    let plan = try Executable(
      graph: g, fetches: [wanted.symbol!.node], effects: [], feeds: [x.symbol!.node],
      feedSpecs: [TensorSpec(dtype: .float32, shape: [])])
    #expect(
      plan.instructions.allSatisfy {
        !$0.name.hasPrefix("unfed") && !$0.name.hasPrefix("uninitialized")
      })
  }

  @Test func partlyUnknownShapesTakeTheFedSizes() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown, 3], name: "x")
    let w = g.variable(Tensor.ones(shape: [3, 2]), name: "w")
    let y = matmul(x, w).sum(alongAxes: [1])
    #expect(y.shape == [Shape.unknown])
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    #expect(try session.run(y, feeding: [x: Tensor.ones(shape: [4, 3])]).shape == [4])
    #expect(try session.run(y, feeding: [x: Tensor.ones(shape: [1, 3])]).shape == [1])
  }

  @Test func dropoutInAGraphTakesTheFedShapeAndDrawsAnewEachRun() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown, 100], name: "x")
    let dropped = dropout(x, rate: 0.5, seed: 1)
    let session = Session(graph: g)
    let first = try session.run(dropped, feeding: [x: Tensor.ones(shape: [4, 100])])
    let second = try session.run(dropped, feeding: [x: Tensor.ones(shape: [4, 100])])
    #expect(first.shape == [4, 100])
    let kept = first.scalars(as: Float.self).filter { $0 != 0 }
    #expect(kept.allSatisfy { $0 == 2 } && (120...280).contains(kept.count))
    #expect(first.scalars(as: Float.self) != second.scalars(as: Float.self))
  }
}
