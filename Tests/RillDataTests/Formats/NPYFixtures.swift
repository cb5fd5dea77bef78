import Foundation

/// `.npy` files written by NumPy 2.4, base64-encoded.
///
/// `numpy.save` wrote them, or `numpy.lib.format.write_array` for the other format versions. Each
/// comment gives the Python that made the array.
enum NPYFixtures {
  /// `np.arange(6, dtype='<f4').reshape(2, 3) * 0.5 - 1` → [[-1, -0.5, 0], [0.5, 1, 1.5]].
  static let float32 = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDMp"
      + "LCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/"
      + "AAAAvwAAAAAAAAA/AACAPwAAwD8=")
  /// `np.array([1.5, -2.25, 1e300], dtype='<f8')`.
  static let float64 = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwg"
      + "fSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAA"
      + "AAD4PwAAAAAAAALAnHUAiDzkN34=")
  /// `np.array([[-1, 2147483647], [-2147483648, 0]], dtype='<i4')`.
  static let int32 = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsIDIp"
      + "LCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAr/////"
      + "////fwAAAIAAAAAA")
  /// `np.array([-9000000000000000000, 1], dtype='<i8')`.
  static let int64 = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGk4JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDIsKSwg"
      + "fSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAHwd"
      + "r5MZgwEAAAAAAAAA")
  /// `np.array([0, 1, 254, 255], dtype='u1')`.
  static let uint8 = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnfHUxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDQsKSwg"
      + "fSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAf7/")
  /// `np.array([True, False, True])`.
  static let bool = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnfGIxJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwg"
      + "fSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoBAAE=")
  /// `np.array(3.5, dtype='<f4')`, a rank-0 array.
  static let scalar = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKCksIH0g"
      + "ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAGBA")
  /// `np.zeros((0, 3), dtype='<f4')`.
  static let empty = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDAsIDMp"
      + "LCB9ICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAo=")
  /// `np.asfortranarray(np.arange(6, dtype='<f4').reshape(2, 3))`.
  static let fortran = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGY0JywgJ2ZvcnRyYW5fb3JkZXInOiBUcnVlLCAnc2hhcGUnOiAoMiwgMyks"
      + "IH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAA"
      + "AABAQAAAgD8AAIBAAAAAQAAAoEA=")
  /// `np.arange(3, dtype='>f4')`.
  static let bigEndian = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPmY0JywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwg"
      + "fSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAAA"
      + "P4AAAEAAAAA=")
  /// `np.arange(3, dtype='<f2')`.
  static let float16 = file(
    "k05VTVBZAQB2AHsnZGVzY3InOiAnPGYyJywgJ2ZvcnRyYW5fb3JkZXInOiBGYWxzZSwgJ3NoYXBlJzogKDMsKSwg"
      + "fSAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAAA8"
      + "AEA=")
  /// The `float32` array written as format version 2.0.
  static let version2 = file(
    "k05VTVBZAgB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwg"
      + "MyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/"
      + "AAAAvwAAAAAAAAA/AACAPwAAwD8=")
  /// The `float32` array written as format version 3.0.
  static let version3 = file(
    "k05VTVBZAwB0AAAAeydkZXNjcic6ICc8ZjQnLCAnZm9ydHJhbl9vcmRlcic6IEZhbHNlLCAnc2hhcGUnOiAoMiwg"
      + "MyksIH0gICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgIAoAAIC/"
      + "AAAAvwAAAAAAAAA/AACAPwAAwD8=")

  /// A `.npy` file (version 1.0) with the header text `header` and the data `body`, built by
  /// hand as NumPy lays it out (padded with spaces and a newline to 64 bytes).
  static func handBuilt(header: String, body: [UInt8]) -> Data {
    let padding = (64 - (10 + header.utf8.count + 1) % 64) % 64
    let text = header + String(repeating: " ", count: padding) + "\n"
    let length = text.utf8.count
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    bytes += [UInt8(length & 0xFF), UInt8(length >> 8)] + Array(text.utf8) + body
    return Data(bytes)
  }

  private static func file(_ base64: String) -> Data {
    Data(base64Encoded: base64) ?? Data()
  }
}
