import Foundation
import RillCore

extension ZipArchive {
  /// The bytes of a zip archive holding `files`, in the given order.
  ///
  /// Each entry is stored, or deflated when `compressed` is true, with its CRC-32, a local
  /// header, a central directory entry and the end record. ZIP64 fields are written where a
  /// size or offset reaches 4 GiB or there are 65,535 entries or more (or everywhere, with
  /// `forceZip64`, so that tests can check them on small archives). Timestamps are fixed at
  /// 1980-01-01 00:00, so the same files always give the same bytes.
  ///
  /// - Precondition: each name is at most 65,535 bytes of UTF-8.
  static func archive(
    _ files: [(name: String, contents: Data)], compressed: Bool, forceZip64: Bool = false
  ) -> Data {
    var output = Data()
    var central = Data()
    for (name, contents) in files {
      let nameBytes = Array(name.utf8)
      require(nameBytes.count <= 0xFFFF, "ZipArchive: the name \(name) is too long")
      let stored = compressed ? Deflate.compress(contents) : contents
      let crc = Deflate.crc32(contents)
      let offset = output.count
      let largeSizes = forceZip64 || contents.count >= 0xFFFF_FFFF || stored.count >= 0xFFFF_FFFF
      let largeOffset = forceZip64 || offset >= 0xFFFF_FFFF
      let common = EntryFields(
        version: largeSizes || largeOffset ? 45 : 20,
        // Bit 11: the name is UTF-8 (only set when it is not plain ASCII, as zipfile does).
        flags: nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 0x0800,
        method: compressed ? 8 : 0, crc: crc)

      // The local header: with ZIP64, both sizes move to the extra field.
      output.appendLittleEndian(UInt32(0x0403_4B50))
      common.append(to: &output)
      output.appendLittleEndian(largeSizes ? UInt32.max : UInt32(stored.count))
      output.appendLittleEndian(largeSizes ? UInt32.max : UInt32(contents.count))
      output.appendLittleEndian(UInt16(nameBytes.count))
      output.appendLittleEndian(UInt16(largeSizes ? 20 : 0))
      output.append(contentsOf: nameBytes)
      if largeSizes {
        output.appendLittleEndian(UInt16(0x0001))
        output.appendLittleEndian(UInt16(16))
        output.appendLittleEndian(UInt64(contents.count))
        output.appendLittleEndian(UInt64(stored.count))
      }
      output.append(stored)

      // The central directory entry: only the fields that overflow move to the extra field.
      var zip64Extra = Data()
      if largeSizes {
        zip64Extra.appendLittleEndian(UInt64(contents.count))
        zip64Extra.appendLittleEndian(UInt64(stored.count))
      }
      if largeOffset { zip64Extra.appendLittleEndian(UInt64(offset)) }
      central.appendLittleEndian(UInt32(0x0201_4B50))
      central.appendLittleEndian(UInt16(0x0300 | common.version))  // made by: Unix
      common.append(to: &central)
      central.appendLittleEndian(largeSizes ? UInt32.max : UInt32(stored.count))
      central.appendLittleEndian(largeSizes ? UInt32.max : UInt32(contents.count))
      central.appendLittleEndian(UInt16(nameBytes.count))
      central.appendLittleEndian(UInt16(zip64Extra.isEmpty ? 0 : 4 + zip64Extra.count))
      central.appendLittleEndian(UInt16(0))  // comment length
      central.appendLittleEndian(UInt16(0))  // disk number
      central.appendLittleEndian(UInt16(0))  // internal attributes
      central.appendLittleEndian(UInt32(0o100644) << 16)  // a regular file, rw-r--r--
      central.appendLittleEndian(largeOffset ? UInt32.max : UInt32(offset))
      central.append(contentsOf: nameBytes)
      if !zip64Extra.isEmpty {
        central.appendLittleEndian(UInt16(0x0001))
        central.appendLittleEndian(UInt16(zip64Extra.count))
        central.append(zip64Extra)
      }
    }
    appendEnd(central: central, count: files.count, to: &output, forceZip64: forceZip64)
    return output
  }

  /// Appends the central directory and the end records.
  private static func appendEnd(
    central: Data, count: Int, to output: inout Data, forceZip64: Bool
  ) {
    let directoryOffset = output.count
    output.append(central)
    let zip64 =
      forceZip64 || count >= 0xFFFF || directoryOffset >= 0xFFFF_FFFF
      || central.count >= 0xFFFF_FFFF
    if zip64 {
      let recordOffset = output.count
      output.appendLittleEndian(UInt32(0x0606_4B50))
      output.appendLittleEndian(UInt64(44))  // the size of the rest of the record
      output.appendLittleEndian(UInt16(0x0300 | 45))
      output.appendLittleEndian(UInt16(45))
      output.appendLittleEndian(UInt32(0))  // this disk
      output.appendLittleEndian(UInt32(0))  // the disk holding the central directory
      output.appendLittleEndian(UInt64(count))
      output.appendLittleEndian(UInt64(count))
      output.appendLittleEndian(UInt64(central.count))
      output.appendLittleEndian(UInt64(directoryOffset))
      output.appendLittleEndian(UInt32(0x0706_4B50))  // the locator
      output.appendLittleEndian(UInt32(0))
      output.appendLittleEndian(UInt64(recordOffset))
      output.appendLittleEndian(UInt32(1))  // disks in all
    }
    output.appendLittleEndian(UInt32(0x0605_4B50))
    output.appendLittleEndian(UInt16(0))
    output.appendLittleEndian(UInt16(0))
    let shortCount = zip64 ? UInt16.max : UInt16(count)
    output.appendLittleEndian(shortCount)
    output.appendLittleEndian(shortCount)
    output.appendLittleEndian(zip64 ? UInt32.max : UInt32(central.count))
    output.appendLittleEndian(zip64 ? UInt32.max : UInt32(directoryOffset))
    output.appendLittleEndian(UInt16(0))  // comment length
  }
}

/// The fields a local header and a central directory entry share, from "version needed" to the
/// CRC-32.
private struct EntryFields {
  var version: UInt16
  var flags: UInt16
  var method: UInt16
  var crc: UInt32

  func append(to data: inout Data) {
    data.appendLittleEndian(version)
    data.appendLittleEndian(flags)
    data.appendLittleEndian(method)
    data.appendLittleEndian(UInt16(0))  // time 00:00:00
    data.appendLittleEndian(UInt16(0x0021))  // date 1980-01-01
    data.appendLittleEndian(crc)
  }
}
