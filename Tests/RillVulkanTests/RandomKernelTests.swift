import RillVulkan
import Testing

@testable import RillCore

/// The random shader against the CPU's counter-based stream: float32 tensors bit for bit,
/// float64 tensors within an ulp or two of them (the shader's log, sine and cosine are not libm's).
@Suite struct RandomKernelTests {
  static let distributions: [RandomDistribution] = [
    .uniform(lower: -3, upper: 5), .normal(mean: 0.5, standardDeviation: 2),
    .truncatedNormal(mean: -1, standardDeviation: 0.25),
  ]

  /// Draws `count` elements into an output whose device views start `offset` elements in.
  static func draw(
    _ distribution: RandomDistribution, dtype: DType, count: Int, key: UInt64, offset: Int = 0
  ) -> (cpu: [Double], gpu: [Double]) {
    let y = DevicePair(
      [Double](repeating: .nan, count: count + offset), dtype: dtype, shape: [count],
      strides: [1], offset: offset)
    CPUDevice.shared.random(distribution, key: RandomKey(value: key), into: y.cpu)
    vulkan.random(distribution, key: RandomKey(value: key), into: y.gpu)
    return (elements(y.cpu), elements(y.gpu))
  }

  @Test(arguments: distributions)
  func float32SamplesEqualTheCPUs(_ distribution: RandomDistribution) {
    let (cpu, gpu) = Self.draw(
      distribution, dtype: .float32, count: 100_003, key: 0x9E37_79B9_7F4A_7C15, offset: 3)
    let different = zip(cpu, gpu).filter { $0.0.bitPattern != $0.1.bitPattern }.count
    #expect(different == 0, "\(distribution.name): \(different) of \(cpu.count) differ")
    #expect(!cpu.contains { $0.isNaN }, "\(distribution.name): an element was not written")
  }

  /// Uniform samples are exact; normal ones within two ulps of the scaled deviate and of the
  /// sample (adding the mean can cancel digits, so the sample's own ulp is too fine a scale).
  @Test(arguments: distributions)
  func float64SamplesAreWithinTwoUlpsOfTheCPUs(_ distribution: RandomDistribution) {
    let (cpu, gpu) = Self.draw(distribution, dtype: .float64, count: 50_001, key: 42)
    var mean = 0.0
    var exact = false
    switch distribution {
    case .uniform: exact = true
    case .normal(let m, _), .truncatedNormal(let m, _): mean = m
    }
    var worst = 0.0
    for (e, a) in zip(cpu, gpu) {
      let scale = (e - mean).magnitude.ulp + e.magnitude.ulp
      worst = Swift.max(worst, (a - e).magnitude / scale)
    }
    #expect(exact ? worst == 0 : worst <= 2, "\(distribution.name): \(worst) ulps apart")
  }

  @Test func differentKeysGiveDifferentStreams() {
    let normal = RandomDistribution.normal(mean: 0, standardDeviation: 1)
    let first = Self.draw(normal, dtype: .float32, count: 64, key: 1)
    let second = Self.draw(normal, dtype: .float32, count: 64, key: 2)
    #expect(first.gpu != second.gpu)
    #expect(second.gpu == second.cpu)
  }
}
