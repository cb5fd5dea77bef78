import RillTestSupport
import Testing

@testable import RillCore

struct RandomTensorTests {
  /// The mean and standard deviation of a sample.
  func moments(_ x: Tensor) -> (mean: Double, standardDeviation: Double) {
    let values = x.scalars(as: Double.self)
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)
    return (mean, variance.squareRoot())
  }

  @Test func normalSamplesHaveTheRequestedMoments() {
    let x = Tensor.randomNormal(shape: [200_000], mean: 2, standardDeviation: 3, seed: 7)
    let (mean, deviation) = moments(x)
    // Standard errors: 3 / √200000 ≈ 0.0067 for the mean, about 0.005 for the deviation.
    #expect(abs(mean - 2) < 0.03 && abs(deviation - 3) < 0.03)
  }

  @Test func uniformSamplesFillTheInterval() {
    let x = Tensor.randomUniform(shape: [200_000], lowerBound: -1, upperBound: 3, seed: 8)
    let values = x.scalars(as: Float.self)
    #expect(values.allSatisfy { $0 >= -1 && $0 < 3 })
    let (mean, deviation) = moments(x)
    #expect(abs(mean - 1) < 0.02 && abs(deviation - 4 / 12.0.squareRoot()) < 0.02)
    #expect(values.min()! < -0.999 && values.max()! > 2.999)
  }

  @Test func truncatedNormalStaysWithinTwoStandardDeviations() {
    let x = Tensor.truncatedNormal(shape: [100_000], mean: 0, standardDeviation: 0.1, seed: 9)
    let values = x.scalars(as: Float.self)
    #expect(values.allSatisfy { abs($0) <= 0.2 + 1e-6 })
    // A standard normal truncated to [-2, 2] has standard deviation ≈ 0.8796.
    let (mean, deviation) = moments(x)
    #expect(abs(mean) < 0.002 && abs(deviation - 0.08796) < 0.002)
  }

  @Test func seedsMakeSamplesReproducible() {
    let a = Tensor.randomNormal(shape: [5, 7], seed: 42)
    let b = Tensor.randomNormal(shape: [5, 7], seed: 42)
    let c = Tensor.randomNormal(shape: [5, 7], seed: 43)
    assertIdentical(a, b)
    #expect(a.scalars(as: Float.self) != c.scalars(as: Float.self))
    // A longer tensor starts with the same numbers: element i depends only on the key and i.
    let longer = Tensor.randomNormal(shape: [100], seed: 42)
    #expect(Array(longer.scalars(as: Float.self).prefix(35)) == a.scalars(as: Float.self))
  }

  @Test func theGlobalSeedReplaysTheSequenceOfUnseededOps() {
    RandomSeed.global = 1234
    let first = [Tensor.randomUniform(shape: [4]), Tensor.randomNormal(shape: [4])]
    RandomSeed.global = 1234
    let second = [Tensor.randomUniform(shape: [4]), Tensor.randomNormal(shape: [4])]
    assertIdentical(first[0], second[0])
    assertIdentical(first[1], second[1])
    #expect(
      first[0].scalars(as: Float.self) != Tensor.randomUniform(shape: [4]).scalars(as: Float.self))
  }
}
