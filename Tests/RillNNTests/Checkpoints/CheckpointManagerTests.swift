import Foundation
import RillCore
import RillData
import RillNN
import RillTestSupport
import Testing

@Suite struct CheckpointManagerTests {
  @Test func testKeepsTheLastCheckpointsAndLeavesOtherFilesAlone() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let step = Variable(Tensor(Int64(0)), name: "step", trainable: false)
    let manager = try CheckpointManager(Checkpoint([step]), directory: directory, maxToKeep: 3)
    let others = ["notes.txt", "ckpt-007.safetensors", "ckpt-x.safetensors", "model.safetensors"]
    for name in others {
      try Data("keep".utf8).write(to: directory.appendingPathComponent(name))
    }
    for value in [1, 2, 10, 3, 20] {
      step.assign(Tensor(Int64(value)))
      let url = try manager.save(step: value)
      #expect(url.lastPathComponent == "ckpt-\(value).safetensors")
    }
    #expect(try manager.checkpoints().map(\.step) == [3, 10, 20])
    #expect(try manager.latestCheckpoint() == manager.url(forStep: 20))
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(
      names
        == (others + ["ckpt-3.safetensors", "ckpt-10.safetensors", "ckpt-20.safetensors"]).sorted())
    // Each kept file holds the value saved with it.
    let tensors = try Safetensors.read(contentsOf: manager.url(forStep: 10)).tensors
    assertIdentical(try #require(tensors["step"]), Tensor(Int64(10)))
  }

  @Test func testKeepsEveryCheckpointWithoutALimit() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let w = Variable(Tensor([1] as [Float]), name: "w")
    let manager = try CheckpointManager(Checkpoint([w]), directory: directory, maxToKeep: nil)
    for step in 0..<7 { try manager.save(step: step) }
    #expect(try manager.checkpoints().map(\.step) == Array(0..<7))
  }

  @Test func testRestoreLatestResumesFromTheHighestStep() throws {
    let directory = try CheckpointTests.temporaryDirectory()
      .appendingPathComponent("created/by/the/manager")
    defer { try? FileManager.default.removeItem(at: directory) }
    let w = Variable(Tensor([1, 2] as [Float]), name: "w")
    let manager = try CheckpointManager(Checkpoint([w]), directory: directory)
    #expect(try manager.restoreLatest() == nil)
    assertIdentical(w, Tensor([1, 2] as [Float]))
    try manager.save(step: 100)
    w.assign(Tensor([3, 4] as [Float]))
    try manager.save(step: 200)
    w.assign(Tensor([5, 6] as [Float]))
    // A new run builds its variables again and picks up where the last one stopped.
    let fresh = Variable(Tensor([0, 0] as [Float]), name: "w")
    let resumed = try CheckpointManager(Checkpoint([fresh]), directory: directory)
    #expect(try resumed.restoreLatest() == 200)
    assertIdentical(fresh, Tensor([3, 4] as [Float]))
  }

  @Test func testAFailedSaveKeepsThePreviousCheckpoints() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let w = Variable(Tensor([1, 2] as [Float]), name: "w")
    let manager = try CheckpointManager(Checkpoint([w]), directory: directory, maxToKeep: 1)
    try manager.save(step: 1)
    let good = try Data(contentsOf: manager.url(forStep: 1))
    // Step 2's file cannot be written: a directory is in the way of the final rename.
    try FileManager.default.createDirectory(
      at: manager.url(forStep: 2).appendingPathComponent("inside"),
      withIntermediateDirectories: true)
    w.assign(Tensor([3, 4] as [Float]))
    #expect(throws: SafetensorsError.self) { try manager.save(step: 2) }
    #expect(try Data(contentsOf: manager.url(forStep: 1)) == good)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(names == ["ckpt-1.safetensors", "ckpt-2.safetensors"], "no temporary file is left")
    // The damaged slot aside, the latest good checkpoint still restores.
    let fresh = Variable(Tensor([0, 0] as [Float]), name: "w")
    try Checkpoint([fresh]).restore(from: manager.url(forStep: 1))
    assertIdentical(fresh, Tensor([1, 2] as [Float]))
  }

  @Test func testAnUnusableDirectoryThrows() throws {
    let directory = try CheckpointTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("file")
    try Data().write(to: file)
    let w = Variable(Tensor([1] as [Float]), name: "w")
    #expect(throws: CheckpointError.self) {
      try CheckpointManager(Checkpoint([w]), directory: file.appendingPathComponent("sub"))
    }
    let manager = try CheckpointManager(
      Checkpoint([w]), directory: directory.appendingPathComponent("gone"))
    try FileManager.default.removeItem(at: manager.directory)
    #expect(throws: CheckpointError.self) { try manager.checkpoints() }
    #expect(throws: SafetensorsError.self) { try manager.save(step: 1) }
  }
}
