import RillCore
import RillNN
import RillTestSupport
import Testing

struct OptimizerTests {
  @Test func stepsCountAndSlotsAreNamedAfterTheirVariable() {
    let w = Variable(Tensor([1, 2] as [Float]), name: "dense/kernel")
    let optimizer = Adam(learningRate: 0.1)
    optimizer.apply(gradients: [Tensor([0.5, -0.5] as [Float])], to: [w])
    optimizer.apply(gradients: [Tensor([0.5, -0.5] as [Float])], to: [w])
    #expect(optimizer.iterations.item(as: Int.self) == 2)
    #expect(optimizer.slots(for: w).map(\.name) == ["dense/kernel/m", "dense/kernel/v"])
    #expect(optimizer.slots(for: w).allSatisfy { !$0.trainable })
  }

  @Test func variablesWithoutAGradientAreLeftAlone() {
    let a = Variable(1.0), b = Variable(2.0)
    SGD(learningRate: 0.5).apply(gradients: [Tensor(4.0, dtype: .float32), nil], to: [a, b])
    #expect(a.item() == -1 && b.item() == 2)
  }

  @Test func learningRateCanBeChangedBetweenSteps() {
    let w = Variable(0.0)
    let optimizer = SGD(learningRate: 1)
    optimizer.apply(gradients: [Tensor(1.0, dtype: .float32)], to: [w])
    optimizer.learningRate = 0.25
    optimizer.apply(gradients: [Tensor(1.0, dtype: .float32)], to: [w])
    #expect(w.item() == -1.25)
    #expect(optimizer.learningRate == 0.25)
  }

  @Test func gradientClippingByValueNormAndGlobalNorm() {
    let w = Variable(Tensor([0, 0] as [Float]))
    let byValue = SGD(learningRate: 1)
    byValue.clipValue = 0.5
    byValue.apply(gradients: [Tensor([3, -0.25] as [Float])], to: [w])
    assertClose(w, [-0.5, 0.25])

    let v = Variable(Tensor([0, 0] as [Float]))
    let byNorm = SGD(learningRate: 1)
    byNorm.clipNorm = 1
    byNorm.apply(gradients: [Tensor([3, 4] as [Float])], to: [v])
    assertClose(v, [-0.6, -0.8])

    let (clipped, norm) = clipByGlobalNorm(
      [Tensor([3] as [Float]), Tensor([4] as [Float])], clipNorm: 2.5)
    assertClose(norm, Tensor(5.0))
    assertClose(clipped[0], [1.5])
    assertClose(clipped[1], [2])
    assertClose(clipByNorm(Tensor([0.3, 0.4] as [Float]), clipNorm: 1), [0.3, 0.4])
  }

  @Test func adamWDecaysWeightsBeforeTheAdamStep() {
    let w = Variable(Tensor([2] as [Float]))
    AdamW(learningRate: 0.1, weightDecay: 0.5).apply(gradients: [Tensor([0] as [Float])], to: [w])
    // Decay: 2 − 0.1 · 0.5 · 2 = 1.9; a zero gradient then leaves it there.
    assertClose(w, [1.9])
  }

  @Test func optimizersTrainAQuadraticBowl() {
    let makers: [() -> Optimizer] = [
      { SGD(learningRate: 0.1) }, { SGD(learningRate: 0.05, momentum: 0.9, nesterov: true) },
      { Adam(learningRate: 0.1) }, { RMSprop(learningRate: 0.05) }, { Adagrad(learningRate: 0.5) },
    ]
    for make in makers {
      let optimizer = make()
      let w = Variable(Tensor([3, -2] as [Float]))
      for _ in 0..<200 {
        let tape = GradientTape()
        let loss = tape.record { square(w - [1, 1]).sum() }
        optimizer.apply(gradients: [tape.gradient(of: loss, wrt: w)], to: [w])
      }
      assertClose(w, [1, 1], rtol: 0, atol: 0.05, optimizer.name)
    }
  }
}
