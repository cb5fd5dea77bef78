import CRillKernels

/// The CPU device: vectorized span kernels (compiled per instruction set, chosen at load time),
/// split across threads in chunks of fixed size, with OpenBLAS for floating-point matrix
/// products.
public final class CPUDevice: HostKernels, @unchecked Sendable {
  /// The one CPU device.
  public static let shared = CPUDevice()

  /// Elements per chunk of cheap elementwise work (a few nanoseconds per 1,000 elements).
  static let cheapGrain = 1 << 16
  /// Elements per chunk of transcendental functions, about ten times costlier per element.
  static let costlyGrain = 1 << 12
}

extension DType {
  /// The kernels' name for the dtype.
  var kernelType: rill_dtype {
    switch self {
    case .float32: return .float32
    case .float64: return .float64
    case .int32: return .int32
    case .int64: return .int64
    case .uint8: return .uint8
    case .bool: return .bool
    }
  }
}

extension StridedView {
  /// The element at `offset` elements past `data`, as a typed pointer.
  @inline(__always)
  func pointer<T>(_ type: T.Type, _ offset: Int) -> UnsafeMutablePointer<T> {
    (data + offset * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
  }
}
