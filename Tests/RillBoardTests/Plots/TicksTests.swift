import Testing

@testable import RillBoard

/// Tick positions and labels, worked by hand from the 1–2–2.5–5 rule.
@Suite struct TicksTests {
  @Test func unitIntervalGetsTenthsInSteps() {
    // span 1 / 5 targets = 0.2 → step 0.2.
    let ticks = Ticks(from: 0, to: 1, targetCount: 5)
    #expect(ticks.step == 0.2)
    #expect(ticks.labels == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(ticks.values.last == 1.0)
  }

  @Test func quarterStepsNeedTwoDecimals() {
    // span 10 / 4 = 2.5 → step 2.5, labels with one decimal.
    let ticks = Ticks(from: 0, to: 10, targetCount: 4)
    #expect(ticks.values == [0, 2.5, 5, 7.5, 10])
    #expect(ticks.labels == ["0.0", "2.5", "5.0", "7.5", "10.0"])
    #expect(
      Ticks(from: 0.2, to: 1.6, targetCount: 6).labels == [
        "0.25", "0.50", "0.75", "1.00", "1.25", "1.50",
      ])
  }

  @Test func ticksStayInsideTheRangeAndAvoidMinusZero() {
    // imshow of 28 pixels: -0.5…27.5, 27.5+0.5 = 28 / 5 = 5.6 → step 10.
    #expect(Ticks(from: -0.5, to: 27.5, targetCount: 5).labels == ["0", "10", "20"])
    #expect(
      Ticks(from: -1.05, to: 1.05, targetCount: 5).labels == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
  }

  @Test func tinyAndHugeValuesUseExponents() {
    #expect(
      Ticks(from: 0, to: 0.0004, targetCount: 4).labels == ["0", "1e-4", "2e-4", "3e-4", "4e-4"])
    #expect(Ticks(from: 0, to: 3e6, targetCount: 3).labels == ["0", "1e6", "2e6", "3e6"])
  }

  @Test func degenerateRangeGivesOneTick() {
    #expect(Ticks(from: 3, to: 3, targetCount: 5).values == [3])
  }
}
