/// One event read back from an event file: TensorFlow's `tensorflow.Event`, as
/// ``EventFileReader`` decodes it.
///
/// ```swift
/// for event in try EventFileReader(contentsOf: url) {
///   for value in event.summaryValues {
///     print(event.step, value.tag, value.scalarValue ?? .nan)
///   }
/// }
/// ```
public struct LoggedEvent: Equatable, Sendable {
  /// What an event carries.
  public enum Content: Equatable, Sendable {
    /// The format marker that starts a file, such as `brain.Event:2`.
    case fileVersion(String)
    /// A serialized `tensorflow.GraphDef`.
    case graphDef([UInt8])
    /// Tagged values: a `tensorflow.Summary`.
    case summary([LoggedValue])
    /// Another member of the event's `what` (a log message, a session log, run metadata, a
    /// meta graph), kept as its field number in `event.proto`.
    case other(field: Int)
    /// No content at all.
    case none
  }

  /// Seconds since 1970, the event's timestamp.
  public var wallTime: Double
  /// The training step the event belongs to.
  public var step: Int64
  /// The payload.
  public var content: Content

  /// Creates an event.
  ///
  /// - Parameters:
  ///   - wallTime: seconds since 1970.
  ///   - step: the training step.
  ///   - content: the payload.
  public init(wallTime: Double, step: Int64, content: Content) {
    self.wallTime = wallTime
    self.step = step
    self.content = content
  }

  /// The summary's values, or none when the event is not a summary.
  public var summaryValues: [LoggedValue] {
    if case .summary(let values) = content { return values }
    return []
  }
}

/// One tagged value of a summary read back from an event file: TensorFlow's
/// `tensorflow.Summary.Value`.
public struct LoggedValue: Equatable, Sendable {
  /// What the value holds: the member of `Summary.Value`'s `value` that was set.
  public enum Kind: Equatable, Sendable {
    /// A `simple_value`, as TensorFlow 1 and Rill write scalars.
    case scalar(Float)
    /// An encoded picture.
    case image(LoggedImage)
    /// A histogram (`histo`).
    case histogram(HistogramSummary)
    /// A tensor, as TensorFlow 2 writes every summary (scalars, text, histograms, images).
    case tensor(LoggedTensor)
    /// Another member (audio, an old-style histogram), kept as its field number.
    case other(field: Int)
    /// No value at all.
    case none
  }

  /// The value's tag.
  public var tag: String
  /// The TensorBoard plugin that the metadata names (`scalars`, `text`, `images`, …), if any.
  public var pluginName: String?
  /// The plugin's own serialized data from the metadata (often empty).
  public var pluginContent: [UInt8]
  /// The value.
  public var kind: Kind

  /// Creates a value.
  ///
  /// - Parameters:
  ///   - tag: the value's tag.
  ///   - pluginName: the TensorBoard plugin the metadata names.
  ///   - pluginContent: the plugin's serialized data.
  ///   - kind: the value.
  public init(tag: String, pluginName: String? = nil, pluginContent: [UInt8] = [], kind: Kind) {
    self.tag = tag
    self.pluginName = pluginName
    self.pluginContent = pluginContent
    self.kind = kind
  }

  /// The number a scalar summary logged: a `simple_value` (TensorFlow 1, Rill), or the one
  /// element of a numeric tensor whose metadata names the `scalars` plugin (TensorFlow 2's
  /// `tf.summary.scalar`); `nil` for every other value.
  public var scalarValue: Double? {
    switch kind {
    case .scalar(let value):
      return Double(value)
    case .tensor(let tensor) where pluginName == "scalars" && tensor.numbers.count == 1:
      return tensor.numbers[0]
    default:
      return nil
    }
  }
}

/// A picture read back from an event file: TensorFlow's `Summary.Image`.
public struct LoggedImage: Equatable, Sendable {
  /// The height in pixels, as the summary states it.
  public var height: Int
  /// The width in pixels, as the summary states it.
  public var width: Int
  /// The number of channels (1 grey, 2 grey and alpha, 3 RGB, 4 RGBA).
  public var channelCount: Int
  /// The encoded image, usually PNG.
  public var encoded: [UInt8]

  /// Creates a picture.
  ///
  /// - Parameters:
  ///   - height: the height in pixels.
  ///   - width: the width in pixels.
  ///   - channelCount: the number of channels.
  ///   - encoded: the encoded image bytes.
  public init(height: Int, width: Int, channelCount: Int, encoded: [UInt8]) {
    self.height = height
    self.width = width
    self.channelCount = channelCount
    self.encoded = encoded
  }
}

/// A tensor read back from an event file: TensorFlow's `TensorProto`, with its elements as
/// numbers or strings.
///
/// Numeric elements are given as `Double`, whichever of `tensor_content` or the typed
/// `*_val` fields held them (64-bit integers beyond 2⁵³ lose precision). As in TensorFlow, a
/// typed field may hold fewer elements than the shape when the rest repeat the last one; the
/// elements are given as stored, not expanded.
public struct LoggedTensor: Equatable, Sendable {
  /// TensorFlow's `DataType` number (1 float32, 2 float64, 3 int32, 4 uint8, 7 string,
  /// 9 int64, 10 bool, 19 float16, …).
  public var dataType: Int
  /// The dimensions; empty for a scalar.
  public var shape: [Int]
  /// The numeric elements, in row-major order.
  public var numbers: [Double]
  /// The string elements (`string_val`), as raw bytes.
  public var strings: [[UInt8]]

  /// Creates a tensor.
  ///
  /// - Parameters:
  ///   - dataType: TensorFlow's `DataType` number.
  ///   - shape: the dimensions.
  ///   - numbers: the numeric elements.
  ///   - strings: the string elements.
  public init(dataType: Int, shape: [Int], numbers: [Double] = [], strings: [[UInt8]] = []) {
    self.dataType = dataType
    self.shape = shape
    self.numbers = numbers
    self.strings = strings
  }
}
