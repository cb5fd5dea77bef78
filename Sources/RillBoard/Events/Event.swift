import Foundation
import TensorBoardProtos

/// One record of an event file: TensorFlow's `tensorflow.Event` message, as Rill writes it.
///
/// Only the members that Rill writes are modelled: `wall_time`, `step` and one of
/// `file_version`, `graph_def` or `summary` (see `Generated/TensorBoardProtos/Protos/event.proto`).
struct Event {
  /// What an event carries.
  enum Content {
    /// The format marker that starts every file, `brain.Event:2`.
    case fileVersion(String)
    /// A serialized `tensorflow.GraphDef`, shown in TensorBoard's Graphs tab.
    case graphDef([UInt8])
    /// A graph to serialize as a `tensorflow.GraphDef`.
    case graph(TensorBoardGraph)
    /// Tagged values: a `tensorflow.Summary`.
    case summary([SummaryValue])
  }

  /// Seconds since 1970, as the event's timestamp.
  var wallTime: Double
  /// The training step the event belongs to.
  var step: Int64
  /// The payload.
  var content: Content

  /// The event as the generated `tensorflow.Event` message.
  ///
  /// - Throws: ``SummaryWriterError/tooLarge(_:)`` when a graph would exceed 2 GiB.
  func message() throws(SummaryWriterError) -> Tensorflow_Event {
    var event = Tensorflow_Event()
    event.wallTime = wallTime
    event.step = step
    switch content {
    case .fileVersion(let version):
      event.fileVersion = version
    case .graphDef(let graph):
      event.graphDef = Data(graph)
    case .graph(let graph):
      event.graphDef = Data(try graph.encodedGraphDef())
    case .summary(let values):
      event.summary.value = values.map(\.message)
    }
    return event
  }

  /// The serialized `tensorflow.Event`.
  ///
  /// - Throws: ``SummaryWriterError/tooLarge(_:)`` when it would exceed 2 GiB.
  func encoded() throws(SummaryWriterError) -> [UInt8] {
    try MessageCoding.serialize(message(), what: "the event at step \(step)")
  }
}
