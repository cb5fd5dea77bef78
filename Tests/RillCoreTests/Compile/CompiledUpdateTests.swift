import RillTestSupport
import Testing

@testable import RillCore

struct CompiledUpdateTests {
  /// A compiled function's variable updates are instructions of its plan: a call runs no eager
  /// op (the eager `assignAdd` counts as one) and gives the eager results.
  @Test func compiledUpdatesRunInsideThePlan() {
    let total = Variable([1.0, 2.0, 3.0] as Tensor, name: "total")
    let steps = Variable(Tensor.zeros(shape: [], dtype: .int64), name: "steps", trainable: false)
    let accumulate = Function { (x: Tensor) -> Tensor in
      total.assignAdd(x * 2)
      steps.assignAdd(1)
      total.assignSub(x)
      return total.value
    }
    _ = accumulate([1.0, 1.0, 1.0])  // traces
    let before = ExecutionContext.current.eagerOperationCount
    let result = accumulate([10.0, 20.0, 30.0])
    #expect(ExecutionContext.current.eagerOperationCount == before)
    // 1 + 1 + 10 = 12, 2 + 1 + 20 = 23, 3 + 1 + 30 = 34.
    #expect(result.scalars(as: Float.self) == [12, 23, 34])
    #expect(total.scalars(as: Float.self) == [12, 23, 34])
    #expect(steps.item() == 2)
  }

  /// A value read before an in-place update in the same call keeps the value it had.
  @Test func aReadBeforeAnUpdateKeepsItsValue() {
    let v = Variable([5.0] as Tensor, name: "v")
    let step = Function { () -> Tensor in
      let old = v * 1
      v.assignAdd([1.0] as Tensor)
      return old
    }
    #expect(step().scalars(as: Float.self) == [5])
    #expect(step().scalars(as: Float.self) == [6])
    #expect(v.scalars(as: Float.self) == [7])
  }
}
