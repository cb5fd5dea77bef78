import RillTestSupport
import Testing

@testable import RillCore

/// Where a session's values live: placed placeholders and variables on their device, fetches
/// in host memory.
struct SessionDeviceTests {
  @Test func feedsOfPlacedPlaceholdersAreCopiedToTheirDevice() throws {
    let sealed = SealedDevice(index: 80)
    let g = Graph()
    let x = withDevice(sealed) { g.placeholder(.float32, shape: [Shape.unknown], name: "x") }
    let y = exp(x) * 3
    let before = sealed.operationCounts
    let value = try Session(graph: g).run(y, feeding: [x: [1, 2] as Tensor])
    #expect(sealed.operationCounts["fromHost", default: 0] > before["fromHost", default: 0])
    #expect(sealed.kernelCount > 0)
    #expect(value.device === CPUDevice.shared)
    assertIdentical(value, exp(Tensor([1, 2] as [Float])) * 3)
  }

  @Test func variablesCreatedInADeviceScopeLiveThereInEverySession() throws {
    let sealed = SealedDevice(index: 81)
    let g = Graph()
    // The starting value is made on the CPU; the variable is placed by the scope.
    let start = Tensor([1, 2, 3] as [Float])
    let v = withDevice(sealed) { g.variable(start, name: "v") }
    let step = g.recordingUpdates { v.assignAdd(v * 0.5) }
    for _ in 0..<2 {
      let session = Session(graph: g)
      try session.run(g.globalVariablesInitializer())
      let id = v.graphVariableID(in: g)
      #expect(try session.value(of: id, name: "v").device === sealed)
      try session.run(step)
      #expect(try session.value(of: id, name: "v").device === sealed)
      let fetched = try session.run(v)
      #expect(fetched.device === CPUDevice.shared)
      assertIdentical(fetched, Tensor([1.5, 3, 4.5] as [Float]))
    }
  }

  @Test func unplacedGraphsRunWhereTheirFeedsLiveAndFetchToTheHost() throws {
    let sealed = SealedDevice(index: 82)
    let g = Graph()
    let x = g.placeholder(.float32, shape: [2], name: "x")
    let w = g.variable([0.5, 2] as Tensor, name: "w")
    let session = Session(graph: g)
    try session.run(g.globalVariablesInitializer())
    #expect(try session.value(of: w.graphVariableID(in: g), name: "w").device === CPUDevice.shared)
    let value = try session.run(x * w, feeding: [x: Tensor([4, 5] as [Float]).to(sealed)])
    #expect(sealed.operationCounts["binary", default: 0] == 1)
    #expect(value.device === CPUDevice.shared)
    assertIdentical(value, Tensor([2, 10] as [Float]))
  }
}
