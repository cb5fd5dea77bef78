import Foundation
import RillCore
import RillNN
import RillTestSupport
import Testing

struct ScheduleTests {
  func rate(_ schedule: some LearningRateSchedule, at step: Double) -> Double {
    schedule(Tensor(step, dtype: .float32)).item()
  }

  @Test func exponentialDecayContinuousAndStaircase() {
    let smooth = ExponentialDecay(initialRate: 0.1, decaySteps: 100, decayRate: 0.5)
    #expect(abs(rate(smooth, at: 0) - 0.1) < 1e-7)
    #expect(abs(rate(smooth, at: 150) - 0.1 * pow(0.5, 1.5)) < 1e-7)
    let stairs = ExponentialDecay(
      initialRate: 0.1, decaySteps: 100, decayRate: 0.5, staircase: true)
    #expect(abs(rate(stairs, at: 150) - 0.05) < 1e-7)
  }

  @Test func piecewiseConstantChangesAfterEachBoundary() {
    let schedule = PiecewiseConstantDecay(boundaries: [10, 20], values: [1, 0.5, 0.1])
    #expect(rate(schedule, at: 0) == 1 && rate(schedule, at: 10) == 1)
    #expect(rate(schedule, at: 11) == 0.5 && rate(schedule, at: 20) == 0.5)
    #expect(abs(rate(schedule, at: 21) - 0.1) < 1e-7)
  }

  @Test func cosineDecayFallsToAlphaWithOptionalWarmup() {
    let schedule = CosineDecay(initialRate: 1, decaySteps: 100, alpha: 0.1)
    #expect(abs(rate(schedule, at: 0) - 1) < 1e-6)
    #expect(abs(rate(schedule, at: 50) - 0.55) < 1e-6)  // (1 − α)(1 + cos π/2)/2 + α
    #expect(abs(rate(schedule, at: 100) - 0.1) < 1e-6)
    #expect(abs(rate(schedule, at: 500) - 0.1) < 1e-6)
    let warm = CosineDecay(initialRate: 0, decaySteps: 10, warmupTarget: 2, warmupSteps: 4)
    #expect(abs(rate(warm, at: 2) - 1) < 1e-6)
    #expect(abs(rate(warm, at: 4) - 2) < 1e-6)
  }

  @Test func optimizersFollowTheirSchedule() {
    let w = Variable(0.0)
    let optimizer = SGD(learningRate: 0)
    optimizer.schedule = PiecewiseConstantDecay(boundaries: [0], values: [1, 0.5])
    optimizer.apply(gradients: [Tensor(1.0, dtype: .float32)], to: [w])  // step 0: rate 1
    optimizer.apply(gradients: [Tensor(1.0, dtype: .float32)], to: [w])  // step 1: rate 0.5
    #expect(w.item() == -1.5)
  }
}
