/// One record of an event file: TensorFlow's `tensorflow.Event` message.
///
/// Only the fields that TensorBoard reads are modelled (`tensorflow/core/util/event.proto`):
/// `wall_time` (1), `step` (2) and one of `file_version` (3), `graph_def` (4) or `summary` (5).
struct Event {
  /// What an event carries.
  enum Content {
    /// The format marker that starts every file, `brain.Event:2`.
    case fileVersion(String)
    /// A serialized `tensorflow.GraphDef`, shown in TensorBoard's Graphs tab.
    case graphDef([UInt8])
    /// Tagged values: a `tensorflow.Summary`.
    case summary([SummaryValue])
  }

  /// Seconds since 1970, as the event's timestamp.
  var wallTime: Double
  /// The training step the event belongs to.
  var step: Int64
  /// The payload.
  var content: Content

  /// The serialized `tensorflow.Event`.
  func encoded() -> [UInt8] {
    var message = ProtobufEncoder()
    message.appendDouble(wallTime, field: 1)
    if step != 0 { message.appendInt64(step, field: 2) }
    switch content {
    case .fileVersion(let version):
      message.appendString(version, field: 3)
    case .graphDef(let graph):
      message.appendBytes(graph, field: 4)
    case .summary(let values):
      message.appendMessage(field: 5) { summary in
        for value in values {
          summary.appendMessage(field: 1) { value.encode(into: &$0) }
        }
      }
    }
    return message.bytes
  }
}
