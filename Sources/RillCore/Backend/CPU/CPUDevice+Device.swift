import Foundation

// The CPU device's side of the public device boundary: its buffers are host memory
// (`TensorStorage`), so its views become `StridedView`s at no cost and the copies to and from
// the host are plain memory copies.

extension CPUDevice: Device {
  /// `"cpu"`.
  public var id: String { "cpu" }

  /// The processor's model name and the number of cores the kernels use.
  public var name: String { CPUDevice.modelName + " (\(Threading.threadCount) threads)" }

  /// The machine's physical memory.
  public var memoryByteCount: Int { Int(ProcessInfo.processInfo.physicalMemory) }

  /// The model name from `/proc/cpuinfo`, or `"CPU"` where there is none.
  private static let modelName: String = {
    guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
      let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
      let colon = line.firstIndex(of: ":")
    else { return "CPU" }
    return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
  }()

  /// Host memory from the buffer pool.
  ///
  /// - Parameter byteCount: the size.
  /// - Returns: the buffer, or `nil` when the system has no memory to give.
  public func allocate(byteCount: Int) -> DeviceBuffer? {
    TensorStorage(byteCountIfAvailable: byteCount)
  }

  /// Copies host bytes into host memory.
  ///
  /// - Parameters:
  ///   - source: the bytes.
  ///   - destination: a CPU buffer.
  ///   - byteOffset: where the first byte goes.
  public func copy(
    fromHost source: UnsafeRawBufferPointer, into destination: DeviceBuffer, byteOffset: Int
  ) {
    guard let base = source.baseAddress, source.count > 0 else { return }
    (host(destination).data + byteOffset).copyMemory(from: base, byteCount: source.count)
  }

  /// Copies host memory to host memory.
  ///
  /// - Parameters:
  ///   - source: a CPU buffer.
  ///   - byteOffset: where the first byte is.
  ///   - destination: the memory to fill.
  public func copy(
    _ source: DeviceBuffer, byteOffset: Int, toHost destination: UnsafeMutableRawBufferPointer
  ) {
    guard let base = destination.baseAddress, destination.count > 0 else { return }
    base.copyMemory(from: host(source).data + byteOffset, byteCount: destination.count)
  }

  /// Passes the buffer's own memory: no copy.
  ///
  /// - Parameters:
  ///   - buffer: a CPU buffer.
  ///   - byteCount: how many bytes `body` reads.
  ///   - body: reads the bytes.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws.
  public func withHostBytes<Result>(
    of buffer: DeviceBuffer, byteCount: Int, _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    try body(UnsafeRawBufferPointer(start: host(buffer).data, count: byteCount))
  }

  /// Passes the buffer's own memory: no copy.
  ///
  /// - Parameters:
  ///   - buffer: a CPU buffer.
  ///   - byteCount: how many bytes `body` writes.
  ///   - body: writes the bytes.
  /// - Returns: what `body` returns.
  /// - Throws: what `body` throws.
  public func initializeBytes<Result>(
    of buffer: DeviceBuffer, byteCount: Int,
    _ body: (UnsafeMutableRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    try body(UnsafeMutableRawBufferPointer(start: host(buffer).data, count: byteCount))
  }

  /// The host memory of a CPU buffer.
  @inline(__always)
  func host(_ buffer: DeviceBuffer) -> TensorStorage {
    // Comparing the class is cheaper than a checked cast, and the front end places every
    // operand on one device before it calls a kernel.
    require(
      type(of: buffer) == TensorStorage.self,
      "cpu: a buffer of device '\(buffer.device.id)' was passed to the CPU device")
    return unsafeDowncast(buffer, to: TensorStorage.self)
  }

  /// The strided view of host memory that the CPU kernels read.
  @inline(__always)
  func host(_ view: DeviceView) -> StridedView {
    let storage = host(view.buffer)
    return StridedView(
      data: storage.data + view.byteOffset, dtype: view.dtype, shape: view.shape,
      strides: view.strides, owner: storage)
  }

  // MARK: Kernels (documented on `Device`; each maps its views and runs the host kernel)

  /// y = f(x) on host memory.
  public func unary(_ function: UnaryFunction, _ x: DeviceView, into y: DeviceView) {
    unary(function, host(x), into: host(y))
  }

  /// y = f(a, b) on host memory.
  public func binary(
    _ function: BinaryFunction, _ a: DeviceView, _ b: DeviceView, into y: DeviceView
  ) {
    binary(function, host(a), host(b), into: host(y))
  }

  /// y = f(a, b), a bool, on host memory.
  public func compare(
    _ function: ComparisonFunction, _ a: DeviceView, _ b: DeviceView, into y: DeviceView
  ) {
    compare(function, host(a), host(b), into: host(y))
  }

  /// y = condition ? a : b on host memory.
  public func select(
    _ condition: DeviceView, _ a: DeviceView, _ b: DeviceView, into y: DeviceView
  ) {
    select(host(condition), host(a), host(b), into: host(y))
  }

  /// y = x converted, on host memory.
  public func cast(_ x: DeviceView, into y: DeviceView) {
    cast(host(x), into: host(y))
  }

  /// A strided copy on host memory.
  public func copy(_ x: DeviceView, into y: DeviceView) {
    copy(host(x), into: host(y))
  }

  /// A fused elementwise chain on host memory.
  public func fusedElementwise(
    _ program: FusedElementwise, _ inputs: [DeviceView], into y: DeviceView
  ) {
    fusedElementwise(program, inputs.map { host($0) }, into: host(y))
  }

  /// A reduction on host memory.
  public func reduce(
    _ function: ReduceFunction, _ x: DeviceView, axes: [Int], into y: DeviceView
  ) {
    reduce(function, host(x), axes: axes, into: host(y))
  }

  /// An arg-reduction on host memory.
  public func argReduce(
    _ function: ArgReduceFunction, _ x: DeviceView, axis: Int, into y: DeviceView
  ) {
    argReduce(function, host(x), axis: axis, into: host(y))
  }

  /// Running sums on host memory.
  public func cumulativeSum(
    _ x: DeviceView, axis: Int, exclusive: Bool, reverse: Bool, into y: DeviceView
  ) {
    cumulativeSum(host(x), axis: axis, exclusive: exclusive, reverse: reverse, into: host(y))
  }

  /// A batched matrix product on host memory (OpenBLAS for floats).
  public func matmul(
    _ a: DeviceView, _ b: DeviceView, transposeA: Bool, transposeB: Bool, into y: DeviceView
  ) {
    matmul(host(a), host(b), transposeA: transposeA, transposeB: transposeB, into: host(y))
  }

  /// A gather on host memory.
  public func gather(_ x: DeviceView, indices: [Int], into y: DeviceView) {
    gather(host(x), indices: indices, into: host(y))
  }

  /// A scatter-add on host memory.
  public func scatterAdd(_ x: DeviceView, indices: [Int], into y: DeviceView) {
    scatterAdd(host(x), indices: indices, into: host(y))
  }

  /// Random numbers into host memory.
  public func random(_ distribution: RandomDistribution, key: RandomKey, into y: DeviceView) {
    random(distribution, key: key, into: host(y))
  }

  /// conv2d on host memory.
  public func conv2D(
    _ x: DeviceView, filter: DeviceView, geometry: Convolution2DGeometry, into y: DeviceView
  ) {
    conv2D(host(x), filter: host(filter), geometry: geometry, into: host(y))
  }

  /// The input gradient of conv2d on host memory.
  public func conv2DBackpropInput(
    _ g: DeviceView, filter: DeviceView, geometry: Convolution2DGeometry, into dx: DeviceView
  ) {
    conv2DBackpropInput(host(g), filter: host(filter), geometry: geometry, into: host(dx))
  }

  /// The filter gradient of conv2d on host memory.
  public func conv2DBackpropFilter(
    _ x: DeviceView, _ g: DeviceView, geometry: Convolution2DGeometry, into dfilter: DeviceView
  ) {
    conv2DBackpropFilter(host(x), host(g), geometry: geometry, into: host(dfilter))
  }

  /// Max pooling on host memory.
  public func maxPool2D(_ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView) {
    maxPool2D(host(x), geometry: geometry, into: host(y))
  }

  /// The gradient of max pooling on host memory.
  public func maxPool2DGradient(
    _ g: DeviceView, _ x: DeviceView, geometry: Pooling2DGeometry, into dx: DeviceView
  ) {
    maxPool2DGradient(host(g), host(x), geometry: geometry, into: host(dx))
  }

  /// The gradient of the max-pooling gradient on host memory.
  public func maxPool2DGradientGradient(
    _ h: DeviceView, _ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView
  ) {
    maxPool2DGradientGradient(host(h), host(x), geometry: geometry, into: host(y))
  }

  /// Average pooling on host memory.
  public func avgPool2D(_ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView) {
    avgPool2D(host(x), geometry: geometry, into: host(y))
  }

  /// The gradient of average pooling on host memory.
  public func avgPool2DGradient(
    _ g: DeviceView, geometry: Pooling2DGeometry, into dx: DeviceView
  ) {
    avgPool2DGradient(host(g), geometry: geometry, into: host(dx))
  }
}
