import Foundation

/// What `Scripts/read_events.py` reports about a log directory, read with TensorBoard's own
/// readers.
///
/// Floats arrive as Python `repr` strings so that NaN and infinities survive JSON.
struct EventDump: Decodable {
  struct RawEvent: Decodable {
    var wall_time: Double
    var step: Int
    var what: String?
  }

  struct Image: Decodable {
    var step: Int
    var width: Int
    var height: Int
    var png_width: Int
    var png_height: Int
  }

  struct Histogram: Decodable {
    var step: Int?
    var min: String
    var max: String
    var num: String
    var sum: String
    var sum_squares: String
    var bucket_limit: [String]
    var bucket: [String]

    /// The statistics and buckets as numbers, for comparing with another histogram.
    var numbers: [[Double]] {
      [
        [min, max, num, sum, sum_squares].map(EventDump.number), bucket_limit.map(EventDump.number),
        bucket.map(EventDump.number),
      ]
    }
  }

  struct Node: Decodable {
    var name: String
    var op: String
    var inputs: [String]
    var attributes: [String]
  }

  /// A number printed by Python's `repr`.
  static func number(_ text: String) -> Double {
    Double(text) ?? .signalingNaN
  }

  var files: [String]
  var records: [Int]
  var events: [RawEvent]
  var file_version: String
  var scalars: [String: [[StringOrInt]]]
  var images: [String: [Image]]
  var histograms: [String: [Histogram]]
  var texts: [String: [[StringOrInt]]]
  var text_plugin_tags: [String]
  var graph: [Node]
  var plugin_tags: [String: [String]]
  var reference_histograms: [String: Histogram]?

  /// The (step, value) pairs of a scalar series.
  func scalarPoints(_ tag: String) -> [(Int, Double)] {
    (scalars[tag] ?? []).map { ($0[0].int ?? -1, EventDump.number($0[1].string ?? "")) }
  }

  /// Reads `logdir` with TensorBoard, passing values to bucket with the reference histogram.
  static func read(_ logdir: String, histogramInputs: [String: [Double]] = [:]) throws -> EventDump
  {
    let inputs = FileManager.default.temporaryDirectory
      .appendingPathComponent("rillboard-histograms-\(UUID().uuidString).json")
    let encoded = histogramInputs.mapValues { $0.map { "\($0)" } }
    try JSONEncoder().encode(encoded).write(to: inputs)
    defer { try? FileManager.default.removeItem(at: inputs) }
    let output = try Python.runTensorBoardScript("read_events.py", [logdir, inputs.path])
    return try JSONDecoder().decode(EventDump.self, from: output)
  }
}

/// A JSON array element that is a string or an integer.
enum StringOrInt: Decodable {
  case string(String)
  case int(Int)

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Int.self) {
      self = .int(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  var int: Int? {
    if case .int(let value) = self { return value }
    return nil
  }

  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }
}
