// Decoding of the TensorBoard messages, with the field numbers of TensorFlow's
// `core/util/event.proto`, `core/framework/summary.proto`, `tensor.proto` and
// `tensor_shape.proto`. Unknown fields are skipped, as every protobuf reader does; a known field
// with the wrong wire type is an error.

extension LoggedEvent {
  /// Decodes a serialized `tensorflow.Event`.
  ///
  /// - Throws: ``ProtobufDecodingError`` when the message or a nested one is malformed.
  init(decoding message: ProtobufDecoder) throws(ProtobufDecodingError) {
    var message = message
    self.init(wallTime: 0, step: 0, content: .none)
    while let field = try message.next() {
      switch (field.number, field.value) {
      case (1, .fixed64(let bits)): wallTime = Double(bitPattern: bits)
      case (2, .varint(let value)): step = Int64(bitPattern: value)
      case (3, .lengthDelimited(let range)):
        content = .fileVersion(try message.string(range, field: "file_version"))
      case (4, .lengthDelimited(let range)): content = .graphDef(message.bytes(range))
      case (5, .lengthDelimited(let range)):
        content = .summary(try LoggedValue.values(decoding: message.message(range)))
      case (6...9, .lengthDelimited): content = .other(field: field.number)
      case (10, .lengthDelimited): break  // source_metadata, beside the content
      case (1...10, _): throw wrongWireType(field, in: "Event")
      default: break
      }
    }
  }
}

extension LoggedValue {
  /// Decodes the values of a serialized `tensorflow.Summary` (its repeated field 1).
  static func values(decoding message: ProtobufDecoder) throws(ProtobufDecodingError)
    -> [LoggedValue]
  {
    var message = message
    var values: [LoggedValue] = []
    while let field = try message.next() {
      switch (field.number, field.value) {
      case (1, .lengthDelimited(let range)):
        values.append(try LoggedValue(decoding: message.message(range)))
      case (1, _): throw wrongWireType(field, in: "Summary")
      default: break
      }
    }
    return values
  }

  /// Decodes a serialized `Summary.Value`.
  init(decoding message: ProtobufDecoder) throws(ProtobufDecodingError) {
    var message = message
    self.init(tag: "", kind: .none)
    while let field = try message.next() {
      switch (field.number, field.value) {
      case (1, .lengthDelimited(let range)): tag = try message.string(range, field: "tag")
      case (2, .fixed32(let bits)): kind = .scalar(Float(bitPattern: bits))
      case (4, .lengthDelimited(let range)):
        kind = .image(try LoggedImage(decoding: message.message(range)))
      case (5, .lengthDelimited(let range)):
        kind = .histogram(try HistogramSummary(decoding: message.message(range)))
      case (8, .lengthDelimited(let range)):
        kind = .tensor(try LoggedTensor(decoding: message.message(range)))
      case (3, .lengthDelimited), (6, .lengthDelimited): kind = .other(field: field.number)
      case (7, .lengthDelimited): break  // node_name, a TensorFlow 1 leftover
      case (9, .lengthDelimited(let range)): try decodeMetadata(message.message(range))
      case (1...9, _): throw wrongWireType(field, in: "Summary.Value")
      default: break
      }
    }
  }

  /// Reads the plugin name and content from a `SummaryMetadata` (`plugin_data`, field 1).
  private mutating func decodeMetadata(_ metadata: ProtobufDecoder) throws(ProtobufDecodingError) {
    var metadata = metadata
    while let field = try metadata.next() {
      guard field.number == 1 else { continue }
      guard case .lengthDelimited(let range) = field.value else {
        throw wrongWireType(field, in: "SummaryMetadata")
      }
      var plugin = metadata.message(range)
      while let pluginField = try plugin.next() {
        switch (pluginField.number, pluginField.value) {
        case (1, .lengthDelimited(let name)):
          pluginName = try plugin.string(name, field: "plugin_name")
        case (2, .lengthDelimited(let content)): pluginContent = plugin.bytes(content)
        case (1...2, _): throw wrongWireType(pluginField, in: "PluginData")
        default: break
        }
      }
    }
  }
}

extension LoggedImage {
  /// Decodes a serialized `Summary.Image`.
  init(decoding message: ProtobufDecoder) throws(ProtobufDecodingError) {
    var message = message
    self.init(height: 0, width: 0, channelCount: 0, encoded: [])
    while let field = try message.next() {
      switch (field.number, field.value) {
      case (1, .varint(let value)): height = Int(Int32(truncatingIfNeeded: value))
      case (2, .varint(let value)): width = Int(Int32(truncatingIfNeeded: value))
      case (3, .varint(let value)): channelCount = Int(Int32(truncatingIfNeeded: value))
      case (4, .lengthDelimited(let range)): encoded = message.bytes(range)
      case (1...4, _): throw wrongWireType(field, in: "Summary.Image")
      default: break
      }
    }
  }
}

extension HistogramSummary {
  /// Decodes a serialized `HistogramProto`; repeated fields may be packed or not.
  init(decoding message: ProtobufDecoder) throws(ProtobufDecodingError) {
    var message = message
    var statistics = [Double](repeating: 0, count: 5)
    var limits: [Double] = []
    var counts: [Double] = []
    while let field = try message.next() {
      switch (field.number, field.value) {
      case (1...5, .fixed64(let bits)): statistics[field.number - 1] = Double(bitPattern: bits)
      case (6, .fixed64(let bits)): limits.append(Double(bitPattern: bits))
      case (7, .fixed64(let bits)): counts.append(Double(bitPattern: bits))
      case (6, .lengthDelimited(let range)):
        limits += try message.packedFixed(range, size: 8, field: "bucket_limit").map {
          Double(bitPattern: $0)
        }
      case (7, .lengthDelimited(let range)):
        counts += try message.packedFixed(range, size: 8, field: "bucket").map {
          Double(bitPattern: $0)
        }
      case (1...7, _): throw wrongWireType(field, in: "HistogramProto")
      default: break
      }
    }
    self.init(
      min: statistics[0], max: statistics[1], count: statistics[2], sum: statistics[3],
      sumOfSquares: statistics[4], bucketLimits: limits, bucketCounts: counts)
  }
}

/// The error for a known field that arrived with another wire type than its definition's.
func wrongWireType(_ field: ProtobufDecoder.Field, in message: String) -> ProtobufDecodingError {
  ProtobufDecodingError(
    offset: field.offset,
    reason: "\(message) field \(field.number) has the wrong wire type (\(field.value.wireTypeName))"
  )
}
