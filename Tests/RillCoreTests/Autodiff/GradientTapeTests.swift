import Foundation
import RillTestSupport
import Testing

@testable import RillCore

struct GradientTapeTests {
  @Test func watchesTrainableVariablesItReads() {
    let m = Variable(2.0), b = Variable(1.0)
    let x: Tensor = [1, 2, 3]
    let tape = GradientTape()
    // loss = Σ (m x + b)²; dloss/dm = Σ 2 (m x + b) x = 2 (3·1 + 5·2 + 7·3) = 68, dloss/db = 30.
    let loss = tape.record { square(x * m + b).sum() }
    let (dm, db) = tape.gradient(of: loss, wrt: m, b)
    #expect(dm.item() == 68 && db.item() == 30)
    #expect(tape.watchedVariables.map(\.name) == ["Variable", "Variable"])
  }

  @Test func secondDerivativesThroughNestedTapes() {
    let x = Tensor([0.5, -1, 2] as [Double])
    let outer = GradientTape()
    outer.watch(x)
    let firstDerivative = outer.record { () -> Tensor in
      let inner = GradientTape()
      inner.watch(x)
      let y = inner.record { x * x * x }
      return inner.gradient(of: y, wrt: x)
    }
    let secondDerivative = outer.gradient(of: firstDerivative, wrt: x)
    assertClose(firstDerivative, Tensor([0.75, 3, 12] as [Double]))  // 3x²
    assertClose(secondDerivative, Tensor([3, -6, 12] as [Double]))  // 6x

    let outerTanh = GradientTape()
    outerTanh.watch(x)
    let tanhDerivative = outerTanh.record { () -> Tensor in
      let inner = GradientTape()
      inner.watch(x)
      let y = inner.record { tanh(x) }
      return inner.gradient(of: y, wrt: x)
    }
    // d²/dx² tanh x = −2 tanh x (1 − tanh² x).
    let t = x.scalars(as: Double.self).map { Foundation.tanh($0) }
    let expected = Tensor(t.map { -2 * $0 * (1 - $0 * $0) })
    assertClose(outerTanh.gradient(of: tanhDerivative, wrt: x), expected, rtol: 1e-12, atol: 1e-12)
  }

  @Test func secondDerivativesOfAVariableThroughNestedTapes() {
    let m = Variable(3.0)
    let outer = GradientTape()
    let firstDerivative = outer.record { () -> Tensor in
      let inner = GradientTape()
      let y = inner.record { m * m * m }
      return inner.gradient(of: y, wrt: m)
    }
    // The inner gradient's products read the snapshots of m, which the outer tape follows.
    #expect(firstDerivative.item() == 27)  // 3m²
    #expect(outer.gradient(of: firstDerivative, wrt: m).item() == 18)  // 6m
  }

  @Test func unconnectedSourcesGiveNilOrZerosAsAsked() {
    let used = Variable(1.0), unused = Variable(Tensor.ones(shape: [2]))
    let integer = Tensor([1, 2] as [Int32])
    let tape = GradientTape(persistent: true)
    tape.watch(integer)
    let y = tape.record { used * 3 + integer.cast(to: .float32).sum() }
    let none = tape.gradient(of: y, wrt: [used, unused, integer])
    #expect(none[0]?.item() == 3 && none[1] == nil && none[2] == nil)
    let zeros = tape.gradient(of: y, wrt: [unused], unconnectedGradients: .zero)
    #expect(zeros[0]?.scalars(as: Float.self) == [0, 0])
    let (dUsed, dUnused) = tape.gradient(of: y, wrt: used, unused)
    #expect(dUsed.item() == 3 && dUnused.shape == [2])
  }

  @Test func outputGradientWeighsTheTarget() {
    let x: Tensor = [1.0, 2, 3]
    let tape = GradientTape()
    tape.watch(x)
    let y = tape.record { x * x }
    let gradient = tape.gradient(of: y, wrt: [x], outputGradient: [1, 0, -1])[0]
    #expect(gradient?.scalars(as: Float.self) == [2, 0, -6])
  }

  @Test func persistentTapesComputeSeveralGradients() {
    let x = Variable(3.0)
    let tape = GradientTape(persistent: true)
    let y = tape.record { x * x }
    let z = tape.record { y * x }
    #expect(tape.gradient(of: y, wrt: x).item() == 6)
    #expect(tape.gradient(of: z, wrt: x).item() == 27)
  }

  @Test func stopRecordingAndUnwatchedVariables() {
    let trainable = Variable(2.0)
    let frozen = Variable(Tensor(5.0), trainable: false)
    let tape = GradientTape()
    let y = tape.record { () -> Tensor in
      let kept = trainable * frozen
      let ignored = tape.stopRecording { trainable * 100 }
      return kept + ignored
    }
    let gradients = tape.gradient(of: y, wrt: [trainable, frozen])
    #expect(gradients[0]?.item() == 5 && gradients[1] == nil)

    let manual = GradientTape(watchAccessedVariables: false)
    let w = manual.record { trainable * 4 }
    #expect(manual.gradient(of: w, wrt: [trainable])[0] == nil)
  }

  @Test func variablesUpdateInPlaceWithoutChangingEarlierValues() {
    let v = Variable(Tensor([1, 2, 3] as [Float]))
    let before = v.value
    // Identities, not references: holding the storage would stop the update in place.
    let original = ObjectIdentifier(v.storage)
    v.assignSub([1, 1, 1])  // `before` shares the memory: the update copies
    #expect(before.scalars(as: Float.self) == [1, 2, 3])
    #expect(v.scalars(as: Float.self) == [0, 1, 2])
    #expect(ObjectIdentifier(v.storage) != original)
    let updated = ObjectIdentifier(v.storage)
    v.assignAdd(10)  // nothing else holds it now: updated in place
    #expect(ObjectIdentifier(v.storage) == updated)
    #expect(v.scalars(as: Float.self) == [10, 11, 12])
    v.assign([7, 8, 9])
    #expect(v.scalars(as: Float.self) == [7, 8, 9])
  }

  @Test func gradientsUseTheValueAVariableHadWhenRead() {
    let v = Variable(Tensor(2.0))
    let tape = GradientTape()
    let y = tape.record { v * v }
    v.assign(Tensor(100.0))
    #expect(tape.gradient(of: y, wrt: v).item() == 4)
  }

  @Test func valueWithGradientWatchesItsSources() {
    let x: Tensor = [1.0, 2]
    let (value, gradients) = valueWithGradient(at: [x]) { (x * x).sum() }
    #expect(value.item() == 5)
    #expect(gradients[0].scalars(as: Float.self) == [2, 4])
  }

  @Test func aConsumedTapeTrapsWithAClearMessage() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      let x = Variable(1.0)
      let tape = GradientTape()
      let y = tape.record { x * x }
      _ = tape.gradient(of: y, wrt: [x])
      _ = tape.gradient(of: y, wrt: [x])
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("gradient was already computed with this tape"))
  }
}
