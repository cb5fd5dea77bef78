import Foundation

/// Many inputs in one file, for one child to read: the count, the offset of each input and the
/// end, as little-endian 64-bit numbers, then the inputs' bytes.
enum InputBatch {
  /// The bytes of a batch holding `inputs`.
  static func encode(_ inputs: [[UInt8]]) -> Data {
    var data = Data()
    func append(_ value: Int) {
      withUnsafeBytes(of: UInt64(value).littleEndian) { data.append(contentsOf: $0) }
    }
    append(inputs.count)
    var offset = 0
    for input in inputs {
      append(offset)
      offset += input.count
    }
    append(offset)
    for input in inputs { data.append(contentsOf: input) }
    return data
  }

  /// The inputs of a batch written by ``encode(_:)``.
  ///
  /// - Throws: ``FuzzFailure`` when the batch is malformed.
  static func decode(_ data: Data) throws -> [Data] {
    let bytes = [UInt8](data)
    func number(at index: Int) throws -> Int {
      guard bytes.count >= 8 * (index + 1) else { throw FuzzFailure("the batch file is short") }
      return (0..<8).reduce(0) { $0 | Int(bytes[8 * index + $1]) << (8 * $1) }
    }
    let count = try number(at: 0)
    let start = 8 * (count + 2)
    let offsets = try (0...count).map { try number(at: 1 + $0) }
    guard offsets.last.map({ start + $0 == bytes.count }) == true else {
      throw FuzzFailure("the batch file does not hold the inputs it declares")
    }
    return (0..<count).map { Data(bytes[(start + offsets[$0])..<(start + offsets[$0 + 1])]) }
  }
}
