import CBLAS
import CRillKernels
import Foundation

/// OpenBLAS, loaded at first use.
///
/// Debian's OpenBLAS picks its kernels from the CPU model it recognizes when it loads; on CPUs
/// newer than the library it falls back to decades-old SSE3 kernels, five times slower than the
/// AVX-512 ones the machine can run. Rill therefore loads the library itself: unless the user
/// set `OPENBLAS_CORETYPE`, it first names the kernel family that matches the instruction sets
/// found at run time (SkylakeX for AVX-512, Haswell for AVX2 + FMA).
final class OpenBLAS: @unchecked Sendable {
  typealias SingleGEMM =
    @convention(c) (
      CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, Float,
      UnsafePointer<Float>?, Int32, UnsafePointer<Float>?, Int32, Float,
      UnsafeMutablePointer<Float>?,
      Int32
    ) -> Void
  typealias DoubleGEMM =
    @convention(c) (
      CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, Double,
      UnsafePointer<Double>?, Int32, UnsafePointer<Double>?, Int32, Double,
      UnsafeMutablePointer<Double>?, Int32
    ) -> Void

  /// `cblas_sgemm`.
  let sgemm: SingleGEMM
  /// `cblas_dgemm`.
  let dgemm: DoubleGEMM
  /// The kernel family OpenBLAS runs (`openblas_get_corename`).
  let coreName: String

  /// The library, loaded once.
  static let shared = OpenBLAS()

  private init() {
    if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil {
      switch rill_cpu_level() {
      case 4: setenv("OPENBLAS_CORETYPE", "SkylakeX", 1)
      case 3: setenv("OPENBLAS_CORETYPE", "Haswell", 1)
      default: break
      }
    }
    let loaded = dlopen("libopenblas.so.0", RTLD_NOW) ?? dlopen("libopenblas.so", RTLD_NOW)
    guard let handle = loaded else {
      fatalError(
        "Rill needs OpenBLAS for floating-point matrix products: install it with "
          + "`apt-get install libopenblas-dev` (\(String(cString: dlerror())))")
    }
    func symbol<T>(_ name: String, as type: T.Type) -> T {
      guard let address = dlsym(handle, name) else { fatalError("OpenBLAS lacks \(name)") }
      return unsafeBitCast(address, to: type)
    }
    sgemm = symbol("cblas_sgemm", as: SingleGEMM.self)
    dgemm = symbol("cblas_dgemm", as: DoubleGEMM.self)
    // OpenBLAS stays on the calling thread: Rill spreads products over its own threads (see
    // CPUDevice.matmul), where OpenBLAS's spinning workers would compete with them.
    let setThreadCount = symbol(
      "openblas_set_num_threads", as: (@convention(c) (Int32) -> Void).self)
    setThreadCount(1)
    let name = symbol(
      "openblas_get_corename", as: (@convention(c) () -> UnsafeMutablePointer<CChar>?).self)
    coreName = name().map { String(cString: $0) } ?? "unknown"
  }

}
