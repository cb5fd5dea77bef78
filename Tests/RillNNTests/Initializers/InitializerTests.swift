import RillCore
import Testing

@testable import RillNN

@Suite struct InitializerTests {
  @Test func aTruncatedNormalReadsAndWritesTheSettingsOfTheNormalItTruncates() {
    var truncated = TruncatedNormal(mean: 1, standardDeviation: 0.5, seed: 3)
    #expect(truncated.mean == 1 && truncated.standardDeviation == 0.5 && truncated.seed == 3)
    truncated.standardDeviation = 2
    #expect(truncated.normal.standardDeviation == 2)
    let values = truncated(shape: [10_000], dtype: .float64).scalars(as: Double.self)
    #expect(values.allSatisfy { abs($0 - 1) <= 4 })
    #expect(values.contains { abs($0 - 1) > 2 })
    let expected = Tensor.truncatedNormal(
      shape: [10_000], mean: 1, standardDeviation: 2, dtype: .float64, seed: 3)
    #expect(values == expected.scalars(as: Double.self))
  }

  @Test func bothNormalsSaveAndLoadWithTheirSettings() throws {
    let normal = RandomNormal(mean: -1, standardDeviation: 0.25, seed: 9)
    let initializers: [any Initializer] = [normal, TruncatedNormal(truncating: normal)]
    for initializer in initializers {
      let saved = try savedInitializer(initializer, in: Dense(1))
      let loaded = try Configuration(className: "Dense", values: ["kernel": saved])
        .initializer("kernel")
      #expect(type(of: loaded) == type(of: initializer))
      let shape: Shape = [50]
      #expect(
        loaded(shape: shape, dtype: .float32).scalars(as: Float.self)
          == initializer(shape: shape, dtype: .float32).scalars(as: Float.self))
    }
  }
}
