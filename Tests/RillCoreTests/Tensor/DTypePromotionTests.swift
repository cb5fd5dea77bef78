import RillTestSupport
import Testing

@testable import RillCore

struct DTypePromotionTests {
  @Test func tensorsOfDifferentDTypesMeetOnTheLattice() {
    #expect(DType.uint8.promoted(with: .int32) == .int32)
    #expect(DType.int64.promoted(with: .float32) == .float32)
    #expect(DType.float32.promoted(with: .float64) == .float64)
    #expect(DType.bool.promoted(with: .uint8) == .uint8)
    let sum = Tensor([1, 2] as [Int32]) + Tensor([0.5, 0.5] as [Float])
    #expect(sum.dtype == .float32 && sum.scalars(as: Float.self) == [1.5, 2.5])
  }

  @Test func swiftNumbersTakeTheTensorsDType() {
    let pixels = Tensor([250, 3] as [UInt8])
    #expect((pixels + 10).dtype == .uint8)
    #expect((pixels + 10).scalars(as: UInt8.self) == [4, 13])  // uint8 arithmetic wraps
    let doubles = Tensor([0.1] as [Double])
    #expect((doubles - 0.1).scalars(as: Double.self) == [0])  // 0.1 is converted exactly once
    let half = 0.5
    #expect((Tensor([1, 2] as [Int32]) * half).dtype == .float32)
    #expect((Tensor([1, 2] as [Int64]) * 3).dtype == .int64)
    #expect((2 * Tensor([1] as [Double])).dtype == .float64)
  }

  @Test func divisionIsTrueDivision() {
    let quotient = Tensor([7, 8] as [Int32]) / 2
    #expect(quotient.dtype == .float32 && quotient.scalars(as: Float.self) == [3.5, 4])
    #expect(floorDivide(Tensor([7, -7] as [Int32]), 2).scalars(as: Int.self) == [3, -4])
    #expect(floorDivide(Tensor([7.5] as [Float]), 2).scalars(as: Float.self) == [3])
    let pixels = Tensor([255, 0] as [UInt8]) / 255
    #expect(pixels.dtype == .float32 && pixels.scalars(as: Float.self) == [1, 0])
  }

  @Test func realFunctionsConvertIntegersToFloat32() {
    #expect(sqrt(Tensor([4, 9] as [Int32])).scalars(as: Float.self) == [2, 3])
    #expect(Tensor([1, 2] as [Int32]).mean().dtype == .float32)
    #expect(abs(Tensor([-3] as [Int32])).dtype == .int32)
  }

  @Test func castFollowsTensorFlowsRules() {
    let x: Tensor = [-1.7, 2.9, 300]
    #expect(x.cast(to: .int32).scalars(as: Int32.self) == [-1, 2, 300])
    #expect(Tensor([300, -1] as [Int32]).cast(to: .uint8).scalars(as: UInt8.self) == [44, 255])
    #expect(Tensor([0, 2] as [Int32]).cast(to: .bool).scalars(as: Bool.self) == [false, true])
    #expect(Tensor([true, false]).cast(to: .float64).scalars(as: Double.self) == [1, 0])
  }

  @Test func comparisonsGiveBoolsAndLogicCombinesThem() {
    let x: Tensor = [1, 5, 3]
    #expect((x .> 2).scalars(as: Bool.self) == [false, true, true])
    #expect((x .== [1, 0, 3]).scalars(as: Bool.self) == [true, false, true])
    let mask = logicalAnd(x .>= 2, logicalNot(x .== 5))
    #expect(mask.scalars(as: Bool.self) == [false, false, true])
    #expect(logicalOr(x .< 2, x .!= 3).scalars(as: Bool.self) == [true, true, false])
    #expect(Tensor.where(x .> 2, x, -x).scalars(as: Int.self) == [-1, 5, 3])
  }
}
