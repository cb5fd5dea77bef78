import Foundation

/// The entries of a zip archive held in memory, read from its central directory (PKWARE's
/// APPNOTE.TXT 6.3), with ZIP64 extensions; enough for NumPy's `.npz` files.
///
/// Nothing in the archive is trusted: every offset and size is checked against the data before
/// it is used, the central directory must lie after the entries, entries must not overlap (a
/// forged archive could otherwise make many names share one huge stream), each local header
/// must agree with the central directory, and an entry's contents are decompressed only up to
/// their declared size and checked against their CRC-32. Problems throw an ``NPZError``.
/// Encrypted, multi-disk and self-extracting archives are not read. These checks, which a
/// general zip library leaves to its caller or does not make, are why Rill reads archives
/// itself (zlib only inflates).
struct ZipArchive {
  /// One file in the archive.
  struct Entry {
    /// The name, decoded as UTF-8 when the archive says so, as code page 437 otherwise.
    var name: String
    /// The general-purpose flags (bit 0: encrypted; bit 11: the name is UTF-8).
    var flags: UInt16
    /// The compression method; Rill reads 0 (stored) and 8 (deflate).
    var method: Int
    /// The CRC-32 of the contents.
    var crc32: UInt32
    /// The size of the data as stored.
    var compressedSize: Int
    /// The size of the contents.
    var size: Int
    /// Where the entry's local header starts.
    var headerOffset: Int
    /// Where the stored data starts.
    var dataOffset: Int
  }

  /// The archive's bytes, indexed from 0.
  let data: Data
  /// The entries, in the central directory's order.
  private(set) var entries: [Entry] = []

  private static let endSignature: UInt32 = 0x0605_4B50
  private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
  private static let zip64EndSignature: UInt32 = 0x0606_4B50
  private static let centralSignature: UInt32 = 0x0201_4B50
  private static let localSignature: UInt32 = 0x0403_4B50

  /// Reads the central directory and the local headers of the archive in `data`.
  ///
  /// - Throws: ``NPZError`` when the data is not a zip archive or its structure is damaged.
  init(_ data: Data) throws {
    self.data = data.startIndex == 0 ? data : Data(data)
    let directory = try Self.centralDirectory(in: self.data)
    var position = directory.offset
    let end = directory.offset + directory.size
    var entries: [Entry] = []
    for _ in 0..<directory.count {
      entries.append(try readCentralEntry(at: &position, end: end))
    }
    guard position == end else {
      throw NPZError(.damagedArchive("the central directory has \(end - position) stray bytes"))
    }
    for index in entries.indices {
      entries[index].dataOffset = try dataOffset(
        of: entries[index], directoryOffset: directory.offset)
    }
    // Each entry must end before the next one starts.
    let ordered = entries.sorted { $0.headerOffset < $1.headerOffset }
    for (entry, next) in zip(ordered, ordered.dropFirst())
    where entry.dataOffset + entry.compressedSize > next.headerOffset {
      throw NPZError(.damagedArchive("entries \(entry.name) and \(next.name) overlap"))
    }
    self.entries = entries
  }

  /// Calls `body` with the contents of `entry`, decompressed and checked against its CRC-32.
  ///
  /// A stored entry is read in place; a deflated one is decompressed into memory that is
  /// freed when `body` returns, and never past the size the central directory declares.
  ///
  /// - Throws: ``NPZError`` (without the array's name) when the entry is encrypted, compressed
  ///   with another method than stored or deflate, damaged, larger than `limits` allow, or
  ///   cannot be allocated; or what `body` throws.
  func withContents<Result>(
    of entry: Entry, limits: ReadingLimits, _ body: (UnsafeRawBufferPointer) throws -> Result
  ) throws -> Result {
    let stored = try checkedData(of: entry, limits: limits)
    if entry.method == 0 {
      return try stored.withUnsafeBytes { bytes in
        try checkCRC(bytes, of: entry)
        return try body(bytes)
      }
    }
    guard let memory = malloc(Swift.max(entry.size, 1)) else {
      throw NPZError(.outOfMemory(byteCount: entry.size))
    }
    defer { free(memory) }
    let contents = UnsafeMutableRawBufferPointer(start: memory, count: entry.size)
    do {
      let inflater = try Inflater(stored, format: .raw)
      let count = try inflater.read(into: contents)
      guard count == entry.size, try !inflater.hasMoreOutput() else {
        let length = count < entry.size ? "\(count)" : "more than \(entry.size)"
        throw NPZError(
          .damagedData("the data decompresses to \(length) bytes, not \(entry.size)"))
      }
    } catch let failure as Inflater.Failure {
      throw NPZError(failure: failure)
    }
    try checkCRC(UnsafeRawBufferPointer(contents), of: entry)
    return try body(UnsafeRawBufferPointer(contents))
  }

  /// The data of `entry` as stored, once the entry is known to be readable within `limits`.
  ///
  /// - Throws: ``NPZError`` when the entry is encrypted, compressed with another method than
  ///   stored or deflate, has a stored size other than its size, or declares more than
  ///   `limits` allow or its deflated data can hold.
  func checkedData(of entry: Entry, limits: ReadingLimits) throws -> Data {
    // Bit 0: encrypted; bit 6: strong encryption.
    guard entry.flags & 0x0041 == 0 else { throw NPZError(.encrypted) }
    guard entry.method == 0 || entry.method == 8 else {
      throw NPZError(.unsupportedCompression(method: entry.method))
    }
    let stored = data[entry.dataOffset..<(entry.dataOffset + entry.compressedSize)]
    if entry.method == 0 {
      guard entry.compressedSize == entry.size else {
        throw NPZError(
          .damagedData(
            "the stored entry has \(entry.compressedSize) bytes, but declares \(entry.size)"))
      }
      return stored
    }
    let largest = Swift.min(
      limits.maximumDecompressedByteCount, Inflater.largestOutput(ofCompressed: stored.count))
    guard entry.size <= largest else {
      throw NPZError(.tooLargeToDecompress(declaredBytes: entry.size, maximumBytes: largest))
    }
    return stored
  }

  /// Throws unless `contents` have the CRC-32 the archive declares for `entry`.
  func checkCRC(_ contents: UnsafeRawBufferPointer, of entry: Entry) throws {
    let checksum = Deflate.crc32(contents)
    guard checksum == entry.crc32 else {
      throw NPZError(.checksumMismatch(expected: entry.crc32, actual: checksum))
    }
  }

  // MARK: Structure

  /// Finds the end-of-central-directory record (and its ZIP64 form) and returns where the
  /// central directory lies and how many entries it holds, checked against the data.
  private static func centralDirectory(
    in data: Data
  ) throws -> (offset: Int, size: Int, count: Int) {
    let fixed = 22
    guard data.count >= fixed else { throw NPZError(.notZip) }
    // The record is the last thing in the file but a comment of up to 65,535 bytes.
    var recordOffset: Int? = nil
    let earliest = Swift.max(0, data.count - fixed - 0xFFFF)
    for offset in stride(from: data.count - fixed, through: earliest, by: -1)
    where data.littleEndian(UInt32.self, at: offset) == endSignature
      && offset + fixed + Int(data.littleEndian(UInt16.self, at: offset + 20)) == data.count
    {
      recordOffset = offset
      break
    }
    guard let record = recordOffset else { throw NPZError(.notZip) }
    let disks = [record + 4, record + 6].map { data.littleEndian(UInt16.self, at: $0) }
    guard disks.allSatisfy({ $0 == 0 || $0 == 0xFFFF }) else {
      throw NPZError(.damagedArchive("the archive spans several disks"))
    }
    var count = UInt64(data.littleEndian(UInt16.self, at: record + 10))
    var size = UInt64(data.littleEndian(UInt32.self, at: record + 12))
    var offset = UInt64(data.littleEndian(UInt32.self, at: record + 16))
    var directoryEnd = record
    if record >= 20, data.littleEndian(UInt32.self, at: record - 20) == zip64LocatorSignature {
      let zip64Offset = data.littleEndian(UInt64.self, at: record - 12)
      guard record >= 20 + 56, zip64Offset <= UInt64(record - 20 - 56) else {
        throw NPZError(.damagedArchive("the ZIP64 end record lies outside the archive"))
      }
      let zip64 = Int(zip64Offset)
      guard data.littleEndian(UInt32.self, at: zip64) == zip64EndSignature else {
        throw NPZError(.damagedArchive("the ZIP64 end record has a wrong signature"))
      }
      count = data.littleEndian(UInt64.self, at: zip64 + 32)
      size = data.littleEndian(UInt64.self, at: zip64 + 40)
      offset = data.littleEndian(UInt64.self, at: zip64 + 48)
      directoryEnd = zip64
    }
    guard offset <= UInt64(directoryEnd), size <= UInt64(directoryEnd) - offset else {
      throw NPZError(
        .damagedArchive(
          "the central directory (\(size) bytes at \(offset)) lies outside the archive"))
    }
    // Each central entry takes at least 46 bytes: a forged count cannot make reading loop long.
    guard count <= size / 46 else {
      throw NPZError(.damagedArchive("\(count) entries cannot fit in a directory of \(size) bytes"))
    }
    return (Int(offset), Int(size), Int(count))
  }

  /// Reads the central directory entry at `position` and moves past it.
  private func readCentralEntry(at position: inout Int, end: Int) throws -> Entry {
    let start = position
    guard end - start >= 46, data.littleEndian(UInt32.self, at: start) == Self.centralSignature
    else { throw NPZError(.damagedArchive("a central directory entry at \(start) is damaged")) }
    let flags = data.littleEndian(UInt16.self, at: start + 8)
    let method = Int(data.littleEndian(UInt16.self, at: start + 10))
    let nameLength = Int(data.littleEndian(UInt16.self, at: start + 28))
    let extraLength = Int(data.littleEndian(UInt16.self, at: start + 30))
    let commentLength = Int(data.littleEndian(UInt16.self, at: start + 32))
    guard end - start - 46 >= nameLength + extraLength + commentLength else {
      throw NPZError(.damagedArchive("a central directory entry at \(start) runs past its end"))
    }
    let nameBytes = data[(start + 46)..<(start + 46 + nameLength)]
    let name = try Self.decodeName(nameBytes, utf8: flags & 0x0800 != 0)
    // ZIP64: a field of all ones means the real value is in the extra field.
    var size = UInt64(data.littleEndian(UInt32.self, at: start + 24))
    var compressedSize = UInt64(data.littleEndian(UInt32.self, at: start + 20))
    var headerOffset = UInt64(data.littleEndian(UInt32.self, at: start + 42))
    var disk = UInt64(data.littleEndian(UInt16.self, at: start + 34))
    let extraStart = start + 46 + nameLength
    if let zip64 = try extraField(0x0001, in: extraStart..<(extraStart + extraLength)) {
      var cursor = zip64.lowerBound
      func next(_ value: inout UInt64, ifAllOnes marker: UInt64) throws {
        guard value == marker else { return }
        guard zip64.upperBound - cursor >= 8 else {
          throw NPZError(.damagedArchive("the ZIP64 field of \(name) is too short"))
        }
        value = data.littleEndian(UInt64.self, at: cursor)
        cursor += 8
      }
      try next(&size, ifAllOnes: 0xFFFF_FFFF)
      try next(&compressedSize, ifAllOnes: 0xFFFF_FFFF)
      try next(&headerOffset, ifAllOnes: 0xFFFF_FFFF)
      if disk == 0xFFFF && zip64.upperBound - cursor >= 4 {
        disk = UInt64(data.littleEndian(UInt32.self, at: cursor))
      }
    }
    let limit = UInt64(data.count)
    guard disk == 0, size <= UInt64(Int.max), compressedSize <= limit, headerOffset <= limit else {
      throw NPZError(.damagedArchive("the sizes or offset of entry \(name) are out of range"))
    }
    position = start + 46 + nameLength + extraLength + commentLength
    return Entry(
      name: name, flags: flags, method: method,
      crc32: data.littleEndian(UInt32.self, at: start + 16),
      compressedSize: Int(compressedSize), size: Int(size), headerOffset: Int(headerOffset),
      dataOffset: 0)
  }

  /// Checks the local header of `entry` against the central directory and returns where the
  /// entry's data starts.
  private func dataOffset(of entry: Entry, directoryOffset: Int) throws -> Int {
    let start = entry.headerOffset
    guard directoryOffset - start >= 30,
      data.littleEndian(UInt32.self, at: start) == Self.localSignature
    else { throw NPZError(.damagedArchive("the local header of \(entry.name) is missing")) }
    let nameLength = Int(data.littleEndian(UInt16.self, at: start + 26))
    let extraLength = Int(data.littleEndian(UInt16.self, at: start + 28))
    let dataOffset = start + 30 + nameLength + extraLength
    guard dataOffset <= directoryOffset, entry.compressedSize <= directoryOffset - dataOffset else {
      throw NPZError(.damagedArchive("the data of \(entry.name) runs into the central directory"))
    }
    let flags = data.littleEndian(UInt16.self, at: start + 6)
    let localName = try Self.decodeName(
      data[(start + 30)..<(start + 30 + nameLength)], utf8: flags & 0x0800 != 0)
    guard localName == entry.name else {
      throw NPZError(
        .damagedArchive("the local header names \(localName), the central directory \(entry.name)"))
    }
    return dataOffset
  }

  /// The bytes of the extra field with `id` within `range`, or `nil` when there is none.
  private func extraField(_ id: UInt16, in range: Range<Int>) throws -> Range<Int>? {
    var cursor = range.lowerBound
    while range.upperBound - cursor >= 4 {
      let fieldID = data.littleEndian(UInt16.self, at: cursor)
      let length = Int(data.littleEndian(UInt16.self, at: cursor + 2))
      guard range.upperBound - cursor - 4 >= length else {
        throw NPZError(.damagedArchive("an extra field at \(cursor) runs past its end"))
      }
      if fieldID == id { return (cursor + 4)..<(cursor + 4 + length) }
      cursor += 4 + length
    }
    return nil
  }

  /// A name as the archive stores it: UTF-8 when flag bit 11 is set, code page 437 (the zip
  /// default, which Python's `zipfile` also assumes) otherwise.
  private static func decodeName(_ bytes: Data, utf8: Bool) throws -> String {
    if utf8 || bytes.allSatisfy({ $0 < 0x80 }) {
      let name = String(decoding: bytes, as: UTF8.self)
      guard name.utf8.elementsEqual(bytes) else {
        throw NPZError(.damagedArchive("an entry's name is not valid UTF-8"))
      }
      return name
    }
    var name = ""
    for byte in bytes {
      let value = byte < 0x80 ? UInt32(byte) : UInt32(codePage437[Int(byte) - 0x80])
      name.unicodeScalars.append(Unicode.Scalar(value) ?? "?")
    }
    return name
  }

  /// The characters of bytes 0x80–0xFF in code page 437.
  private static let codePage437: [UInt16] = [
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
    0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
    0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
    0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
    0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
    0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
  ]
}
