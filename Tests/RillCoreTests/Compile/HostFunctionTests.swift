import RillTestSupport
import Testing

@testable import RillCore

/// HostFunction: Swift code on raw elements, run eagerly, in sessions and in compiled
/// functions, once per call and in program order.
final class HostFunctionTests {
  /// The order in which the calls ran, by the first element each call saw.
  private var calls: [Float] = []

  /// Adds 10 to each float32 element and notes the call.
  private lazy var addTen = HostFunction(name: "add_ten") { [unowned self] input, output in
    let source = input.assumingMemoryBound(to: Float.self)
    let target = output.assumingMemoryBound(to: Float.self)
    self.calls.append(source.first ?? .nan)
    for index in source.indices { target[index] = source[index] + 10 }
  }

  @Test func testEagerCallRunsTheBodyAtOnce() {
    let result = addTen(Tensor([1, 2, 3] as [Float]))
    #expect(result.scalars(as: Float.self) == [11, 12, 13])
    #expect(result.shape == [3])
    #expect(calls == [1])
  }

  @Test func testCompiledCallRunsOnEveryCallAndIsNeitherFoldedNorMerged() {
    let step = Function { (x: Tensor) -> Tensor in
      // The same call twice on the same value, and once on a constant: three calls per run.
      let constant = self.addTen(Tensor([5] as [Float]))
      return self.addTen(x) + self.addTen(x) + constant
    }
    let first = step(Tensor(shape: [1, 2], scalars: [1, 2] as [Float]))
    #expect(first.scalars(as: Float.self) == [37, 39])
    let traceCalls = calls.count
    let second = step(Tensor(shape: [1, 2], scalars: [3, 4] as [Float]))
    #expect(second.scalars(as: Float.self) == [41, 43])
    #expect(calls.count == traceCalls + 3)
    #expect(step.traceCount == 1)
  }

  @Test func testCallsRunInProgramOrderInsideAPlan() {
    let step = Function { (x: Tensor) -> Tensor in
      let a = self.addTen(x)  // sees x
      let b = self.addTen(a * 2)  // sees 2(x + 10)
      return self.addTen(b - 100)  // sees 2(x + 10) + 10 - 100
    }
    calls = []
    let result = step(Tensor([1] as [Float]))
    #expect(result.scalars(as: Float.self) == [-58])
    #expect(Array(calls.suffix(3)) == [1, 22, -68])
  }

  @Test func testSessionRunsTheCallOnFedValues() throws {
    let graph = Graph()
    let x = graph.placeholder(.float32, shape: [2], name: "x")
    let y = addTen(x) * 3
    let session = Session(graph: graph)
    let value = try session.run(y, feeding: [x: Tensor([1, -1] as [Float])])
    #expect(value.scalars(as: Float.self) == [33, 27])
  }

  @Test func testNoGradientFlowsThroughACall() {
    let w = Variable(Tensor([2] as [Float]), name: "w")
    let tape = GradientTape()
    let loss = tape.record { (addTen(w * 3) + w).sum() }
    let gradient = tape.gradient(of: loss, wrt: w)
    // d/dw (host(3w) + w) with the host call treated as a constant: 1.
    #expect(gradient.scalars(as: Float.self) == [1])
  }
}
