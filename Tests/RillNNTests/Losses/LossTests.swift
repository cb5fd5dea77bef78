import RillCore
import RillNN
import RillTestSupport
import Testing

struct LossTests {
  let labels: Tensor = [[0, 1], [1, 0], [1, 1]]
  let predictions: Tensor = [[0.5, 1], [2, -1], [1, 3]]

  @Test func reductionsAverageSumOrKeepTheExamples() {
    // Per example: mean((p − y)²) = [(0.25 + 0)/2, (1 + 1)/2, (0 + 4)/2] = [0.125, 1, 2].
    assertClose(MeanSquaredError(reduction: .none)(labels, predictions), [0.125, 1, 2])
    assertClose(MeanSquaredError()(labels, predictions), Tensor(3.125 / 3))
    assertClose(MeanSquaredError(reduction: .sum)(labels, predictions), Tensor(3.125))
    assertClose(
      MeanAbsoluteError()(labels, predictions, sampleWeight: [1, 0, 2]), Tensor((0.25 + 2 * 1) / 3))
  }

  @Test func huberIsQuadraticNearZeroAndLinearBeyondDelta() {
    let loss = Huber(delta: 1, reduction: .none)([[0, 0]], [[0.5, 3]])
    // 0.5 · 0.5² = 0.125 and 1 · 3 − 0.5 = 2.5; mean 1.3125.
    assertClose(loss, [1.3125])
  }

  @Test func crossEntropiesAreStableForHugeLogits() {
    let logits: Tensor = [[1000, 0, -1000], [-1e4, 1e4, 0]]
    let sparse = SparseCategoricalCrossentropy(fromLogits: true, reduction: .none)(
      Tensor([0, 0] as [Int32]), logits)
    assertClose(sparse, [0, 2e4], rtol: 1e-6)
    let dense = CategoricalCrossentropy(fromLogits: true, reduction: .none)(
      [[1, 0, 0], [0, 1, 0]], logits)
    assertClose(dense, [0, 0])
    let binary = BinaryCrossentropy(fromLogits: true, reduction: .none)([[1, 0]], [[500, -500]])
    assertClose(binary, [0])
    // Probabilities of exactly 0 and 1 are clipped instead of giving infinities.
    let clipped = binaryCrossentropy(labels: [[1, 0]], predictions: [[0, 1]])
    #expect(clipped.item() > 15 && clipped.item() < 17)  // −log(1e-7) ≈ 16.1
  }

  @Test func crossEntropyGradientsAreFinite() {
    let logits = Variable([[1000.0, 0, -1000]] as Tensor)
    let tape = GradientTape()
    let loss = tape.record {
      SparseCategoricalCrossentropy(fromLogits: true)(Tensor([2] as [Int32]), logits)
    }
    let gradient = tape.gradient(of: loss, wrt: logits)
    // d/dlogits = softmax − onehot = [1, 0, −1].
    assertClose(gradient, [[1, 0, -1]])
  }

  @Test func labelsOutOfRangeStopWithAClearMessage() async {
    let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
      _ = SparseCategoricalCrossentropy(fromLogits: true)(
        Tensor([3] as [Int32]), Tensor.zeros(shape: [1, 3]))
    }
    let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
    #expect(message.contains("labels must lie in 0..<3 (logits of shape [1, 3]); found 3"))
  }
}
