import Foundation
import RillCore

extension NPZ {
  /// The array of a deflated entry, decompressed straight into its tensor, so that reading
  /// holds no decompressed copy beside the result; or `nil` when the entry must be read
  /// through such a copy: its array is in Fortran order, or its header is invalid or
  /// disagrees with the entry's size (that path checks the CRC-32 first and names the fault).
  ///
  /// - Throws: ``NPZError`` when the entry exceeds `limits`, its data is damaged, its CRC-32
  ///   does not match, or its tensor cannot be allocated.
  static func decodeDeflated(
    _ entry: ZipArchive.Entry, in archive: ZipArchive, limits: ReadingLimits
  ) throws -> Tensor? {
    let stored = try archive.checkedData(of: entry, limits: limits)
    do {
      let inflater = try Inflater(stored, format: .raw)
      // The preamble (10 bytes, or 12 from version 2.0 on), then the header it announces.
      var prefix = [UInt8](repeating: 0, count: 12)
      var count = 0
      func readPrefix(upTo end: Int) throws {
        if prefix.count < end { prefix += [UInt8](repeating: 0, count: end - prefix.count) }
        count += try prefix.withUnsafeMutableBytes {
          try inflater.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count..<end]))
        }
      }
      try readPrefix(upTo: 10)
      guard count == 10 else { return nil }
      let lengthBytes = prefix[6] == 1 ? 2 : 4
      try readPrefix(upTo: 8 + lengthBytes)
      guard count == 8 + lengthBytes else { return nil }
      let headerLength = prefix[8..<count].reversed().reduce(0) { $0 << 8 | Int($1) }
      guard headerLength <= NPY.maximumHeaderSize else { return nil }
      try readPrefix(upTo: count + headerLength)
      let layout: NPY.Layout
      do {
        layout = try prefix.withUnsafeBytes {
          try NPY.layout(of: UnsafeRawBufferPointer(rebasing: $0[0..<count]), limits: limits)
        }
      } catch is NPYError {
        return nil
      }
      guard !layout.header.fortranOrder, count == layout.dataStart,
        entry.size - layout.dataStart == layout.byteCount
      else { return nil }
      let header = prefix.withUnsafeBytes {
        Deflate.crc32(UnsafeRawBufferPointer(rebasing: $0[0..<count]))
      }
      return try Tensor(dtype: layout.header.dtype, shape: layout.shape) { buffer in
        let read = try inflater.read(into: buffer)
        guard read == buffer.count, try !inflater.hasMoreOutput() else {
          let total = read < buffer.count ? "\(count + read)" : "more than \(entry.size)"
          throw NPZError(
            .damagedData("the data decompresses to \(total) bytes, not \(entry.size)"))
        }
        let checksum = Deflate.crc32(UnsafeRawBufferPointer(buffer), continuing: header)
        guard checksum == entry.crc32 else {
          throw NPZError(.checksumMismatch(expected: entry.crc32, actual: checksum))
        }
        Tensor.normalize(buffer, dtype: layout.header.dtype, from: .littleEndian)
      }
    } catch let failure as Inflater.Failure {
      throw NPZError(failure: failure)
    } catch let error as TensorAllocationError {
      throw NPZError(.invalidArray(NPYError(.outOfMemory(byteCount: error.byteCount))))
    }
  }
}
