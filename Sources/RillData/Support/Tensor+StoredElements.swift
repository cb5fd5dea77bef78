import Foundation
import RillCore

/// The byte order of the elements a file stores.
enum ByteOrder {
  case littleEndian
  case bigEndian

  /// The order of the machine Rill runs on.
  static let host: ByteOrder = 1.littleEndian == 1 ? .littleEndian : .bigEndian
}

extension Tensor {
  /// A tensor of `dtype` and `shape` whose elements are the bytes of `body`, stored in `order`
  /// in row-major order (bools as one byte each, any nonzero byte true), made with no copy
  /// beyond the result.
  ///
  /// - Throws: ``TensorAllocationError`` when the memory cannot be allocated.
  /// - Precondition: `body` holds exactly the tensor's bytes.
  static func decoding(
    _ dtype: DType, shape: Shape, from body: UnsafeRawBufferPointer, order: ByteOrder
  ) throws -> Tensor {
    try Tensor(dtype: dtype, shape: shape) { buffer in
      require(body.count == buffer.count, "decoding: the body does not fit the shape")
      if let source = body.baseAddress, let target = buffer.baseAddress {
        target.copyMemory(from: source, byteCount: body.count)
      }
      normalize(buffer, dtype: dtype, from: order)
    }
  }

  /// A tensor of `dtype` and `shape` whose elements `body` stores in column-major (Fortran)
  /// order, as `numpy.asfortranarray` lays them out, reordered to row-major.
  ///
  /// - Throws: ``TensorAllocationError`` when the memory cannot be allocated.
  /// - Precondition: `body` holds exactly the tensor's bytes.
  static func decodingColumnMajor(
    _ dtype: DType, shape: Shape, from body: UnsafeRawBufferPointer, order: ByteOrder
  ) throws -> Tensor {
    try Tensor(dtype: dtype, shape: shape) { buffer in
      require(body.count == buffer.count, "decoding: the body does not fit the shape")
      guard let source = body.baseAddress, let target = buffer.baseAddress else { return }
      copyColumnMajor(
        from: source, to: target, dimensions: shape.dimensions, elementSize: dtype.byteCount)
      normalize(buffer, dtype: dtype, from: order)
    }
  }

  /// Copies the elements of a column-major array to `target` in row-major order.
  ///
  /// Row-major position `(i₀, …, iₙ₋₁)` reads column-major offset `Σ iₖ·sₖ`, where `sₖ` is the
  /// product of the dimensions before `k`. Only the first axis is contiguous in the source and
  /// only the last in the target, so for each position of the axes between them the copy is a
  /// transpose of a [first, last] matrix, done in square tiles that keep both sides in cache.
  private static func copyColumnMajor(
    from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, dimensions: [Int],
    elementSize: Int
  ) {
    switch elementSize {
    case 1: copyColumnMajor(UInt8.self, from: source, to: target, dimensions: dimensions)
    case 4: copyColumnMajor(UInt32.self, from: source, to: target, dimensions: dimensions)
    default: copyColumnMajor(UInt64.self, from: source, to: target, dimensions: dimensions)
    }
  }

  /// The side of the square tiles of the column-major copy, in elements.
  private static let columnMajorTile = 32

  /// Copies column-major elements of `type` (read unaligned) to `target` in row-major order.
  private static func copyColumnMajor<T: FixedWidthInteger>(
    _ type: T.Type, from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer,
    dimensions: [Int]
  ) {
    let count = dimensions.reduce(1, *)
    guard count > 0 else { return }
    let size = MemoryLayout<T>.size
    guard dimensions.count >= 2 else {
      target.copyMemory(from: source, byteCount: count * size)
      return
    }
    let (rows, columns) = (dimensions[0], dimensions[dimensions.count - 1])
    // In elements: the target's stride along the first axis, the source's along the last.
    let (rowStride, columnStride) = (count / rows, count / columns)
    // The axes between the first and the last, with their strides in source and target.
    let middle = Array(dimensions.dropFirst().dropLast())
    let sourceStrides = middle.indices.map { rows * middle[..<$0].reduce(1, *) }
    let targetStrides = middle.indices.map { columns * middle[($0 + 1)...].reduce(1, *) }
    var index = [Int](repeating: 0, count: middle.count)
    var (sourceBase, targetBase) = (0, 0)
    while true {
      for firstRow in stride(from: 0, to: rows, by: columnMajorTile) {
        for firstColumn in stride(from: 0, to: columns, by: columnMajorTile) {
          for row in firstRow..<Swift.min(firstRow + columnMajorTile, rows) {
            let rowStart = targetBase + row * rowStride
            for column in firstColumn..<Swift.min(firstColumn + columnMajorTile, columns) {
              let value = source.loadUnaligned(
                fromByteOffset: (sourceBase + row + column * columnStride) * size, as: T.self)
              target.storeBytes(of: value, toByteOffset: (rowStart + column) * size, as: T.self)
            }
          }
        }
      }
      // Advance the middle axes like an odometer, innermost first.
      var axis = middle.count - 1
      while axis >= 0 {
        index[axis] += 1
        sourceBase += sourceStrides[axis]
        targetBase += targetStrides[axis]
        if index[axis] < middle[axis] { break }
        sourceBase -= sourceStrides[axis] * middle[axis]
        targetBase -= targetStrides[axis] * middle[axis]
        index[axis] = 0
        axis -= 1
      }
      if axis < 0 { return }
    }
  }

  /// Converts elements stored in `order` to the machine's order in place, and bools to 0 or 1.
  static func normalize(
    _ buffer: UnsafeMutableRawBufferPointer, dtype: DType, from order: ByteOrder
  ) {
    if dtype == .bool {
      // A Bool whose byte is not 0 or 1 would be invalid in Swift.
      for index in buffer.indices where buffer[index] > 1 { buffer[index] = 1 }
      return
    }
    guard order != ByteOrder.host else { return }
    switch dtype.byteCount {
    case 4: swapBytes(of: UInt32.self, in: buffer)
    case 8: swapBytes(of: UInt64.self, in: buffer)
    default:
      break  // One-byte elements have no byte order.
    }
  }

  /// Reverses the bytes of each element of `type` in `buffer`.
  private static func swapBytes<T: FixedWidthInteger>(
    of type: T.Type, in buffer: UnsafeMutableRawBufferPointer
  ) {
    let size = MemoryLayout<T>.size
    for offset in stride(from: 0, to: buffer.count - size + 1, by: size) {
      let value = buffer.loadUnaligned(fromByteOffset: offset, as: T.self)
      buffer.storeBytes(of: value.byteSwapped, toByteOffset: offset, as: T.self)
    }
  }
}
