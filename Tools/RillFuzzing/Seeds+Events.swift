import Foundation
import RillBoard
import RillCore

extension Seeds {
  /// Event files written by Rill's `SummaryWriter`: scalars, text, a histogram, an image and a
  /// graph, so that every kind of record the reader decodes is mutated.
  static func events() throws -> [Data] {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("rill-fuzz-events-\(getpid())")
    defer { try? FileManager.default.removeItem(at: directory) }
    let writer = try SummaryWriter(logdir: directory.path)
    for step in 0..<3 {
      writer.scalar("loss", 1.0 / Double(step + 1), step: step)
      writer.scalar("steps", step, step: step)
    }
    writer.text("note", "fuzzing seed", step: 0)
    writer.histogram(
      "weights", Tensor(shape: [6], scalars: [-1, 0, 0.5, 2, 2, 9] as [Float]), step: 1)
    writer.image(
      "digit", Tensor(shape: [2, 2, 1], scalars: [0, 0.25, 0.5, 1] as [Float]), step: 2)
    writer.graph(
      TensorBoardGraph(nodes: [
        TensorBoardGraph.Node(name: "x", op: "Placeholder"),
        TensorBoardGraph.Node(name: "y", op: "Relu", inputs: ["x"]),
      ]))
    try writer.close()
    return [try Data(contentsOf: URL(fileURLWithPath: writer.path))]
  }
}
