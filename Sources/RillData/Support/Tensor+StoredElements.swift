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
  /// product of the dimensions before `k`. The loop walks the target in order, carrying the
  /// source offset like an odometer.
  private static func copyColumnMajor(
    from source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, dimensions: [Int],
    elementSize: Int
  ) {
    let count = dimensions.reduce(1, *)
    guard count > 0 else { return }
    var strides = [Int](repeating: elementSize, count: dimensions.count)
    for axis in dimensions.indices.dropFirst() {
      strides[axis] = strides[axis - 1] * dimensions[axis - 1]
    }
    let last = dimensions.count - 1
    var index = [Int](repeating: 0, count: dimensions.count)
    var offset = 0
    var written = 0
    while written < count * elementSize {
      // One row: the innermost dimension, whose source stride is the largest.
      for column in 0..<dimensions[last] {
        (target + written).copyMemory(
          from: source + offset + column * strides[last], byteCount: elementSize)
        written += elementSize
      }
      // Advance the outer dimensions, innermost first.
      var axis = last - 1
      while axis >= 0 {
        index[axis] += 1
        offset += strides[axis]
        if index[axis] < dimensions[axis] { break }
        offset -= strides[axis] * dimensions[axis]
        index[axis] = 0
        axis -= 1
      }
      if axis < 0 { break }
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
