import Foundation
import RillCore

/// A device whose memory the front end cannot address, written only with Rill's public API:
/// the proof that every path goes through the ``Device`` protocol.
///
/// Its buffers hold no pointer at all — only a key into a private table of byte arrays, kept
/// XOR-scrambled with a mask of the device's own — so nothing can read a tensor's elements but
/// the device's copy requirements, and a read that bypassed them would see wrong numbers. The
/// CPU device refuses its buffers (a trap), so a front-end path that handed one to a host kernel
/// stops the test. Each kernel copies its operands' buffers to host memory, runs the CPU
/// device's kernel on them, and copies the output's buffer back, so results match the CPU's
/// to the bit.
///
/// The counters record how much work ran here, so tests can check that it did.
public final class SealedDevice: Device, @unchecked Sendable {
  /// A buffer of a sealed device: a key into its table, nothing else.
  final class Buffer: DeviceBuffer, @unchecked Sendable {
    let key: Int

    init(device: SealedDevice, key: Int, byteCount: Int) {
      self.key = key
      super.init(device: device, byteCount: byteCount)
    }

    deinit {
      // `device` is this buffer's own sealed device, which made it.
      (device as? SealedDevice)?.release(key)
    }
  }

  /// `"sealed:<index>"`.
  public let id: String
  /// A fixed name for listings.
  public var name: String { "Sealed test device \(id)" }
  /// Room for 4 GiB of tensors (the memory is the host's).
  public var memoryByteCount: Int { 4 << 30 }

  private let lock = NSLock()
  private var table: [Int: [UInt8]] = [:]
  private var nextKey = 0
  private let mask: UInt8
  private var counts: [String: Int] = [:]

  /// Creates a sealed device.
  ///
  /// - Parameter index: tells devices apart in ``id`` and in the scrambling mask.
  public init(index: Int = 0) {
    self.id = "sealed:\(index)"
    self.mask = UInt8(truncatingIfNeeded: 0xA5 &+ index &* 0x3B)
  }

  /// How many times each kernel family and copy direction ran, by name (`"matmul"`,
  /// `"toHost"`, …).
  public var operationCounts: [String: Int] { lock.withLock { counts } }

  /// How many kernel calls ran, copies not included.
  public var kernelCount: Int {
    operationCounts.filter { !["fromHost", "toHost", "deviceToDevice"].contains($0.key) }
      .values.reduce(0, +)
  }

  /// How many buffers are alive.
  public var liveBufferCount: Int { lock.withLock { table.count } }

  /// The bytes of every live buffer as the device stores them, as a read that bypassed the
  /// device would see them (for the test that shows they are not the elements).
  public var storedBuffers: [[UInt8]] { lock.withLock { Array(table.values) } }

  private func count(_ name: String) {
    lock.withLock { counts[name, default: 0] += 1 }
  }

  fileprivate func release(_ key: Int) {
    lock.withLock { _ = table.removeValue(forKey: key) }
  }

  private func key(_ buffer: DeviceBuffer) -> Int {
    guard let sealed = buffer as? Buffer, sealed.device === self else {
      fatalError("\(id): a buffer of device '\(buffer.device.id)' was passed to \(id)")
    }
    return sealed.key
  }

  // MARK: Memory

  /// Allocates a table entry.
  public func allocate(byteCount: Int) -> DeviceBuffer? {
    let key: Int = lock.withLock {
      nextKey += 1
      table[nextKey] = [UInt8](repeating: mask, count: byteCount)
      return nextKey
    }
    return Buffer(device: self, key: key, byteCount: byteCount)
  }

  /// Scrambles host bytes into a buffer.
  public func copy(
    fromHost source: UnsafeRawBufferPointer, into destination: DeviceBuffer, byteOffset: Int
  ) {
    count("fromHost")
    let key = key(destination)
    lock.withLock {
      // Taken out of the table while written, so that the array is not copied.
      var bytes = table.removeValue(forKey: key) ?? []
      bytes.withUnsafeMutableBytes { stored in
        for index in 0..<source.count { stored[byteOffset + index] = source[index] ^ mask }
      }
      table[key] = bytes
    }
  }

  /// Unscrambles a buffer's bytes into host memory.
  public func copy(
    _ source: DeviceBuffer, byteOffset: Int, toHost destination: UnsafeMutableRawBufferPointer
  ) {
    count("toHost")
    let key = key(source)
    lock.withLock {
      let bytes = table[key] ?? []
      bytes.withUnsafeBytes { stored in
        for index in 0..<destination.count {
          destination[index] = stored[byteOffset + index] ^ mask
        }
      }
    }
  }

  /// Copies within the device, or from another device through the host.
  public func copy(_ source: DeviceBuffer, into destination: DeviceBuffer, byteCount: Int) {
    count("deviceToDevice")
    if source.device === self {
      let (from, to) = (key(source), key(destination))
      lock.withLock {
        let bytes = table[from] ?? []
        var target = table.removeValue(forKey: to) ?? []
        target.replaceSubrange(0..<byteCount, with: bytes[0..<byteCount])
        table[to] = target
      }
      return
    }
    source.device.withHostBytes(of: source, byteCount: byteCount) { bytes in
      copy(fromHost: bytes, into: destination, byteOffset: 0)
    }
  }

  /// Copies a buffer to host memory for `body`.
  public func withHostBytes<Result>(
    of buffer: DeviceBuffer, byteCount: Int, _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    var host = [UInt8](repeating: 0, count: byteCount)
    host.withUnsafeMutableBytes { copy(buffer, byteOffset: 0, toHost: $0) }
    return try host.withUnsafeBytes(body)
  }

  /// Lets `body` write host memory, then copies it into the buffer.
  public func initializeBytes<Result>(
    of buffer: DeviceBuffer, byteCount: Int,
    _ body: (UnsafeMutableRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    var host = [UInt8](repeating: 0, count: byteCount)
    let result = try host.withUnsafeMutableBytes(body)
    host.withUnsafeBytes { copy(fromHost: $0, into: buffer, byteOffset: 0) }
    return result
  }

  // MARK: Kernels on host copies

  /// Runs `kernel` on CPU copies of the views' buffers, then copies the output's buffer back.
  ///
  /// Views of one buffer map to one CPU buffer, so an output that aliases an input (an
  /// in-place variable update) stays aliased; the output's buffer is copied in first because
  /// the kernel may write only part of it (a slice of a larger output).
  private func onHost(
    _ name: String, _ inputs: [DeviceView], output: DeviceView,
    _ kernel: (CPUDevice, [DeviceView], DeviceView) -> Void
  ) {
    count(name)
    let cpu = CPUDevice.shared
    var copies: [ObjectIdentifier: DeviceBuffer] = [:]
    func hostView(_ view: DeviceView) -> DeviceView {
      let id = ObjectIdentifier(view.buffer)
      let buffer =
        copies[id]
        ?? {
          guard let copy = cpu.allocate(byteCount: view.buffer.byteCount) else {
            fatalError("\(id): no host memory for a copy of \(view.buffer.byteCount) bytes")
          }
          withHostBytes(of: view.buffer, byteCount: view.buffer.byteCount) { bytes in
            cpu.copy(fromHost: bytes, into: copy, byteOffset: 0)
          }
          copies[id] = copy
          return copy
        }()
      var moved = view
      moved.buffer = buffer
      return moved
    }
    let hostInputs = inputs.map(hostView)
    let hostOutput = hostView(output)
    kernel(cpu, hostInputs, hostOutput)
    cpu.withHostBytes(of: hostOutput.buffer, byteCount: output.buffer.byteCount) { bytes in
      copy(fromHost: bytes, into: output.buffer, byteOffset: 0)
    }
  }

  /// y = f(x) on host copies.
  public func unary(_ function: UnaryFunction, _ x: DeviceView, into y: DeviceView) {
    onHost("unary", [x], output: y) { $0.unary(function, $1[0], into: $2) }
  }

  /// y = f(a, b) on host copies.
  public func binary(
    _ function: BinaryFunction, _ a: DeviceView, _ b: DeviceView, into y: DeviceView
  ) {
    onHost("binary", [a, b], output: y) { $0.binary(function, $1[0], $1[1], into: $2) }
  }

  /// A comparison on host copies.
  public func compare(
    _ function: ComparisonFunction, _ a: DeviceView, _ b: DeviceView, into y: DeviceView
  ) {
    onHost("compare", [a, b], output: y) { $0.compare(function, $1[0], $1[1], into: $2) }
  }

  /// A select on host copies.
  public func select(
    _ condition: DeviceView, _ a: DeviceView, _ b: DeviceView, into y: DeviceView
  ) {
    onHost("select", [condition, a, b], output: y) { $0.select($1[0], $1[1], $1[2], into: $2) }
  }

  /// A cast on host copies.
  public func cast(_ x: DeviceView, into y: DeviceView) {
    onHost("cast", [x], output: y) { $0.cast($1[0], into: $2) }
  }

  /// A strided copy on host copies.
  public func copy(_ x: DeviceView, into y: DeviceView) {
    onHost("copy", [x], output: y) { $0.copy($1[0], into: $2) }
  }

  /// A fused chain on host copies.
  public func fusedElementwise(
    _ program: FusedElementwise, _ inputs: [DeviceView], into y: DeviceView
  ) {
    onHost("fusedElementwise", inputs, output: y) { $0.fusedElementwise(program, $1, into: $2) }
  }

  /// A reduction on host copies.
  public func reduce(
    _ function: ReduceFunction, _ x: DeviceView, axes: [Int], into y: DeviceView
  ) {
    onHost("reduce", [x], output: y) { $0.reduce(function, $1[0], axes: axes, into: $2) }
  }

  /// An arg-reduction on host copies.
  public func argReduce(
    _ function: ArgReduceFunction, _ x: DeviceView, axis: Int, into y: DeviceView
  ) {
    onHost("argReduce", [x], output: y) { $0.argReduce(function, $1[0], axis: axis, into: $2) }
  }

  /// Running sums on host copies.
  public func cumulativeSum(
    _ x: DeviceView, axis: Int, exclusive: Bool, reverse: Bool, into y: DeviceView
  ) {
    onHost("cumulativeSum", [x], output: y) {
      $0.cumulativeSum($1[0], axis: axis, exclusive: exclusive, reverse: reverse, into: $2)
    }
  }

  /// A matrix product on host copies.
  public func matmul(
    _ a: DeviceView, _ b: DeviceView, transposeA: Bool, transposeB: Bool, into y: DeviceView
  ) {
    onHost("matmul", [a, b], output: y) {
      $0.matmul($1[0], $1[1], transposeA: transposeA, transposeB: transposeB, into: $2)
    }
  }

  /// A gather on host copies.
  public func gather(_ x: DeviceView, indices: [Int], into y: DeviceView) {
    onHost("gather", [x], output: y) { $0.gather($1[0], indices: indices, into: $2) }
  }

  /// A scatter-add on host copies.
  public func scatterAdd(_ x: DeviceView, indices: [Int], into y: DeviceView) {
    onHost("scatterAdd", [x], output: y) { $0.scatterAdd($1[0], indices: indices, into: $2) }
  }

  /// Random numbers on a host copy.
  public func random(_ distribution: RandomDistribution, key: RandomKey, into y: DeviceView) {
    onHost("random", [], output: y) { $0.random(distribution, key: key, into: $2) }
  }

  /// conv2d on host copies.
  public func conv2D(
    _ x: DeviceView, filter: DeviceView, geometry: Convolution2DGeometry, into y: DeviceView
  ) {
    onHost("conv2D", [x, filter], output: y) {
      $0.conv2D($1[0], filter: $1[1], geometry: geometry, into: $2)
    }
  }

  /// conv2d's input gradient on host copies.
  public func conv2DBackpropInput(
    _ g: DeviceView, filter: DeviceView, geometry: Convolution2DGeometry, into dx: DeviceView
  ) {
    onHost("conv2DBackpropInput", [g, filter], output: dx) {
      $0.conv2DBackpropInput($1[0], filter: $1[1], geometry: geometry, into: $2)
    }
  }

  /// conv2d's filter gradient on host copies.
  public func conv2DBackpropFilter(
    _ x: DeviceView, _ g: DeviceView, geometry: Convolution2DGeometry, into dfilter: DeviceView
  ) {
    onHost("conv2DBackpropFilter", [x, g], output: dfilter) {
      $0.conv2DBackpropFilter($1[0], $1[1], geometry: geometry, into: $2)
    }
  }

  /// Max pooling on host copies.
  public func maxPool2D(_ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView) {
    onHost("maxPool2D", [x], output: y) { $0.maxPool2D($1[0], geometry: geometry, into: $2) }
  }

  /// Max pooling's gradient on host copies.
  public func maxPool2DGradient(
    _ g: DeviceView, _ x: DeviceView, geometry: Pooling2DGeometry, into dx: DeviceView
  ) {
    onHost("maxPool2DGradient", [g, x], output: dx) {
      $0.maxPool2DGradient($1[0], $1[1], geometry: geometry, into: $2)
    }
  }

  /// The gradient of max pooling's gradient on host copies.
  public func maxPool2DGradientGradient(
    _ h: DeviceView, _ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView
  ) {
    onHost("maxPool2DGradientGradient", [h, x], output: y) {
      $0.maxPool2DGradientGradient($1[0], $1[1], geometry: geometry, into: $2)
    }
  }

  /// Average pooling on host copies.
  public func avgPool2D(_ x: DeviceView, geometry: Pooling2DGeometry, into y: DeviceView) {
    onHost("avgPool2D", [x], output: y) { $0.avgPool2D($1[0], geometry: geometry, into: $2) }
  }

  /// Average pooling's gradient on host copies.
  public func avgPool2DGradient(
    _ g: DeviceView, geometry: Pooling2DGeometry, into dx: DeviceView
  ) {
    onHost("avgPool2DGradient", [g], output: dx) {
      $0.avgPool2DGradient($1[0], geometry: geometry, into: $2)
    }
  }
}
