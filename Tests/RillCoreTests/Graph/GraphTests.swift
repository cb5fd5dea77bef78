import Foundation
import RillTestSupport
import Testing

@testable import RillCore

struct GraphTests {
  @Test func nameScopesPrefixNodeNamesAndNamesStayUnique() {
    let g = Graph()
    let (w1, x) = g.nameScope("HiddenLayer") {
      (
        g.variable(Tensor.zeros(shape: [2, 3]), name: "W1"),
        g.placeholder(.float32, shape: [1, 2], name: "x")
      )
    }
    let h = g.nameScope("HiddenLayer") { matmul(x, w1) }
    let again = g.nameScope("HiddenLayer") { matmul(x, w1) }
    #expect(w1.name == "HiddenLayer/W1")
    #expect(x.name == "HiddenLayer/x")
    #expect(h.symbol?.node.name == "HiddenLayer/matmul")
    #expect(again.symbol?.node.name == "HiddenLayer/matmul_1")
    let nested = g.nameScope("outer") {
      g.nameScope("inner") { g.constant(Tensor(1.0), name: "c") }
    }
    #expect(nested.symbol?.node.name == "outer/inner/c")
  }

  @Test func zerosAndOnesLikeAGraphValueOfUnknownShape() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown, 3], name: "x")
    let zeros = Tensor.zeros(like: x)
    let ones = Tensor.ones(like: x)
    #expect(zeros.isSymbolic && zeros.dtype == .float32 && ones.isSymbolic)
    let fed = Tensor.randomNormal(shape: [2, 3], seed: 3)
    let (z, o) = try Session(graph: g).run(zeros, ones, feeding: [x: fed])
    assertIdentical(z, Tensor.zeros(shape: [2, 3]))
    assertIdentical(o, Tensor.ones(shape: [2, 3]))
  }

  @Test func getVariableCreatesOnceAndReusesInReusingScopes() {
    let g = Graph()
    func layer() -> Variable {
      g.getVariable("weights", shape: [4, 2]) { shape, dtype in
        Tensor.ones(shape: shape, dtype: dtype)
      }
    }
    let created = g.variableScope("layer1") { layer() }
    let reused = g.variableScope("layer1", reuse: true) { layer() }
    let other = g.variableScope("layer2") { layer() }
    #expect(created.name == "layer1/weights")
    #expect(created === reused)
    #expect(other !== created && other.name == "layer2/weights")
    #expect(g.variables.count == 2)
    #expect(g.trainableVariables.map(\.name) == ["layer1/weights", "layer2/weights"])
  }

  @Test func symbolicTensorsCarryDTypesAndPartlyKnownShapes() {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown, 784], name: "x")
    let w = g.variable(Tensor.zeros(shape: [784, 10]), name: "w")
    let logits = matmul(x, w)
    #expect(logits.isSymbolic && logits.graph === g)
    #expect(logits.shape == [Shape.unknown, 10] && logits.dtype == .float32)
    #expect(softmax(logits).sum(alongAxes: [1]).shape == [Shape.unknown])
    #expect("\(logits)".contains("symbolic: \"matmul\""))
  }

  @Test func graphExportsAsTextAndJSON() throws {
    let g = Graph()
    let x = g.placeholder(.float32, shape: [Shape.unknown], name: "x")
    let w = g.nameScope("layer") { g.variable([2.0], name: "w") }
    _ = g.nameScope("layer") { x * w }
    let text = "\(g)"
    #expect(text.contains("x = Placeholder() : float32[-1]"))
    #expect(text.contains("layer/w = VariableV2() : float32[1]"))
    #expect(text.contains("layer/mul = mul(x, layer/w) : float32[-1]"))
    let decoded = try JSONDecoder().decode(
      [GraphNodeDescription].self, from: Data(g.jsonDescription().utf8))
    #expect(decoded == g.nodeDescriptions)
    #expect(decoded.map(\.type) == ["Placeholder", "Const", "VariableV2", "mul"])
  }
}
