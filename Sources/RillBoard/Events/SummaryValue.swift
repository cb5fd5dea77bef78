import Foundation
import TensorBoardProtos

/// One tagged value of a summary: TensorFlow's `tensorflow.Summary.Value` message, as Rill
/// writes it.
///
/// The value is one of `simple_value`, `image`, `histo` or `tensor` (see
/// `Generated/TensorBoardProtos/Protos/summary.proto`), with `metadata` naming the TensorBoard plugin for
/// tensors.
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

  /// The value as the generated `Summary.Value` message.
  var message: Tensorflow_Summary.Value {
    var value = Tensorflow_Summary.Value()
    value.tag = tag
    switch self {
    case .scalar(_, let number):
      value.simpleValue = number
    case .image(_, let image):
      value.image.height = Int32(image.height)
      value.image.width = Int32(image.width)
      value.image.colorspace = Int32(image.format.channelCount)
      value.image.encodedImageString = Data(image.pngData())
    case .histogram(_, let histogram):
      value.histo = histogram.message
    case .text(_, let text):
      // A rank-0 DT_STRING tensor (its empty shape written out, as TensorFlow writes it) for the
      // text plugin, whose TextPluginData at version 0 serializes to no bytes.
      value.tensor.dtype = .dtString
      value.tensor.tensorShape = Tensorflow_TensorShapeProto()
      value.tensor.stringVal = [Data(text.utf8)]
      value.metadata.pluginData.pluginName = "text"
    }
    return value
  }
}
