import CZlib
import RillCore

extension RasterImage {
  /// The image encoded as a PNG file: 8 bits per sample, no interlacing.
  ///
  /// Each row is filtered with whichever of the five PNG filters gives the smallest sum of
  /// absolute differences (the heuristic the PNG specification suggests), and the rows are
  /// compressed with zlib's deflate into one IDAT chunk. Chunk checksums are zlib's CRC-32.
  ///
  /// ```swift
  /// let png = RasterImage(width: 1, height: 1, format: .gray, pixels: [128]).pngData()
  /// png.prefix(8)   // [137, 80, 78, 71, 13, 10, 26, 10]
  /// ```
  public func pngData() -> [UInt8] {
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    var header: [UInt8] = []
    RasterImage.appendBigEndian(UInt32(width), to: &header)
    RasterImage.appendBigEndian(UInt32(height), to: &header)
    // Bit depth 8, colour type, compression 0 (deflate), filter method 0, no interlace.
    header += [8, pngColorType, 0, 0, 0]
    RasterImage.appendChunk("IHDR", header, to: &png)
    RasterImage.appendChunk("IDAT", RasterImage.deflate(filteredRows()), to: &png)
    RasterImage.appendChunk("IEND", [], to: &png)
    return png
  }

  /// The PNG colour type: 0 gray, 4 gray with alpha, 2 RGB, 6 RGBA.
  var pngColorType: UInt8 {
    switch format {
    case .gray: return 0
    case .grayAlpha: return 4
    case .rgb: return 2
    case .rgba: return 6
    }
  }

  /// The rows, each preceded by the number of its filter and filtered with it.
  func filteredRows() -> [UInt8] {
    let rowLength = width * format.channelCount
    var output = [UInt8](repeating: 0, count: height * (rowLength + 1))
    var candidates = [UInt8](repeating: 0, count: 5 * rowLength)
    let zeros = [UInt8](repeating: 0, count: rowLength)
    pixels.withUnsafeBufferPointer { (source: UnsafeBufferPointer<UInt8>) in
      zeros.withUnsafeBufferPointer { (zeroRow: UnsafeBufferPointer<UInt8>) in
        for row in 0..<height {
          let current = UnsafeBufferPointer(
            rebasing: source[(row * rowLength)..<((row + 1) * rowLength)])
          let previous =
            row == 0
            ? zeroRow
            : UnsafeBufferPointer(rebasing: source[((row - 1) * rowLength)..<(row * rowLength)])
          var best = 0
          var bestCost = Int.max
          candidates.withUnsafeMutableBufferPointer {
            (buffer: inout UnsafeMutableBufferPointer<UInt8>) in
            for filter in 0..<5 {
              let target = UnsafeMutableBufferPointer(
                rebasing: buffer[(filter * rowLength)..<((filter + 1) * rowLength)])
              let cost = RasterImage.filter(
                filter, current, previous, bytesPerPixel: format.channelCount, into: target)
              if cost < bestCost {
                bestCost = cost
                best = filter
              }
            }
          }
          let start = row * (rowLength + 1)
          output[start] = UInt8(best)
          output.replaceSubrange(
            (start + 1)..<(start + 1 + rowLength),
            with: candidates[(best * rowLength)..<((best + 1) * rowLength)])
        }
      }
    }
    return output
  }

  /// Filters one row with PNG filter `filter` into `target` and returns the sum of the
  /// absolute values of the filtered bytes (read as signed), the cost the heuristic minimizes.
  static func filter(
    _ filter: Int, _ current: UnsafeBufferPointer<UInt8>, _ previous: UnsafeBufferPointer<UInt8>,
    bytesPerPixel: Int, into target: UnsafeMutableBufferPointer<UInt8>
  ) -> Int {
    var cost = 0
    for index in 0..<current.count {
      let a = index >= bytesPerPixel ? current[index - bytesPerPixel] : 0
      let c = index >= bytesPerPixel ? previous[index - bytesPerPixel] : 0
      let filtered = current[index] &- predictor(filter, a, previous[index], c)
      target[index] = filtered
      cost += Int(Int8(bitPattern: filtered).magnitude)
    }
    return cost
  }

  /// The value PNG filter `filter` predicts from the left (`a`), upper (`b`) and upper-left
  /// (`c`) bytes: none, Sub, Up, Average or Paeth.
  static func predictor(_ filter: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
    switch filter {
    case 0: return 0
    case 1: return a
    case 2: return b
    case 3: return UInt8((Int(a) + Int(b)) / 2)
    default:
      let estimate = Int(a) + Int(b) - Int(c)
      let distanceA = abs(estimate - Int(a))
      let distanceB = abs(estimate - Int(b))
      let distanceC = abs(estimate - Int(c))
      if distanceA <= distanceB && distanceA <= distanceC { return a }
      return distanceB <= distanceC ? b : c
    }
  }

  /// `data` as a zlib stream (RFC 1950) at zlib's default compression level.
  static func deflate(_ data: [UInt8]) -> [UInt8] {
    var capacity = compressBound(uLong(data.count))
    var output = [UInt8](repeating: 0, count: Int(capacity))
    let status = output.withUnsafeMutableBufferPointer { target in
      data.withUnsafeBufferPointer { source in
        compress2(
          target.baseAddress, &capacity, source.baseAddress, uLong(source.count),
          Z_DEFAULT_COMPRESSION)
      }
    }
    // compressBound guarantees room, so only running out of memory can fail here.
    require(status == Z_OK, "PNG: zlib compress2 failed with status \(status)")
    output.removeSubrange(Int(capacity)...)
    return output
  }

  /// Appends a chunk: length, type, data and the CRC-32 of type and data.
  static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
    appendBigEndian(UInt32(data.count), to: &png)
    let typeAndData = Array(type.utf8) + data
    png += typeAndData
    let crc = typeAndData.withUnsafeBufferPointer { buffer in
      crc32(0, buffer.baseAddress, uInt(buffer.count))
    }
    appendBigEndian(UInt32(crc), to: &png)
  }

  /// Appends a 32-bit number, most significant byte first, as PNG requires.
  static func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
    for shift in stride(from: 24, through: 0, by: -8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> shift))
    }
  }
}
