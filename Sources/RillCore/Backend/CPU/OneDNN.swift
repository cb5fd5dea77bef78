import CDNNL
import Foundation

/// oneDNN (Debian's libdnnl, version 2.6), which runs float32 convolutions and matrix products.
///
/// Measured on the project's machines, oneDNN's JIT kernels run the tutorial CNN's convolutions
/// 1.5–7 times as fast as im2col + OpenBLAS when activations stay NHWC and the filter is
/// reordered into the layout the kernel asks for (figures in CPUConvolution.swift), and most
/// matrix products 10–25 % faster than OpenBLAS (figures in OneDNNMatMul.swift).
/// All calls to oneDNN go through this file and OneDNNMatMul.swift, because oneDNN 3 removed
/// the 2.x op-descriptor API they use.
///
/// oneDNN always runs single-threaded here: Rill splits a batch into chunks of a size fixed by
/// the geometry and runs chunks on its own threads, so results never depend on the thread count
/// (oneDNN's own parallel filter gradient sums partial results per thread) and oneDNN's OpenMP
/// threads never compete with Rill's.
final class OneDNN: @unchecked Sendable {
  /// The library, or `nil` when it cannot create a CPU engine.
  static let shared: OneDNN? = OneDNN()

  private let engine: dnnl_engine_t
  /// `omp_set_num_threads` of the OpenMP runtime oneDNN loaded, looked up at run time because
  /// the runtime is oneDNN's dependency, not Rill's.
  private let setOpenMPThreads: (@convention(c) (Int32) -> Void)?
  private let lock = Lock()
  private var convolutions: [OneDNNConvolution.Key: OneDNNConvolution?] = [:]
  private var matMuls: [OneDNNMatMul.Key: OneDNNMatMul?] = [:]
  private var idleStreams: [dnnl_stream_t] = []

  private init?() {
    let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "omp_set_num_threads")
    setOpenMPThreads = address.map { unsafeBitCast($0, to: (@convention(c) (Int32) -> Void).self) }
    setOpenMPThreads?(1)
    var engine: dnnl_engine_t?
    guard dnnl_engine_create(&engine, dnnl_cpu, 0) == dnnl_success, let engine else { return nil }
    self.engine = engine
  }

  /// Keeps oneDNN on the calling thread: OpenMP's thread count is per thread, so every thread
  /// that calls oneDNN sets it before the call.
  func stayOnThisThread() {
    setOpenMPThreads?(1)
  }

  /// The convolution primitive for one chunk's geometry, created at first use and cached, or
  /// `nil` when oneDNN has no implementation for it.
  func convolution(_ direction: ConvolutionDirection, _ geometry: Convolution2DGeometry)
    -> OneDNNConvolution?
  {
    let key = OneDNNConvolution.Key(direction: direction, geometry: geometry)
    return cached(key, in: \.convolutions) {
      OneDNNConvolution(direction, geometry, engine: engine)
    }
  }

  /// The matrix-product primitive for one shape and layout, created at first use and cached, or
  /// `nil` when oneDNN has no implementation for it.
  func matMul(_ key: OneDNNMatMul.Key) -> OneDNNMatMul? {
    cached(key, in: \.matMuls) { OneDNNMatMul(key, engine: engine) }
  }

  /// The primitive under `key` in `cache`, made by `create` (on one thread) at first use.
  private func cached<Key: Hashable, Primitive>(
    _ key: Key, in cache: ReferenceWritableKeyPath<OneDNN, [Key: Primitive?]>,
    create: () -> Primitive?
  ) -> Primitive? {
    if let found = lock.withLock({ self[keyPath: cache][key] }) { return found }
    stayOnThisThread()
    let primitive = create()
    lock.withLock {
      // Each primitive holds JIT code; a program that meets ever new shapes starts afresh.
      if self[keyPath: cache].count >= 512 { self[keyPath: cache].removeAll() }
      self[keyPath: cache][key] = primitive
    }
    return primitive
  }

  /// Runs `body` with a stream from a pool (a stream orders one thread's calls).
  func withStream<T>(_ body: (dnnl_stream_t) -> T) -> T {
    var stream = lock.withLock { idleStreams.popLast() }
    if stream == nil {
      var created: dnnl_stream_t?
      check(
        dnnl_stream_create(&created, engine, UInt32(dnnl_stream_default_flags.rawValue)),
        "stream creation")
      stream = created
    }
    guard let stream else { fatalError("oneDNN: no stream") }
    defer { lock.withLock { idleStreams.append(stream) } }
    return body(stream)
  }

  /// Memory of layout `description` at `data`, for one call.
  func memory(_ description: dnnl_memory_desc_t, _ data: UnsafeMutableRawPointer) -> dnnl_memory_t {
    var description = description
    var memory: dnnl_memory_t?
    check(dnnl_memory_create(&memory, &description, engine, data), "memory creation")
    guard let memory else { fatalError("oneDNN: no memory") }
    return memory
  }

  /// Runs `primitive` with its arguments (DNNL_ARG_* numbers and memory) and waits for it.
  func execute(_ primitive: dnnl_primitive_t, _ arguments: [(Int32, dnnl_memory_t)]) {
    stayOnThisThread()
    let list = arguments.map { dnnl_exec_arg_t(arg: $0.0, memory: $0.1) }
    withStream { stream in
      check(dnnl_primitive_execute(primitive, stream, Int32(list.count), list), "execution")
      check(dnnl_stream_wait(stream), "stream wait")
    }
    for (_, memory) in arguments { dnnl_memory_destroy(memory) }
  }
}

/// Which of a convolution's three computations a primitive runs.
enum ConvolutionDirection: Hashable, Sendable {
  /// y from x and the filter.
  case forward
  /// dx from g and the filter.
  case backwardInput
  /// dfilter from x and g.
  case backwardFilter
}

/// One oneDNN convolution primitive for a fixed geometry, with activations in NHWC and the
/// filter in the layout oneDNN chose for speed (converted from and to HWIO by reorders).
///
/// The primitive runs on one thread with a scratchpad the caller provides, so several threads
/// may run it at once on different chunks.
final class OneDNNConvolution: @unchecked Sendable {
  struct Key: Hashable {
    var direction: ConvolutionDirection
    var geometry: Convolution2DGeometry
  }

  let direction: ConvolutionDirection
  /// Bytes of scratch memory one execution needs.
  let scratchpadBytes: Int
  /// Bytes of the filter (or filter gradient) in the primitive's layout.
  let filterBytes: Int
  private let primitive: dnnl_primitive_t
  private let input: dnnl_memory_desc_t
  private let output: dnnl_memory_desc_t
  private let filter: dnnl_memory_desc_t
  private let filterHWIO: dnnl_memory_desc_t
  private let scratchpad: dnnl_memory_desc_t
  /// Converts between HWIO and the primitive's layout; `nil` when they are the same.
  private let filterReorder: dnnl_primitive_t?

  fileprivate init?(
    _ direction: ConvolutionDirection, _ geometry: Convolution2DGeometry, engine: dnnl_engine_t
  ) {
    let (height, width) = (geometry.height, geometry.width)
    // oneDNN orders dimensions N, C, H, W (O, I, H, W for filters) whatever the layout, and
    // counts dilation from 0.
    let image = description(
      [geometry.batch, geometry.inputChannels, height.input, width.input], dnnl_nhwc)
    let result = description(
      [geometry.batch, geometry.outputChannels, height.output, width.output], dnnl_nhwc)
    let filterDimensions = [
      geometry.outputChannels, geometry.inputChannels, height.window, width.window,
    ]
    var anyFilter = description(filterDimensions, dnnl_format_tag_any)
    let hwio = description(filterDimensions, dnnl_hwio)
    let strides = [Int64(height.stride), Int64(width.stride)]
    let dilations = [Int64(height.dilation - 1), Int64(width.dilation - 1)]
    let before = [Int64(height.padBefore), Int64(width.padBefore)]
    let after = [Int64(height.padAfter), Int64(width.padAfter)]

    var attributes: dnnl_primitive_attr_t?
    guard dnnl_primitive_attr_create(&attributes) == dnnl_success else { return nil }
    defer { dnnl_primitive_attr_destroy(attributes) }
    dnnl_primitive_attr_set_scratchpad_mode(attributes, dnnl_scratchpad_mode_user)

    // The backward primitives need the forward one's description as a hint.
    var (source, destination) = (image, result)
    var forward = dnnl_convolution_desc_t()
    guard
      dnnl_dilated_convolution_forward_desc_init(
        &forward, dnnl_forward_training, dnnl_convolution_direct, &source, &anyFilter, nil,
        &destination, strides, dilations, before, after) == dnnl_success
    else { return nil }
    var hint: dnnl_primitive_desc_t?
    guard dnnl_primitive_desc_create(&hint, &forward, attributes, engine, nil) == dnnl_success
    else { return nil }
    defer { dnnl_primitive_desc_destroy(hint) }

    var descriptor: dnnl_primitive_desc_t? = nil
    var backward = dnnl_convolution_desc_t()
    switch direction {
    case .forward:
      _ = dnnl_primitive_desc_clone(&descriptor, hint)
    case .backwardInput:
      if dnnl_dilated_convolution_backward_data_desc_init(
        &backward, dnnl_convolution_direct, &source, &anyFilter, &destination, strides, dilations,
        before, after) == dnnl_success
      {
        _ = dnnl_primitive_desc_create(&descriptor, &backward, attributes, engine, hint)
      }
    case .backwardFilter:
      if dnnl_dilated_convolution_backward_weights_desc_init(
        &backward, dnnl_convolution_direct, &source, &anyFilter, nil, &destination, strides,
        dilations, before, after) == dnnl_success
      {
        _ = dnnl_primitive_desc_create(&descriptor, &backward, attributes, engine, hint)
      }
    }
    guard let descriptor else { return nil }
    defer { dnnl_primitive_desc_destroy(descriptor) }
    var primitive: dnnl_primitive_t?
    guard dnnl_primitive_create(&primitive, descriptor) == dnnl_success, let primitive else {
      return nil
    }
    let filterQuery =
      direction == .backwardFilter ? dnnl_query_diff_weights_md : dnnl_query_weights_md
    let chosen = dnnl_primitive_desc_query_md(descriptor, filterQuery, 0).pointee
    let scratchpad = dnnl_primitive_desc_query_md(descriptor, dnnl_query_scratchpad_md, 0).pointee
    let reorder = OneDNNConvolution.reorder(
      from: direction == .backwardFilter ? chosen : hwio,
      to: direction == .backwardFilter ? hwio : chosen, engine: engine)
    guard reorder != nil || OneDNNConvolution.same(chosen, hwio) else {
      dnnl_primitive_destroy(primitive)
      return nil
    }
    self.direction = direction
    self.primitive = primitive
    self.input = direction == .backwardInput ? result : image
    self.output = direction == .backwardInput ? image : result
    self.filter = chosen
    self.filterHWIO = hwio
    self.scratchpad = scratchpad
    self.scratchpadBytes = withUnsafePointer(to: scratchpad) { dnnl_memory_desc_get_size($0) }
    self.filterBytes = withUnsafePointer(to: chosen) { dnnl_memory_desc_get_size($0) }
    self.filterReorder = reorder
  }

  deinit {
    dnnl_primitive_destroy(primitive)
    if let filterReorder { dnnl_primitive_destroy(filterReorder) }
  }

  /// Whether the filter must be converted between HWIO and the primitive's layout.
  var needsFilterReorder: Bool { filterReorder != nil }

  /// Whether `other` lays out the filter (or its gradient) as this primitive does.
  func hasSameFilterLayout(as other: OneDNNConvolution) -> Bool {
    OneDNNConvolution.same(filter, other.filter)
  }

  /// Converts a dense HWIO filter into the primitive's layout (forward and input gradient), or
  /// the primitive's filter gradient into HWIO (filter gradient).
  func reorderFilter(from source: UnsafeMutableRawPointer, to target: UnsafeMutableRawPointer) {
    guard let filterReorder, let library = OneDNN.shared else { return }
    let (from, to) = direction == .backwardFilter ? (filter, filterHWIO) : (filterHWIO, filter)
    library.execute(
      filterReorder,
      [(DNNL_ARG_FROM, library.memory(from, source)), (DNNL_ARG_TO, library.memory(to, target))])
  }

  /// Runs the primitive on one chunk.
  ///
  /// For `.forward`, a is x, b the filter (in the primitive's
  /// layout) and c receives y; for `.backwardInput`, a is g, b the filter and c receives dx; for
  /// `.backwardFilter`, a is x, b is g and c receives the filter gradient in the primitive's
  /// layout. `scratch` holds ``scratchpadBytes`` bytes.
  func run(
    _ a: UnsafeMutableRawPointer, _ b: UnsafeMutableRawPointer, into c: UnsafeMutableRawPointer,
    scratch: UnsafeMutableRawPointer
  ) {
    guard let library = OneDNN.shared else { return }
    var arguments: [(Int32, dnnl_memory_t)] = []
    if scratchpadBytes > 0 {
      arguments.append((DNNL_ARG_SCRATCHPAD, library.memory(scratchpad, scratch)))
    }
    switch direction {
    case .forward:
      arguments += [
        (DNNL_ARG_SRC, library.memory(input, a)), (DNNL_ARG_WEIGHTS, library.memory(filter, b)),
        (DNNL_ARG_DST, library.memory(output, c)),
      ]
    case .backwardInput:
      arguments += [
        (DNNL_ARG_DIFF_DST, library.memory(input, a)),
        (DNNL_ARG_WEIGHTS, library.memory(filter, b)),
        (DNNL_ARG_DIFF_SRC, library.memory(output, c)),
      ]
    case .backwardFilter:
      arguments += [
        (DNNL_ARG_SRC, library.memory(input, a)), (DNNL_ARG_DIFF_DST, library.memory(output, b)),
        (DNNL_ARG_DIFF_WEIGHTS, library.memory(filter, c)),
      ]
    }
    library.execute(primitive, arguments)
  }

  /// A reorder primitive between two layouts, or `nil` when they are equal or oneDNN has none.
  private static func reorder(
    from source: dnnl_memory_desc_t, to target: dnnl_memory_desc_t, engine: dnnl_engine_t
  ) -> dnnl_primitive_t? {
    guard !same(source, target) else { return nil }
    var (from, to) = (source, target)
    var descriptor: dnnl_primitive_desc_t?
    guard
      dnnl_reorder_primitive_desc_create(&descriptor, &from, engine, &to, engine, nil)
        == dnnl_success, let descriptor
    else { return nil }
    defer { dnnl_primitive_desc_destroy(descriptor) }
    var primitive: dnnl_primitive_t?
    guard dnnl_primitive_create(&primitive, descriptor) == dnnl_success else { return nil }
    return primitive
  }

  private static func same(_ a: dnnl_memory_desc_t, _ b: dnnl_memory_desc_t) -> Bool {
    var (a, b) = (a, b)
    return dnnl_memory_desc_equal(&a, &b) != 0
  }
}

/// A float32 memory description with dimensions in oneDNN's order and a layout tag.
private func description(_ dimensions: [Int], _ tag: dnnl_format_tag_t) -> dnnl_memory_desc_t {
  var description = dnnl_memory_desc_t()
  let status = dnnl_memory_desc_init_by_tag(
    &description, Int32(dimensions.count), dimensions.map(Int64.init), dnnl_f32, tag)
  check(status, "memory description")
  return description
}

/// Stops with oneDNN's status when a call that cannot fail for valid arguments fails.
private func check(_ status: dnnl_status_t, _ what: String) {
  if status != dnnl_success { fatalError("oneDNN: \(what) failed with status \(status.rawValue)") }
}
