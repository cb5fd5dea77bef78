import RillTestSupport
import Testing

@testable import RillCore

/// The passes that simplify a plan, seen through the instructions they leave.
struct PassesTests {
  private func plan(_ g: Graph, fetching fetches: [Tensor], feeds: [Placeholder]) throws
    -> Executable
  {
    try Executable(
      graph: g, fetches: fetches.map { g.node(for: $0) }, effects: [],
      feeds: feeds.map { g.node(for: $0) },
      feedSpecs: feeds.map {
        TensorSpec(dtype: $0.dtype, shape: Shape($0.shape.dimensions.map { max($0, 2) }))
      })
  }

  private func primitiveCount(_ plan: Executable) -> Int {
    plan.instructions.filter { if case .primitive = $0.step { return true } else { return false } }
      .count
  }

  @Test func constantSubexpressionsAreFoldedAtPlanning() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
    let c = g.constant(Tensor([1, 2] as [Float]), name: "c")
    let y = x * exp(c * 2 + 1)  // only the final multiply depends on x
    let executable = try plan(g, fetching: [y], feeds: [x])
    #expect(primitiveCount(executable) == 1)
    let value = try executable.run(feeds: [Tensor([1, 1] as [Float])], store: nil)[0]
    assertClose(value, exp(Tensor([3, 5] as [Float])))
  }

  @Test func repeatedSubexpressionsAreComputedOnce() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
    let y = g.placeholder(.float32, shape: [Shape.unknown], name: "y")
    let z = (x + y) * (x + y)
    #expect(primitiveCount(try plan(g, fetching: [z], feeds: [x, y])) == 2)
  }

  @Test func nodesNoFetchNeedsAreDropped() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
    let wanted = x + 1
    _ = exp(x) * 3  // not fetched
    #expect(primitiveCount(try plan(g, fetching: [wanted], feeds: [x])) == 1)
  }

  @Test func valuesAreReleasedAfterTheirLastReader() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
    let y = exp(sin(x) + 1)
    let executable = try plan(g, fetching: [y], feeds: [x])
    let released = executable.instructions.flatMap(\.releases)
    // Every intermediate value is released once; the fetched one is kept.
    #expect(Set(released).count == released.count)
    #expect(!released.contains(executable.fetchSlots[0]))
    #expect(released.count == executable.instructions.count - 1)
  }
}

/// Chains of elementwise operations run as one instruction and give the unfused values.
struct ElementwiseFusionTests {
  private func fusedPrograms(_ plan: Executable) -> [FusedElementwise] {
    plan.instructions.compactMap { if case .fused(let program) = $0.step { program } else { nil } }
  }

  @Test func aChainWithBroadcastOperandsBecomesOneInstruction() throws {
    for dtype in [DType.float32, .float64] {
      let g = Graph()
      let x = g.placeholder(dtype, shape: [Shape.unknown, 37], name: "x")
      let bias = g.placeholder(dtype, shape: [37], name: "bias")
      let y = tanh(relu(x + bias) * 0.5 - x) / (exp(-x) + 1)
      let xValue = Tensor.randomNormal(shape: [71, 37], dtype: dtype, seed: 1)
      let biasValue = Tensor.randomNormal(shape: [37], dtype: dtype, seed: 2)
      let plan = try Executable(
        graph: g, fetches: [y.symbol!.node], effects: [],
        feeds: [x.symbol!.node, bias.symbol!.node],
        feedSpecs: [xValue.spec, biasValue.spec])
      let programs = fusedPrograms(plan)
      #expect(
        programs.count == 1 && programs.first?.operations.count == 9, "\(programs.map(\.name))")
      let fused = try plan.run(feeds: [xValue, biasValue], store: nil)[0]
      let eager = tanh(relu(xValue + biasValue) * 0.5 - xValue) / (exp(-xValue) + 1)
      assertClose(fused, eager, rtol: 1e-6)
    }
  }

  @Test func blocksSpansAndStridedInputsAgreeWithUnfusedKernels() {
    // Sizes around the block length, a transposed (strided) input and a scalar one.
    for rows in [1, 3, 1025] {
      let a = Tensor.randomNormal(shape: [rows, 1031], seed: UInt64(rows))
      let b = Tensor.randomNormal(shape: [1031, rows], seed: 7).transposed()
      let fused = Function { (a: Tensor, b: Tensor) -> Tensor in sqrt(abs(a * b + 2)) - sigmoid(b) }
      assertClose(fused(a, b), sqrt(abs(a * b + 2)) - sigmoid(b), rtol: 1e-6)
    }
  }

  @Test func inputsRepeatingAlongTheOutputAgreeWithUnfusedKernels() {
    // A bias over the channels and a [width, channels] table repeat with periods (33, 231) that
    // do not divide the block length; a [height, 1, channels] operand does not repeat so simply.
    let x = Tensor.randomNormal(shape: [3, 5, 7, 33], seed: 1)
    let bias = Tensor.randomNormal(shape: [33], seed: 2)
    let table = Tensor.randomNormal(shape: [7, 33], seed: 3)
    let rows = Tensor.randomNormal(shape: [5, 1, 33], seed: 4)
    let biased = Function { (x: Tensor, bias: Tensor, rows: Tensor) -> Tensor in
      relu(x + bias) * rows
    }
    let tabled = Function { (x: Tensor, table: Tensor) -> Tensor in exp(x) * table - 1 }
    // Elementwise operations on the same values: the fused results are bit-identical.
    assertClose(biased(x, bias, rows), relu(x + bias) * rows, rtol: 0, atol: 0)
    assertClose(tabled(x, table), exp(x) * table - 1, rtol: 0, atol: 0)
  }

  @Test func valuesReadElsewhereEndChains() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [8], name: "x")
    let shared = exp(x) + 1  // read twice below: computed once
    let y = shared * 2, z = shared * 3
    let plan = try Executable(
      graph: g, fetches: [y.symbol!.node, z.symbol!.node], effects: [], feeds: [x.symbol!.node],
      feedSpecs: [x.spec])
    #expect(fusedPrograms(plan).map(\.operations.count) == [2])
    let values = try plan.run(feeds: [Tensor.ones(shape: [8])], store: nil)
    assertClose(values[0], (exp(Tensor.ones(shape: [8])) + 1) * 2)
    assertClose(values[1], (exp(Tensor.ones(shape: [8])) + 1) * 3)
  }

  @Test func chainsKeepAtMostThreeFullSizeInputs() throws {
    let g = Graph()
    let inputs = (0..<5).map { g.placeholder(.float32, shape: [16], name: "x\($0)") }
    let y = (((inputs[0] + inputs[1]) * inputs[2]) - inputs[3]) / inputs[4]
    let values = (0..<5).map {
      Tensor.randomUniform(shape: [16], lowerBound: 1, upperBound: 2, seed: UInt64($0))
    }
    let plan = try Executable(
      graph: g, fetches: [y.symbol!.node], effects: [], feeds: inputs.map { $0.symbol!.node },
      feedSpecs: values.map(\.spec))
    for instruction in plan.instructions {
      if case .fused = instruction.step { #expect(instruction.inputs.count <= 3) }
    }
    assertClose(
      try plan.run(feeds: values, store: nil)[0],
      (((values[0] + values[1]) * values[2]) - values[3]) / values[4],
      rtol: 1e-6)
  }
}

/// Variable updates merge with the chains that compute them, in one pass per variable.
struct UpdateFusionTests {
  @Test func updatesByChainsRunAsOnePassAndLeaveHeldValuesAlone() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [4], name: "x")
    let v = Variable(Tensor([1, 2, 3, 4] as [Float]), name: "v")
    let m = Variable(Tensor.zeros(shape: [4]), name: "m")
    let step = g.recordingUpdates {
      m.assignAdd((x - m) * 0.1)
      v.assignSub(m * 0.5 / (sqrt(abs(m)) + 1))  // reads the updated m
      v.assignAdd(x)  // a single operand: nothing to merge
    }
    let plan = try Executable(
      graph: g, fetches: [], effects: [step.node], feeds: [x.symbol!.node], feedSpecs: [x.spec])
    let merged = plan.instructions.filter {
      if case .fusedUpdate = $0.step { true } else { false }
    }
    #expect(merged.count == 2)

    // The same updates, eagerly, on copies.
    let (vEager, mEager) = (Variable(Tensor(v)), Variable(Tensor(m)))
    let held = Tensor(v)
    for feed in [Tensor([1, -2, 3, 0.5] as [Float]), Tensor([4, 4, -1, 2] as [Float])] {
      _ = try plan.run(feeds: [feed], store: nil)
      mEager.assignAdd((feed - mEager) * 0.1)
      vEager.assignSub(mEager * 0.5 / (sqrt(abs(mEager)) + 1))
      vEager.assignAdd(feed)
      assertClose(Tensor(m), Tensor(mEager), rtol: 1e-6)
      assertClose(Tensor(v), Tensor(vEager), rtol: 1e-6)
    }
    assertIdentical(held, Tensor([1, 2, 3, 4] as [Float]))
  }
}
