import Foundation
import TensorBoardProtos

// Reading the generated TensorBoard messages (Generated/TensorBoardProtos/Protos) into Rill's types.
// SwiftProtobuf has already checked the wire format; what is checked here is what the format
// cannot say: that a tensor's shape and content agree.

extension LoggedEvent {
  /// Decodes the serialized `tensorflow.Event` in `bytes[range]`.
  ///
  /// - Throws: ``EventFileError`` (without record or offset) when the bytes are not a
  ///   well-formed `Event` or a tensor in it is inconsistent.
  init(decoding bytes: [UInt8], range: Range<Int>) throws(EventFileError) {
    try self.init(MessageCoding.decode(Tensorflow_Event.self, from: bytes, range: range))
  }

  /// The event that a decoded `tensorflow.Event` holds.
  ///
  /// - Throws: ``EventFileError`` when a tensor in it is inconsistent.
  init(_ message: Tensorflow_Event) throws(EventFileError) {
    let content: Content
    switch message.what {
    case .fileVersion(let version): content = .fileVersion(version)
    case .graphDef(let graph): content = .graphDef([UInt8](graph))
    case .summary(let summary):
      var values: [LoggedValue] = []
      for value in summary.value { values.append(try LoggedValue(value)) }
      content = .summary(values)
    case .logMessage: content = .other(field: 6)
    case .sessionLog: content = .other(field: 7)
    case .taggedRunMetadata: content = .other(field: 8)
    case .metaGraphDef: content = .other(field: 9)
    case nil: content = .none
    }
    self.init(wallTime: message.wallTime, step: message.step, content: content)
  }
}

extension LoggedValue {
  /// The value that a decoded `Summary.Value` holds; the plugin name is `nil` when the
  /// metadata names none.
  ///
  /// - Throws: ``EventFileError`` when its tensor is inconsistent.
  init(_ message: Tensorflow_Summary.Value) throws(EventFileError) {
    let kind: Kind
    switch message.value {
    case .simpleValue(let number): kind = .scalar(number)
    case .obsoleteOldStyleHistogram: kind = .other(field: 3)
    case .image(let image):
      kind = .image(
        LoggedImage(
          height: Int(image.height), width: Int(image.width),
          channelCount: Int(image.colorspace), encoded: [UInt8](image.encodedImageString)))
    case .histo(let histogram): kind = .histogram(HistogramSummary(histogram))
    case .audio: kind = .other(field: 6)
    case .tensor(let tensor): kind = .tensor(try LoggedTensor(tensor))
    case nil: kind = .none
    }
    let plugin = message.metadata.pluginData
    self.init(
      tag: message.tag, pluginName: plugin.pluginName.isEmpty ? nil : plugin.pluginName,
      pluginContent: [UInt8](plugin.content), kind: kind)
  }
}
