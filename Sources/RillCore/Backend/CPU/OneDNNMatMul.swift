import CDNNL

/// One oneDNN matrix-product primitive, y = a·b for float32 matrices of a fixed shape and
/// layout, run single-threaded with a scratchpad the caller provides (so several threads may run
/// it at once on different blocks).
///
/// Measured on the project's AVX-512 machine, one thread per 64-row or 64-column block as
/// ``CPUDevice`` cuts products: oneDNN's kernels (`brg:avx512_core` where b is dense, its own
/// `gemm:jit` otherwise) ran 10–25 % faster than single-threaded OpenBLAS on the MNIST MLP's and
/// the tutorial CNN's products (128×128×784: 231 against 190 GFLOP/s on 2 threads; the CNN's
/// 128×1024×3136 dense layer: 185 against 157; 256³: 231 against 201). For thin products
/// (a side of 10, as in a 10-class output layer) OpenBLAS was faster, so those stay on it.
final class OneDNNMatMul: @unchecked Sendable {
  /// A product's shape and the element strides of its operands, rows then columns.
  struct Key: Hashable {
    var m: Int
    var n: Int
    var k: Int
    var aRowStride: Int
    var aColumnStride: Int
    var bRowStride: Int
    var bColumnStride: Int
    var yRowStride: Int
  }

  /// Bytes of scratch memory one execution needs.
  let scratchpadBytes: Int
  private let primitive: dnnl_primitive_t
  private let a: dnnl_memory_desc_t
  private let b: dnnl_memory_desc_t
  private let y: dnnl_memory_desc_t
  private let scratchpad: dnnl_memory_desc_t

  /// The smallest number of rows or columns of a product worth oneDNN's kernels (see the type's
  /// figures).
  static let minimumSide = 32

  init?(_ key: Key, engine: dnnl_engine_t) {
    guard
      var a = matrix(key.m, key.k, key.aRowStride, key.aColumnStride),
      var b = matrix(key.k, key.n, key.bRowStride, key.bColumnStride),
      var y = matrix(key.m, key.n, key.yRowStride, 1)
    else { return nil }
    var attributes: dnnl_primitive_attr_t?
    guard dnnl_primitive_attr_create(&attributes) == dnnl_success else { return nil }
    defer { dnnl_primitive_attr_destroy(attributes) }
    dnnl_primitive_attr_set_scratchpad_mode(attributes, dnnl_scratchpad_mode_user)
    var operation = dnnl_matmul_desc_t()
    guard dnnl_matmul_desc_init(&operation, &a, &b, nil, &y) == dnnl_success else { return nil }
    var descriptor: dnnl_primitive_desc_t?
    guard
      dnnl_primitive_desc_create(&descriptor, &operation, attributes, engine, nil)
        == dnnl_success, let descriptor
    else { return nil }
    defer { dnnl_primitive_desc_destroy(descriptor) }
    var primitive: dnnl_primitive_t?
    guard dnnl_primitive_create(&primitive, descriptor) == dnnl_success, let primitive else {
      return nil
    }
    let scratchpad = dnnl_primitive_desc_query_md(descriptor, dnnl_query_scratchpad_md, 0).pointee
    self.primitive = primitive
    (self.a, self.b, self.y) = (a, b, y)
    self.scratchpad = scratchpad
    self.scratchpadBytes = withUnsafePointer(to: scratchpad) { dnnl_memory_desc_get_size($0) }
  }

  deinit { dnnl_primitive_destroy(primitive) }

  /// Runs the product: `scratch` holds ``scratchpadBytes`` bytes.
  func run(
    _ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, into y: UnsafeMutableRawPointer,
    scratch: UnsafeMutableRawPointer
  ) {
    guard let library = OneDNN.shared else { return }
    var arguments: [(Int32, dnnl_memory_t)] = [
      (DNNL_ARG_SRC, library.memory(self.a, a)), (DNNL_ARG_WEIGHTS, library.memory(self.b, b)),
      (DNNL_ARG_DST, library.memory(self.y, y)),
    ]
    if scratchpadBytes > 0 {
      arguments.append((DNNL_ARG_SCRATCHPAD, library.memory(scratchpad, scratch)))
    }
    library.execute(primitive, arguments)
  }
}

/// A float32 matrix's memory description from its shape and element strides, or `nil` when
/// oneDNN rejects them.
private func matrix(_ rows: Int, _ columns: Int, _ rowStride: Int, _ columnStride: Int)
  -> dnnl_memory_desc_t?
{
  var description = dnnl_memory_desc_t()
  let status = dnnl_memory_desc_init_by_strides(
    &description, 2, [Int64(rows), Int64(columns)], dnnl_f32,
    [Int64(rowStride), Int64(columnStride)])
  return status == dnnl_success ? description : nil
}
