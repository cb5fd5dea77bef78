import Foundation
import RillCore

extension NPY {
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
