import RillTestSupport
import Testing

@testable import RillCore

/// Gradients through ``Tensor/to(_:)``: the copy is recorded, its gradient goes back to the
/// input's device, and the results equal the all-CPU ones to the bit (a ``SealedDevice`` runs
/// the CPU's kernels), on tapes, nested tapes, graphs and traced functions.
struct DeviceCopyGradientTests {
  private let x = Tensor(shape: [2, 3], scalars: [0.5, -1, 2, 0.25, 1.5, -0.75] as [Float])
  private let w = Tensor(shape: [3, 2], scalars: [1, -0.5, 0.25, 2, -1, 0.75] as [Float])

  /// Σ h · Σ h + Σ x² for h = tanh(x w); `move` carries values to the device (`true`) and back.
  private func loss(_ x: Tensor, _ w: Tensor, move: (Tensor, Bool) -> Tensor) -> Tensor {
    let hidden = move(tanh(matmul(move(x, true), move(w, true))), false)
    return (hidden * hidden.sum()).sum() + (x * x).sum()
  }

  @Test func theTapeRecordsCopiesAndSendsGradientsBack() {
    let sealed = SealedDevice(index: 60)
    let cpuTape = GradientTape()
    cpuTape.watch(x, w)
    let cpuLoss = cpuTape.record { loss(x, w) { value, _ in value } }
    let expected = cpuTape.gradient(of: cpuLoss, wrt: [x, w])

    let tape = GradientTape()
    tape.watch(x, w)
    // CPU → sealed for the matmul, sealed → CPU for the rest.
    let crossing = tape.record {
      loss(x, w) { value, there in value.to(there ? sealed : CPUDevice.shared) }
    }
    let gradients = tape.gradient(of: crossing, wrt: [x, w])
    #expect(sealed.operationCounts["matmul", default: 0] > 0)
    for (gradient, wanted) in zip(gradients, expected) {
      #expect(gradient?.device === CPUDevice.shared)
      if let gradient, let wanted { assertIdentical(gradient, wanted) }
    }
  }

  @Test func variablesReadThroughACopyGetTheirGradient() {
    let sealed = SealedDevice(index: 61)
    let v = Variable(Tensor([1, 2, 3] as [Float]))
    let tape = GradientTape()
    let total = tape.record { (exp(v.to(sealed)) * 2).sum() }
    let gradient = tape.gradient(of: total, wrt: [v])[0]
    #expect(gradient?.device === CPUDevice.shared)
    if let gradient { assertIdentical(gradient, exp(Tensor([1, 2, 3] as [Float])) * 2) }
  }

  @Test func secondDerivativesCrossTheDevicesAgain() {
    let sealed = SealedDevice(index: 62)
    let x = Tensor([1, -2, 4] as [Double])
    let outer = GradientTape()
    outer.watch(x)
    let secondDerivative = outer.record { () -> Tensor in
      let inner = GradientTape()
      inner.watch(x)
      // y = Σ x³ computed on the sealed device: dy/dx = 3x², d²(Σ dy/dx)/dx² = 6x.
      let y = inner.record { () -> Tensor in
        let there = x.to(sealed)
        return (there * there * there).sum().to(CPUDevice.shared)
      }
      let first = inner.gradient(of: y, wrt: x)
      #expect(first.device === CPUDevice.shared)
      assertIdentical(first, Tensor([3, 12, 48] as [Double]))
      return first.to(sealed).sum()
    }
    let second = outer.gradient(of: secondDerivative, wrt: x)
    #expect(second.device === CPUDevice.shared)
    assertIdentical(second, Tensor([6, -12, 24] as [Double]))
  }

  @Test func graphGradientsCopyBackWhenTheGraphRuns() throws {
    let sealed = SealedDevice(index: 63)
    let g = Graph()
    let input = g.placeholder(.float32, shape: [Shape.unknown, 3], name: "x")
    let weights = g.variable(w, name: "w")
    let output = loss(input, weights) { value, there in
      value.to(there ? sealed : CPUDevice.shared)
    }
    let gradients = g.gradients(of: output, wrt: [input, weights]).compactMap { $0 }
    #expect(gradients.count == 2)
    #expect(
      g.nodeDescriptions.contains { $0.name.hasPrefix("gradients/") && $0.type == "copy_to_device" }
    )
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    let values = try session.run(gradients, feeding: [input: x])

    let tape = GradientTape()
    tape.watch(x, w)
    let cpuLoss = tape.record { loss(x, w) { value, _ in value } }
    let expected = tape.gradient(of: cpuLoss, wrt: [x, w])
    for (value, wanted) in zip(values, expected) {
      if let wanted { assertIdentical(value, wanted) }
    }
    #expect(sealed.operationCounts["matmul", default: 0] > 0)
  }

  @Test func tracedFunctionsDifferentiateThroughCopies() {
    let sealed = SealedDevice(index: 64)
    let gradientOfSquares = Function { (x: Tensor) -> Tensor in
      let tape = GradientTape()
      tape.watch(x)
      let total = tape.record { () -> Tensor in
        let there = x.to(sealed)
        return (there * there).sum()
      }
      return tape.gradient(of: total, wrt: x)
    }
    for _ in 0..<2 {
      let gradient = gradientOfSquares(x)
      #expect(gradient.device === CPUDevice.shared)
      assertIdentical(gradient, x * 2)
    }
    #expect(sealed.kernelCount > 0)
  }

  @Test func aCopyToTheDeviceItIsOnIsTheTensorItself() {
    let sealed = SealedDevice(index: 65)
    let onSealed = x.to(sealed)
    let tape = GradientTape()
    tape.watch(onSealed)
    let total = tape.record { () -> Tensor in
      let same = onSealed.to(sealed)
      #expect(same === onSealed && tape.entries.isEmpty)
      return same.sum()
    }
    let gradient = tape.gradient(of: total, wrt: onSealed)
    #expect(gradient.device === sealed)
    assertIdentical(gradient.to(CPUDevice.shared), Tensor.ones(like: x))
  }
}
