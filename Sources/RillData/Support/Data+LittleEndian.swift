import Foundation

extension Data {
  /// The little-endian integer of type `T` that starts `offset` bytes after the data's start.
  ///
  /// - Precondition: the data holds `offset + MemoryLayout<T>.size` bytes (the caller checks
  ///   lengths that come from a file before reading; the subscript traps otherwise).
  func littleEndian<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
    var value: T = 0
    let start = startIndex + offset
    for index in 0..<MemoryLayout<T>.size {
      value |= T(truncatingIfNeeded: self[start + index]) << (8 * index)
    }
    return value
  }

  /// Appends `value` as a little-endian integer of its own width.
  mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
    Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
  }
}
