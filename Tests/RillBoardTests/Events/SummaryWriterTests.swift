import Foundation
import RillCore
import Testing

@testable import RillBoard

/// Event files written by ``SummaryWriter`` and read back with TensorBoard's own readers.
@Suite struct SummaryWriterTests {
  private let largest = Double.greatestFiniteMagnitude

  /// Values for a histogram compared with the reference implementation in read_events.py.
  private let spread: [Double] = (0..<500).map { index in
    let x = Double(index)
    return sin(x * 0.37) * exp(x / 120) - (index % 7 == 0 ? 1e-6 * x : 0)
  }

  @Test func tensorBoardReadsEverySummaryKind() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let writer = try SummaryWriter(logdir: directory.file("run"))
    writer.scalar("loss", 0.5, step: 1)
    writer.scalar("loss", 0.25, step: 2)
    writer.scalar("loss", Tensor(Float(0.125)), step: 3)
    writer.scalar("zero", 0, step: 0)
    writer.scalar("bad", .nan, step: 1)
    writer.scalar("bad", .infinity, step: 2)
    writer.scalar("bad", -.infinity, step: 3)
    writer.image("digit", Tensor(shape: [5, 3], scalars: (0..<15).map { Float($0) / 14 }), step: 7)
    writer.image(
      "rgb", Tensor(shape: [2, 4, 3], scalars: (0..<24).map { UInt8($0 * 10) }), step: 8)
    let weights = Tensor(shape: [10, 6, 4, 1], scalars: (0..<240).map { Float($0 % 17) - 8 })
    writer.images("weights", weights, step: 9, maxOutputs: 10, scaling: .perImage)
    writer.images("first", weights, step: 9)
    writer.imageGrid(
      "grid", ImageGrid(weights, columns: 5, scale: 1, spacing: 1, scaling: .perImage), step: 9)
    writer.histogram("h", [0.5, 1.0, 2.0, -3.0], step: 4)
    writer.histogram("h", Tensor(spread.map { Float($0) }), step: 5)
    writer.histogram("empty", [], step: 6)
    writer.histogram("nonfinite", [1.0, .nan, .infinity], step: 6)
    writer.text("notes", "**bold** and `code`, ünïcode", step: 10)
    writer.graph(
      TensorBoardGraph(nodes: [
        .init(name: "x", op: "Placeholder", attributes: ["dtype": .dtype(.float32)]),
        .init(name: "dense/kernel", op: "VariableV2", attributes: ["shape": .shape([4, 2])]),
        .init(name: "dense/MatMul", op: "MatMul", inputs: ["x", "dense/kernel"]),
      ]))
    try writer.close()

    let spreadAsFloat = spread.map { Double(Float($0)) }
    let dump = try EventDump.read(directory.file("run"), histogramInputs: ["spread": spreadAsFloat])

    // One file named events.out.tfevents.<10-digit seconds>.<host>, all records well framed.
    #expect(dump.files.count == 1)
    let name = dump.files.first ?? ""
    #expect(
      name.range(of: #"^events\.out\.tfevents\.[0-9]{10}\..+$"#, options: .regularExpression) != nil
    )
    #expect(dump.records == [dump.events.count])
    #expect(dump.events.count == 19)
    #expect(dump.events.first?.what == "file_version")
    #expect(dump.file_version == "brain.Event:2")
    #expect(dump.events.allSatisfy { abs($0.wall_time - Date().timeIntervalSince1970) < 600 })

    #expect(dump.scalarPoints("loss").map(\.0) == [1, 2, 3])
    #expect(dump.scalarPoints("loss").map(\.1) == [0.5, 0.25, 0.125])
    #expect(dump.scalarPoints("zero").map(\.1) == [0])
    let bad = dump.scalarPoints("bad").map(\.1)
    #expect(bad.count == 3 && bad[0].isNaN && bad[1] == .infinity && bad[2] == -.infinity)

    let digit = dump.images["digit"]?.first
    #expect(digit?.step == 7)
    #expect(
      digit?.width == 3 && digit?.height == 5 && digit?.png_width == 3 && digit?.png_height == 5)
    #expect(dump.images["rgb"]?.first.map { [$0.width, $0.height] } == [4, 2])
    for index in 0..<10 {
      let image = dump.images["weights/image/\(index)"]?.first
      #expect(
        image.map { [$0.step, $0.width, $0.height, $0.png_width, $0.png_height] } == [
          9, 4, 6, 4, 6,
        ])
    }
    #expect(
      dump.images.keys.filter { $0.hasPrefix("first/") }.sorted() == [
        "first/image/0", "first/image/1", "first/image/2",
      ])
    // Five 4×6 cells per row with a 1-pixel gap: 5·4 + 6 = 26 wide, 2·6 + 3 = 15 tall.
    #expect(
      dump.images["grid"]?.first.map { [$0.width, $0.height, $0.png_width, $0.png_height] } == [
        26, 15, 26, 15,
      ])

    let histograms = dump.histograms["h"] ?? []
    #expect(histograms.map(\.step) == [4, 5])
    // tf.compat.v1.summary.histogram of [0.5, 1, 2, -3].
    #expect(histograms.first?.bucket.map(EventDump.number) == [0, 1, 0, 1, 0, 1, 0, 1, 0])
    #expect(histograms.first?.bucket_limit.map(EventDump.number).last == largest)
    #expect(histograms.first?.bucket_limit.map(EventDump.number).first == -3.1665833053880363)
    #expect(
      histograms.first.map { [$0.min, $0.max, $0.num, $0.sum, $0.sum_squares] } == [
        "-3.0", "2.0", "4.0", "0.5", "14.25",
      ])
    #expect(
      histograms.count == 2
        && histograms[1].numbers == dump.reference_histograms?["spread"]?.numbers)
    let empty = dump.histograms["empty"]?.first
    #expect(
      empty.map { [$0.min, $0.max, $0.num].map(EventDump.number) } == [largest, -largest, 0])
    #expect(empty?.bucket_limit.map(EventDump.number) == [largest])
    #expect(dump.histograms["nonfinite"]?.first?.num == "1.0")

    #expect(dump.texts["notes"]?.first?[1].string == "**bold** and `code`, ünïcode")
    #expect(dump.text_plugin_tags == ["notes"])

    #expect(dump.graph.map(\.name) == ["x", "dense/kernel", "dense/MatMul"])
    #expect(dump.graph.map(\.op) == ["Placeholder", "VariableV2", "MatMul"])
    #expect(dump.graph.last?.inputs == ["x", "dense/kernel"])
    #expect(dump.graph.first?.attributes == ["dtype"])

    // What TensorBoard's dashboards (the plugin accumulator) list under each tab.
    #expect(Set(dump.plugin_tags["scalars"] ?? []) == ["loss", "zero", "bad"])
    #expect(
      Set(dump.plugin_tags["images"] ?? []).isSuperset(of: [
        "digit", "rgb", "grid", "weights/image/9",
      ]))
    #expect(Set(dump.plugin_tags["histograms"] ?? []) == ["h", "empty", "nonfinite"])
    #expect(dump.plugin_tags["text"] == ["notes"])
  }

  @Test func loggedEventsAreInTheFileBeforeCloseOrFlush() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let writer = try SummaryWriter(logdir: directory.path)
    for step in 0..<5 { writer.scalar("loss", Double(step) / 10, step: step) }
    // Read while the writer is still open, as after a crash: every record is whole.
    let dump = try EventDump.read(directory.path)
    #expect(dump.records == [6])
    #expect(dump.scalarPoints("loss").map(\.0) == [0, 1, 2, 3, 4])
    try writer.flush()
    try writer.close()
  }

  @Test func twoWritersInOneDirectoryUseTwoFiles() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let first = try SummaryWriter(logdir: directory.path)
    let second = try SummaryWriter(logdir: directory.path)
    #expect(first.path != second.path)
    first.scalar("a", 1, step: 1)
    second.scalar("b", 2, step: 1)
    try first.close()
    try second.close()
    #expect(try directory.contents().count == 2)
  }

  @Test func droppedWriterClosesItsFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    do {
      let writer = try SummaryWriter(logdir: directory.path, filenameSuffix: ".dropped")
      writer.text("note", "written before deinit", step: 1)
    }
    let names = try directory.contents()
    #expect(names.count == 1 && names[0].hasSuffix(".dropped"))
    let dump = try EventDump.read(directory.path)
    #expect(dump.texts["note"]?.first?[1].string == "written before deinit")
  }

  @Test func logdirUnderAFileIsATypedError() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.file("plain-file")
    _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
    #expect {
      try SummaryWriter(logdir: file + "/logs")
    } throws: { error in
      guard case .cannotCreateLogdir(let path, let reason)? = error as? SummaryWriterError else {
        return false
      }
      return path == file + "/logs" && !reason.isEmpty
    }
    #expect(try directory.contents() == ["plain-file"])
  }

  @Test func logdirThatIsAFileIsATypedError() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.file("plain-file")
    _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
    #expect(throws: SummaryWriterError.self) { try SummaryWriter(logdir: file) }
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
  }

  @Test func errorsDescribeWhatFailedAndWhere() {
    let error = SummaryWriterError.cannotCreateLogdir(path: "/proc/logs", reason: "No such file")
    #expect(error.description == "cannot create log directory /proc/logs: No such file")
  }
}
