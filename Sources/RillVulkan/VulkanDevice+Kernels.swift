import RillCore

// The kernel requirements of `Device`, each a compute shader of the context.
extension VulkanDevice {
  /// y = f(x) elementwise.
  ///
  /// - Parameters:
  ///   - function: the function.
  ///   - x: the operand.
  ///   - y: the output.
  public func unary(_ function: UnaryFunction, _ x: DeviceView, into y: DeviceView) {
    context.unary(
      function.rawValue, name: function.name, vulkan(x, function.name),
      into: vulkan(y, function.name))
  }

  /// y = f(a, b) elementwise.
  ///
  /// - Parameters:
  ///   - function: the function.
  ///   - a: the first operand.
  ///   - b: the second operand.
  ///   - y: the output.
  public func binary(
    _ function: BinaryFunction, _ a: DeviceView, _ b: DeviceView, into y: DeviceView
  ) {
    context.binary(
      function.rawValue, name: function.name, vulkan(a, function.name), vulkan(b, function.name),
      into: vulkan(y, function.name))
  }

  /// y = f(a, b) as bools.
  ///
  /// - Parameters:
  ///   - function: the comparison.
  ///   - a: the first operand.
  ///   - b: the second operand.
  ///   - y: the bool output.
  public func compare(
    _ function: ComparisonFunction, _ a: DeviceView, _ b: DeviceView, into y: DeviceView
  ) {
    context.compare(
      function.rawValue, name: function.name, vulkan(a, function.name), vulkan(b, function.name),
      into: vulkan(y, function.name))
  }

  /// y = condition ? a : b.
  ///
  /// - Parameters:
  ///   - condition: the bool condition.
  ///   - a: where the condition holds.
  ///   - b: where it does not.
  ///   - y: the output.
  public func select(_ condition: DeviceView, _ a: DeviceView, _ b: DeviceView, into y: DeviceView)
  {
    context.select(
      vulkan(condition, "select"), vulkan(a, "select"), vulkan(b, "select"),
      into: vulkan(y, "select"))
  }

  /// y = x converted to y's dtype.
  ///
  /// - Parameters:
  ///   - x: the operand.
  ///   - y: the output.
  public func cast(_ x: DeviceView, into y: DeviceView) {
    context.cast(vulkan(x, "cast"), into: vulkan(y, "cast"))
  }

  /// Copies x into the strided view y.
  ///
  /// - Parameters:
  ///   - x: the source.
  ///   - y: the destination.
  public func copy(_ x: DeviceView, into y: DeviceView) {
    context.copy(vulkan(x, "copy"), into: vulkan(y, "copy"))
  }

  /// Runs a fused chain of float32 elementwise operations in one shader pass.
  ///
  /// - Parameters:
  ///   - program: the chain.
  ///   - inputs: its inputs.
  ///   - y: the output.
  public func fusedElementwise(
    _ program: FusedElementwise, _ inputs: [DeviceView], into y: DeviceView
  ) {
    func code(_ operand: FusedElementwise.Operand) -> Int32 {
      switch operand {
      case .input(let index): return Int32(index)
      case .temporary(let index): return -Int32(index) - 1
      }
    }
    let steps = program.operations.map { operation -> (Int32, Int32, Int32, Int32) in
      switch operation {
      case .unary(let function, let x): return (0, Int32(function.rawValue), code(x), 0)
      case .binary(let function, let a, let b):
        return (1, Int32(function.rawValue), code(a), code(b))
      }
    }
    context.fused(
      program: steps.map { (kind: $0.0, function: $0.1, a: $0.2, b: $0.3) },
      inputs: inputs.map { vulkan($0, program.name) }, into: vulkan(y, program.name))
  }

  /// Reduces x over `axes` into y.
  ///
  /// - Parameters:
  ///   - function: the reduction.
  ///   - x: the operand.
  ///   - axes: the reduced axes.
  ///   - y: the output, x's shape with those axes 1.
  public func reduce(_ function: ReduceFunction, _ x: DeviceView, axes: [Int], into y: DeviceView) {
    let code: Int32
    switch function {
    case .sum: code = 0
    case .product: code = 1
    case .max: code = 2
    case .min: code = 3
    case .mean: code = 4
    }
    context.reduce(
      code, name: function.name, vulkan(x, function.name), axes: axes,
      into: vulkan(y, function.name))
  }

  /// The index of the first largest or smallest element along `axis`.
  ///
  /// - Parameters:
  ///   - function: argmax or argmin.
  ///   - x: the operand.
  ///   - axis: the axis.
  ///   - y: the int64 output.
  public func argReduce(
    _ function: ArgReduceFunction, _ x: DeviceView, axis: Int, into y: DeviceView
  ) {
    context.argReduce(
      function == .argmax ? 0 : 1, name: function.name, vulkan(x, function.name), axis: axis,
      into: vulkan(y, function.name))
  }

  /// Running sums along `axis`.
  ///
  /// - Parameters:
  ///   - x: the operand.
  ///   - axis: the axis.
  ///   - exclusive: whether each sum leaves out its own element.
  ///   - reverse: whether the sums run from the end.
  ///   - y: the output.
  public func cumulativeSum(
    _ x: DeviceView, axis: Int, exclusive: Bool, reverse: Bool, into y: DeviceView
  ) {
    context.cumulativeSum(
      vulkan(x, "cumsum"), axis: axis, exclusive: exclusive, reverse: reverse,
      into: vulkan(y, "cumsum"))
  }

  /// Batched matrix product (a tiled shader with shared memory).
  ///
  /// - Parameters:
  ///   - a: [batch, rows, columns].
  ///   - b: [batch, rows, columns].
  ///   - transposeA: whether to transpose a's matrices.
  ///   - transposeB: whether to transpose b's matrices.
  ///   - y: [batch, m, n].
  public func matmul(
    _ a: DeviceView, _ b: DeviceView, transposeA: Bool, transposeB: Bool, into y: DeviceView
  ) {
    context.matmul(
      vulkan(a, "matmul"), vulkan(b, "matmul"), transposeA: transposeA, transposeB: transposeB,
      into: vulkan(y, "matmul"))
  }

  /// Gathers along the middle axis.
  ///
  /// - Parameters:
  ///   - x: [outer, axis, inner].
  ///   - indices: the positions along the axis.
  ///   - y: [outer, indices.count, inner].
  public func gather(_ x: DeviceView, indices: [Int], into y: DeviceView) {
    context.gather(vulkan(x, "gather"), indices: indices, into: vulkan(y, "gather"))
  }

  /// Sums x's rows into the rows of y that `indices` name, in index order.
  ///
  /// - Parameters:
  ///   - x: [outer, indices.count, inner].
  ///   - indices: the target rows.
  ///   - y: [outer, axis, inner].
  public func scatterAdd(_ x: DeviceView, indices: [Int], into y: DeviceView) {
    context.scatterAdd(vulkan(x, "scatter_add"), indices: indices, into: vulkan(y, "scatter_add"))
  }

  /// Fills y with samples of the counter-based stream, the same numbers as ``CPUDevice``'s.
  ///
  /// The shader computes the CPU's Philox-4×32-10 stream and its float64 transforms (Box–Muller
  /// with the double-precision log, sine and cosine of `math64.glsl`), so float32 tensors equal
  /// the CPU's and float64 tensors agree to within a few units in the last place. A device
  /// without float64 or int64 shaders draws on the host with ``CPUDevice`` and copies the
  /// samples over.
  ///
  /// - Parameters:
  ///   - distribution: the distribution.
  ///   - key: the stream.
  ///   - y: the dense output.
  public func random(_ distribution: RandomDistribution, key: RandomKey, into y: DeviceView) {
    let target = vulkan(y, distribution.name)
    if context.drawsRandomNumbers {
      context.random(distribution, key: key.value, into: target)
      return
    }
    let byteCount = target.count * y.dtype.byteCount
    guard byteCount > 0 else { return }
    let host = CPUDevice.shared
    guard let staging = host.allocate(byteCount: byteCount) else {
      fatalError("\(distribution.name): no host memory for \(byteCount) bytes")
    }
    host.random(distribution, key: key, into: .dense(staging, dtype: y.dtype, shape: y.shape))
    host.withHostBytes(of: staging, byteCount: byteCount) { bytes in
      copy(fromHost: bytes, into: y.buffer, byteOffset: y.byteOffset)
    }
  }
}
