import RillCore
import RillNN
import RillTestSupport
import RillVulkan
import Testing

/// Gradients through copies between the CPU and Vulkan: the tape records `to(_:)`, and the
/// gradients come back to the CPU with the all-CPU values (within float rounding, as the
/// kernels sum in other orders).
struct GradientsAcrossDevicesTests {
  @Test func gradientsThroughVulkanMatchTheCPUs() {
    let x = Tensor.randomNormal(shape: [4, 5], seed: 21)
    let w = Tensor.randomNormal(shape: [5, 3], seed: 22)
    func loss(_ move: (Tensor, Bool) -> Tensor) -> Tensor {
      let hidden = tanh(matmul(move(x, true), move(w, true)))
      return (move(hidden, false) * 0.5).sum() + square(hidden).mean()
    }
    func gradients(_ move: (Tensor, Bool) -> Tensor) -> [Tensor] {
      let tape = GradientTape()
      tape.watch(x, w)
      let value = tape.record { loss(move) }
      return tape.gradient(of: value, wrt: [x, w]).compactMap { $0 }
    }
    let expected = gradients { value, _ in value }
    let crossing = gradients { value, there in value.to(there ? vulkan : CPUDevice.shared) }
    #expect(crossing.count == 2)
    for (gradient, wanted) in zip(crossing, expected) {
      #expect(gradient.device === CPUDevice.shared)
      assertClose(gradient, wanted, rtol: 1e-5, atol: 1e-6)
    }
  }

  @Test func aGraphPlacedOnVulkanTrainsLikeTheCPU() throws {
    let xs = Tensor.randomNormal(shape: [16], seed: 23)
    let ys = xs * 2
    // Fits a in y = a x, with the variable and the placeholder placed on `device`.
    func fittedSlope(on device: any Device) throws -> Tensor {
      let g = Graph()
      let (x, a) = withDevice(device) {
        (g.placeholder(.float32, shape: [16], name: "x"), g.variable([0.0] as Tensor, name: "a"))
      }
      let step = GradientDescentOptimizer(learningRate: 0.1).minimize(square(a * x - ys).mean())
      let session = Session(graph: g)
      try session.run(g.globalVariablesInitializer())
      for _ in 0..<60 { try session.run(step, feeding: [x: xs]) }
      return try session.run(a)
    }
    let onVulkan = try fittedSlope(on: vulkan)
    #expect(onVulkan.device === CPUDevice.shared)
    assertClose(onVulkan, try fittedSlope(on: CPUDevice.shared), rtol: 1e-5, atol: 1e-6)
    #expect(abs(onVulkan.item() - 2) < 0.1)
  }
}
