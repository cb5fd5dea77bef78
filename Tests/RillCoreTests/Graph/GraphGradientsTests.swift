import RillTestSupport
import Testing

@testable import RillCore

struct GraphGradientsTests {
  @Test func symbolicGradientsMatchTheTape() throws {
    let xValue = Tensor.randomNormal(shape: [5, 3], seed: 1)
    let wValue = Tensor.randomNormal(shape: [3, 2], seed: 2)
    // Eager, with a tape.
    let wEager = Variable(wValue)
    let tape = GradientTape()
    let eagerLoss = tape.record { square(tanh(matmul(xValue, wEager))).mean() }
    let eagerGradient = tape.gradient(of: eagerLoss, wrt: wEager)
    // Symbolic, in a graph.
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown, 3], name: "x")
    let w = g.variable(wValue, name: "w")
    let loss = square(tanh(matmul(x, w))).mean()
    let gradients = g.gradients(of: loss, wrt: [w, x])
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    let (lossValue, dw) = try session.run(loss, gradients[0]!, feeding: [x: xValue])
    assertClose(lossValue, eagerLoss, rtol: 1e-6)
    assertClose(dw, eagerGradient, rtol: 1e-5)
    #expect(gradients[1]?.shape == [Shape.unknown, 3])
  }

  @Test func unconnectedSourcesGetNil() {
    let g = Graph()
    let a = g.placeholder(.float32, shape: [], name: "a")
    let b = g.placeholder(.float32, shape: [], name: "b")
    let gradients = g.gradients(of: a * 3, wrt: [a, b])
    #expect(gradients[0] != nil && gradients[1] == nil)
  }

  @Test func gradientsOfEagerVariablesTheGraphReads() throws {
    let v = Variable(Tensor(2.0), name: "v")
    let g = Graph()
    let x = g.placeholder(.float32, shape: [], name: "x")
    let y = v * x * v  // v * v alone would be computed at once: both are concrete
    let dv = try #require(g.gradients(of: y, wrt: [v])[0])
    #expect(try Session(graph: g).run(dv, feeding: [x: 3]).item() == 12)
    #expect(g.trainableVariables.contains { $0 === v })
  }
}
