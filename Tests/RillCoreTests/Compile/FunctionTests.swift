import RillTestSupport
import Testing

@testable import RillCore

struct FunctionTests {
  @Test func compiledResultsEqualEagerOnesAndTracesOncePerSignature() {
    let w = Variable(Tensor.randomNormal(shape: [4, 3], seed: 1), name: "w")
    let b = Variable(Tensor.randomNormal(shape: [3], seed: 2), name: "b")
    func layer(_ x: Tensor) -> Tensor { softmax(relu(matmul(x, w) + b) * 2 - 1) }
    let compiled = Function(layer)
    for batch in [2, 5, 2, 5, 7] {
      let x = Tensor.randomNormal(shape: [batch, 4], seed: UInt64(batch))
      assertClose(compiled(x), layer(x), rtol: 1e-6, atol: 1e-7)
    }
    #expect(compiled.traceCount == 3)
    // A new dtype is a new signature too.
    _ = compiled(Tensor.randomNormal(shape: [2, 4], dtype: .float64, seed: 3))
    #expect(compiled.traceCount == 4)
  }

  @Test func readsSeeVariablesAsTheyAreAtEachCall() {
    let v = Variable(Tensor(1.0), name: "v")
    let times = Function { (x: Tensor) -> Tensor in x * v }
    #expect(times(Tensor(3.0)).item() == 3)
    v.assign(Tensor(2.0))
    #expect(times(Tensor(3.0)).item() == 6)
  }

  @Test func updatesHappenInProgramOrderOnEveryCall() {
    let counter = Variable(Tensor(0.0), name: "counter")
    let step = Function { (x: Tensor) -> Tensor in
      let before = counter * 1
      counter.assignAdd(x)
      let after = counter * 1
      counter.assign(counter * 10)
      return stack([before, after])
    }
    assertClose(step(Tensor(1.0)), Tensor([0, 1] as [Float]))
    #expect(counter.item() == 10)
    assertClose(step(Tensor(2.0)), Tensor([10, 12] as [Float]))
    #expect(counter.item() == 120)
  }

  @Test func aTrainingStepMatchesEagerSteps() {
    let x = Tensor.randomNormal(shape: [8, 3], seed: 4)
    let y = Tensor.randomNormal(shape: [8, 1], seed: 5)
    let start = Tensor.randomNormal(shape: [3, 1], seed: 6)
    func step(_ w: Variable, _ x: Tensor, _ y: Tensor) -> Tensor {
      let tape = GradientTape()
      let loss = tape.record { square(matmul(x, w) - y).mean() }
      w.assignSub(0.1 * tape.gradient(of: loss, wrt: w))
      return loss
    }
    let eagerW = Variable(start), compiledW = Variable(start)
    let compiledStep = Function { (x: Tensor, y: Tensor) -> Tensor in step(compiledW, x, y) }
    for _ in 0..<5 {
      assertClose(compiledStep(x, y), step(eagerW, x, y), rtol: 1e-6)
      assertClose(compiledW, eagerW, rtol: 1e-6)
    }
    #expect(compiledStep.traceCount == 1)
  }

  @Test func variablesCreatedWhileTracingGetConcreteStartingValues() {
    var created: Variable?
    let lazy = Function { (x: Tensor) -> Tensor in
      if created == nil {
        created = initScope { Variable(Tensor.ones(shape: [2]), name: "lazy") }
      }
      return x * created!
    }
    assertClose(lazy(Tensor([3, 4] as [Float])), Tensor([3, 4] as [Float]))
    #expect(created?.isSymbolic == false)
  }

  @Test func randomOpsDrawNewNumbersOnEachCall() {
    let noisy = Function { (x: Tensor) -> Tensor in x + Tensor.randomNormal(shape: [4]) }
    let first = noisy(Tensor.zeros(shape: [4])), second = noisy(Tensor.zeros(shape: [4]))
    #expect(first.scalars(as: Float.self) != second.scalars(as: Float.self))
  }

  @Test func outputsThatDependOnNothingAreReturnedAsTheyAre() {
    let constant = Tensor([1, 2] as [Float])
    let f = Function { (inputs: [Tensor]) -> [Tensor] in [inputs[0] + 1, constant] }
    let results = f([Tensor(1.0)])
    #expect(results[0].item() == 2)
    #expect(results[1] === constant)
  }

  @Test func functionsCalledWhileTracingJoinTheTrace() {
    let inner = Function { (x: Tensor) -> Tensor in x * 2 }
    let outer = Function { (x: Tensor) -> Tensor in inner(x) + 1 }
    #expect(outer(Tensor(3.0)).item() == 7)
    #expect(inner.traceCount == 0)
  }
}
