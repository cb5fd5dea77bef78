/// One tagged value of a summary: TensorFlow's `tensorflow.Summary.Value` message.
///
/// The fields are those of `tensorflow/core/framework/summary.proto`: `tag` (1) and one of
/// `simple_value` (2), `image` (4), `histo` (5) or `tensor` (8), with `metadata` (9) naming the
/// TensorBoard plugin for tensors.
enum SummaryValue {
  /// A number for the Scalars tab.
  case scalar(tag: String, value: Float)
  /// A picture for the Images tab.
  case image(tag: String, RasterImage)
  /// A distribution for the Histograms and Distributions tabs.
  case histogram(tag: String, HistogramSummary)
  /// A string for the Text tab (rendered as Markdown).
  case text(tag: String, String)

  /// The tag under which TensorBoard files the value.
  var tag: String {
    switch self {
    case .scalar(let tag, _), .image(let tag, _), .histogram(let tag, _), .text(let tag, _):
      return tag
    }
  }

  /// Writes the `Summary.Value` fields into `message`.
  func encode(into message: inout ProtobufEncoder) {
    message.appendString(tag, field: 1)
    switch self {
    case .scalar(_, let value):
      message.appendFloat(value, field: 2)
    case .image(_, let image):
      // Summary.Image: height (1), width (2), colorspace (3: the channel count), PNG bytes (4).
      message.appendMessage(field: 4) { proto in
        proto.appendInt32(Int32(image.height), field: 1)
        proto.appendInt32(Int32(image.width), field: 2)
        proto.appendInt32(Int32(image.format.channelCount), field: 3)
        proto.appendBytes(image.pngData(), field: 4)
      }
    case .histogram(_, let histogram):
      message.appendMessage(field: 5) { histogram.encode(into: &$0) }
    case .text(_, let text):
      // A rank-0 DT_STRING TensorProto: dtype (1) = 7, an empty tensor_shape (2), string_val (8).
      message.appendMessage(field: 8) { tensor in
        tensor.appendInt32(7, field: 1)
        tensor.appendMessage(field: 2) { _ in }
        tensor.appendString(text, field: 8)
      }
      // SummaryMetadata.plugin_data (1) with plugin_name (1) "text"; the text plugin's
      // TextPluginData at version 0 serializes to no bytes, so `content` is left out.
      message.appendMessage(field: 9) { metadata in
        metadata.appendMessage(field: 1) { $0.appendString("text", field: 1) }
      }
    }
  }
}
