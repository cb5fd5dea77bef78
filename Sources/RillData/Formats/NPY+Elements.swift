import Foundation
import RillCore

extension NPY {
  /// The tensor whose little-endian elements are `body`, whose length was checked.
  static func elements(_ body: UnsafeRawBufferPointer, header: NPYHeader) -> Tensor {
    let shape = Shape(header.shape)
    let count = shape.scalarCount
    switch header.dtype {
    case .uint8:
      return Tensor(shape: shape, scalars: [UInt8](body))
    case .bool:
      // Any nonzero byte is true; a Bool whose byte is not 0 or 1 would be invalid in Swift.
      return Tensor(shape: shape, scalars: body.map { $0 != 0 })
    case .int32:
      return Tensor(
        shape: shape,
        scalars: (0..<count).map { index in
          Int32(littleEndian: body.loadUnaligned(fromByteOffset: 4 * index, as: Int32.self))
        })
    case .int64:
      return Tensor(
        shape: shape,
        scalars: (0..<count).map { index in
          Int64(littleEndian: body.loadUnaligned(fromByteOffset: 8 * index, as: Int64.self))
        })
    case .float32:
      return Tensor(
        shape: shape,
        scalars: (0..<count).map { index in
          Float(
            bitPattern: UInt32(
              littleEndian: body.loadUnaligned(fromByteOffset: 4 * index, as: UInt32.self)))
        })
    case .float64:
      return Tensor(
        shape: shape,
        scalars: (0..<count).map { index in
          Double(
            bitPattern: UInt64(
              littleEndian: body.loadUnaligned(fromByteOffset: 8 * index, as: UInt64.self)))
        })
    }
  }

  /// The elements of `tensor` in row-major order, little-endian.
  static func littleEndianBytes(of tensor: Tensor) -> Data {
    func bytes<T>(_ values: [T]) -> Data {
      values.withUnsafeBytes { Data($0) }
    }
    switch tensor.dtype {
    case .uint8: return Data(tensor.scalars(as: UInt8.self))
    case .bool: return Data(tensor.scalars(as: Bool.self).map { $0 ? 1 : 0 })
    case .int32: return bytes(tensor.scalars(as: Int32.self).map(\.littleEndian))
    case .int64: return bytes(tensor.scalars(as: Int64.self).map(\.littleEndian))
    case .float32: return bytes(tensor.scalars(as: Float.self).map(\.bitPattern.littleEndian))
    case .float64: return bytes(tensor.scalars(as: Double.self).map(\.bitPattern.littleEndian))
    }
  }
}
