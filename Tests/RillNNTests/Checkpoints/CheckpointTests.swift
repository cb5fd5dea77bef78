import Foundation
import RillCore
import RillData
import RillNN
import RillTestSupport
import Testing

@Suite struct CheckpointTests {
  /// Values of every dtype, including rank-0 and empty tensors.
  static let values: [String: Tensor] = [
    "dense.kernel": Tensor(
      shape: [2, 3], scalars: [-1, 0.5, .nan, -0.0, 3, .infinity] as [Float]),
    "dense.bias": Tensor([1e-300, -2] as [Double]),
    "embedding.ids": Tensor(shape: [2, 2], scalars: [.min, .max, 0, 7] as [Int32]),
    "step": Tensor(Int64(123_456_789_012)),
    "pixels": Tensor([0, 128, 255] as [UInt8]),
    "mask": Tensor([true, false]),
    "empty": Tensor(shape: [0, 4], scalars: [] as [Float]),
  ]

  /// Variables shaped like ``values`` but holding other numbers (zeros and false).
  static func freshVariables() -> [String: Variable] {
    values.mapValues { Variable(Tensor.zeros(shape: $0.shape, dtype: $0.dtype), trainable: false) }
  }

  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-checkpoint-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func testSaveAndRestoreEveryDTypeByName() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("model.safetensors")
    let saved = Self.values.mapValues { Variable($0, trainable: false) }
    try Checkpoint(saved).save(to: url, metadata: ["epoch": "4"])
    let restored = Self.freshVariables()
    let metadata = try Checkpoint(restored).restore(from: url)
    #expect(metadata == ["epoch": "4"])
    for (name, value) in Self.values {
      assertIdentical(try #require(restored[name]), value, name)
    }
    // The file is plain safetensors, keyed by the checkpoint's names.
    #expect(Set(try Safetensors.read(contentsOf: url).tensors.keys) == Set(Self.values.keys))
  }

  @Test func testVariablesAreKeyedByTheirNamesOrExplicitKeys() throws {
    let w = Variable(Tensor([1, 2] as [Float]), name: "w")
    let b = Variable(Tensor([3] as [Float]), name: "b")
    var checkpoint = Checkpoint([w, b])
    #expect(Set(checkpoint.variables.keys) == ["w", "b"])
    checkpoint.add(["extra/step": Variable(Tensor(Int64(5)), trainable: false)])
    #expect(Set(checkpoint.variables.keys) == ["w", "b", "extra/step"])
    try checkpoint.restore(from: [
      "w": Tensor([5, 6] as [Float]), "b": Tensor([7] as [Float]), "extra/step": Tensor(Int64(9)),
    ])
    assertIdentical(w, Tensor([5, 6] as [Float]))
    assertIdentical(b, Tensor([7] as [Float]))
  }

  @Test func testRestoreListsEveryProblemAndChangesNoVariable() throws {
    let fits = Variable(Tensor([1, 2] as [Float]), name: "fits")
    let wrongShape = Variable(Tensor([1, 2, 3, 4] as [Float]), name: "wrongShape")
    let wrongDType = Variable(Tensor([1, 2] as [Int32]), name: "wrongDType")
    let missing = Variable(Tensor([1] as [Float]), name: "missing")
    let checkpoint = Checkpoint([fits, wrongShape, wrongDType, missing])
    let tensors: [String: Tensor] = [
      "fits": Tensor([9, 9] as [Float]),
      "wrongShape": Tensor([9, 9, 9] as [Float]),
      "wrongDType": Tensor([9, 9] as [Float]),
      "zUnexpected": Tensor([9] as [Float]),
      "aUnexpected": Tensor([9] as [Float]),
    ]
    let expected = CheckpointError(
      .variablesDoNotMatch(
        missing: ["missing"], unexpected: ["aUnexpected", "zUnexpected"],
        mismatched: [
          .init(
            name: "wrongDType", expected: TensorSpec(dtype: .int32, shape: [2]),
            found: TensorSpec(dtype: .float32, shape: [2])),
          .init(
            name: "wrongShape", expected: TensorSpec(dtype: .float32, shape: [4]),
            found: TensorSpec(dtype: .float32, shape: [3])),
        ]))
    #expect(throws: expected) { try checkpoint.restore(from: tensors) }
    #expect(
      expected.description
        == "checkpoint does not fit the variables: missing missing; unexpected aUnexpected, "
        + "zUnexpected; wrongDType is float32[2] in the file but int32[2] here; wrongShape is "
        + "float32[3] in the file but float32[4] here")
    // Nothing was assigned, not even the variable that fitted.
    assertIdentical(fits, Tensor([1, 2] as [Float]))
    assertIdentical(wrongShape, Tensor([1, 2, 3, 4] as [Float]))
  }

  @Test func testErrorsFromAFileNameTheFile() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("other.safetensors")
    try Safetensors.write(["w": Tensor([1] as [Float])], to: url)
    let v = Variable(Tensor([0, 0] as [Float]), name: "v")
    do {
      try Checkpoint([v]).restore(from: url)
      Issue.record("a checkpoint of other variables was restored")
    } catch let error as CheckpointError {
      #expect(error.path == url.path)
      #expect(error.description.hasPrefix("checkpoint \(url.path) does not fit the variables"))
    }
    // A damaged file is a SafetensorsError, and changes nothing either.
    var data = try Data(contentsOf: url)
    data.removeLast()
    try data.write(to: url)
    #expect(throws: SafetensorsError.self) { try Checkpoint([v]).restore(from: url) }
    let missing = directory.appendingPathComponent("missing.safetensors")
    #expect(throws: SafetensorsError.self) { try Checkpoint([v]).restore(from: missing) }
    assertIdentical(v, Tensor([0, 0] as [Float]))
  }

  @Test func testRestoresFromNPZArrays() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("weights.npz")
    try NPZ.write(Self.values, to: url, compressed: true)
    let restored = Self.freshVariables()
    try Checkpoint(restored).restore(from: try NPZ.read(contentsOf: url))
    for (name, value) in Self.values {
      assertIdentical(try #require(restored[name]), value, name)
    }
  }

  @Test func testAFailedSaveLeavesThePreviousCheckpoint() throws {
    let directory = try Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let url = directory.appendingPathComponent("model.safetensors")
    let w = Variable(Tensor([1, 2] as [Float]), name: "w")
    try Checkpoint([w]).save(to: url)
    let good = try Data(contentsOf: url)
    w.assign(Tensor([3, 4] as [Float]))
    let reserved = Variable(Tensor([0] as [Float]), name: "__metadata__")
    #expect(throws: SafetensorsError.self) { try Checkpoint([w, reserved]).save(to: url) }
    #expect(try Data(contentsOf: url) == good)
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.safetensors"])
  }
}
