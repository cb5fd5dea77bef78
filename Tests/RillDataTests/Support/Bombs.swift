import CZlib
import Foundation
import RillCore

/// Compressed data that expands a thousandfold (decompression bombs), built without ever
/// holding the expanded bytes: one compressed mebibyte of zeros, repeated.
enum Bombs {
  /// A gzip stream of `mebibytes` MiB of zeros: that many identical members (about 1 KiB
  /// each), which `gunzip` joins.
  static func gzipZeros(mebibytes: Int) -> Data {
    let member = GzipCompressor.compress(Data(count: 1 << 20))
    var data = Data(capacity: member.count * mebibytes)
    for _ in 0..<mebibytes { data.append(member) }
    return data
  }

  /// A raw deflate stream of `mebibytes` MiB of zeros.
  ///
  /// One mebibyte is compressed and flushed to a byte boundary without ending the stream
  /// (`Z_SYNC_FLUSH`); repeating those bytes repeats the zeros, since every back-reference
  /// points into zeros. An empty final block (bytes 03 00) ends the stream.
  static func rawDeflateZeros(mebibytes: Int) -> Data {
    var stream = z_stream()
    let started = deflateInit2_(
      &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    require(started == Z_OK, "deflate: zlib could not start an encoder")
    defer { deflateEnd(&stream) }
    var input = [UInt8](repeating: 0, count: 1 << 20)
    var output = [UInt8](repeating: 0, count: 1 << 16)
    let blockSize = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(target.count)
        let status = deflate(&stream, Z_SYNC_FLUSH)
        require(status == Z_OK && stream.avail_in == 0, "deflate: flush failed")
        return target.count - Int(stream.avail_out)
      }
    }
    var data = Data(capacity: blockSize * mebibytes + 2)
    for _ in 0..<mebibytes { data.append(contentsOf: output[0..<blockSize]) }
    data.append(contentsOf: [0x03, 0x00])
    return data
  }

  /// A zip archive of one deflated entry `name` whose data is `deflated`, declaring `size`
  /// bytes of contents with CRC-32 `crc`.
  static func zip(name: String, deflated: Data, size: UInt32, crc: UInt32) -> Data {
    func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
      withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
    let nameBytes = Array(name.utf8)
    let common =
      le(UInt16(20)) + le(UInt16(0)) + le(UInt16(8)) + le(UInt32(0)) + le(crc)
      + le(UInt32(deflated.count)) + le(size) + le(UInt16(nameBytes.count)) + le(UInt16(0))
    var data = Data(le(UInt32(0x0403_4B50)) + common + nameBytes)
    data.append(deflated)
    let directoryOffset = data.count
    let central =
      le(UInt32(0x0201_4B50)) + le(UInt16(20)) + common + le(UInt16(0)) + le(UInt16(0))
      + le(UInt16(0)) + le(UInt32(0)) + le(UInt32(0)) + nameBytes
    data.append(contentsOf: central)
    data.append(
      contentsOf: le(UInt32(0x0605_4B50)) + le(UInt16(0)) + le(UInt16(0)) + le(UInt16(1))
        + le(UInt16(1)) + le(UInt32(central.count)) + le(UInt32(directoryOffset)) + le(UInt16(0)))
    return data
  }
}
