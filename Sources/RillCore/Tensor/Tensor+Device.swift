/// Runs `body` with `device` as the default device of the calling thread, like TensorFlow's
/// `with tf.device(…)`.
///
/// Tensors made from host values without a device named (``Tensor/init(shape:scalars:on:)``,
/// ``Tensor/zeros(shape:dtype:)``, random tensors, …) are created on the default device. Ops
/// need no default: they run on the device of their operands. Scopes nest, and each thread has
/// its own default, the CPU to begin with.
///
/// ```swift
/// let gpu = try Devices.named("vulkan:0")
/// let y = withDevice(gpu) {
///   let x = Tensor.randomNormal(shape: [256, 256], seed: 0)   // on gpu
///   return matmul(x, x).sum()                                // runs on gpu
/// }
/// ```
///
/// - Parameters:
///   - device: the default device inside `body`.
///   - body: the code to run.
/// - Returns: what `body` returns.
/// - Throws: what `body` throws.
public func withDevice<Result>(_ device: any Device, _ body: () throws -> Result) rethrows
  -> Result
{
  let context = ExecutionContext.current
  let saved = context.device
  context.device = device
  defer { context.device = saved }
  return try body()
}

/// The calling thread's default device: the innermost ``withDevice(_:_:)``'s, else the CPU.
public var defaultDevice: any Device { ExecutionContext.current.device }

extension Tensor {
  /// The tensor with its elements on `device`: the tensor itself when it is there already, else
  /// a copy.
  ///
  /// The copy is an op like any other: gradient tapes record it, and the gradient with respect
  /// to the tensor is the incoming gradient copied back to the tensor's device, so a loss
  /// computed on a GPU from CPU values has CPU gradients. On a symbolic tensor (in a graph, or
  /// in a function being traced) it adds a node that copies the value when the graph runs. (An
  /// op whose operands live on the CPU and on one other device copies the CPU operands itself;
  /// see ``Device``.)
  ///
  /// ```swift
  /// let onGPU = x.to(gpu)
  /// let back = onGPU.to(CPUDevice.shared)
  /// ```
  /// TensorFlow: `tf.identity` under `with tf.device(…)`; PyTorch: `tensor.to(device)`.
  ///
  /// - Parameter device: where the elements go.
  /// - Returns: a tensor with the same dtype, shape and elements on `device`.
  public final func to(_ device: any Device) -> Tensor {
    if !isSymbolic && storage.device === device { return self }
    return apply(.copy(to: DeviceTarget(device)), self)
  }

  /// The concrete tensor on `device` (itself when it is there), copied without recording: for
  /// the front end's own moves (operands joining one device, values written into a variable or
  /// fetched from a session), which are not steps of the computation being differentiated.
  func copied(to device: any Device) -> Tensor {
    requireConcrete()
    if storage.device === device { return self }
    return executeCopy(self, to: device)
  }

  /// Creates a tensor of the given shape from its elements in row-major order, on `device`.
  ///
  /// ```swift
  /// let x = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4] as [Float], on: gpu)
  /// ```
  ///
  /// - Parameters:
  ///   - shape: the dimensions.
  ///   - scalars: the elements, `shape.scalarCount` of them.
  ///   - device: where the elements go; the default device (see ``withDevice(_:_:)``) unless
  ///     given.
  /// - Precondition: `scalars.count == shape.scalarCount`.
  public convenience init<T: TensorScalar>(
    shape: Shape, scalars: [T], on device: (any Device)? = nil
  ) {
    require(
      scalars.count == shape.scalarCount,
      "Tensor(shape:scalars:): \(scalars.count) scalars do not fill shape \(shape)")
    let result = Tensor.uninitialized(
      dtype: T.dtype, shape: shape, on: device ?? ExecutionContext.current.device)
    scalars.withUnsafeBytes { bytes in
      result.device.copy(fromHost: bytes, into: result.storage, byteOffset: 0)
    }
    self.init(storage: result.storage, dtype: T.dtype, shape: shape)
  }

  /// The same tensor on the device `other` lives on (see ``to(_:)``).
  func on(deviceOf other: Tensor) -> Tensor {
    copied(to: other.device)
  }

  /// Calls `body` with the elements' bytes in host memory, row-major: the CPU's own memory, or
  /// a host copy of another device's.
  ///
  /// - Precondition: the tensor is concrete.
  func withHostBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows
    -> Result
  {
    requireConcrete()
    return try device.withHostBytes(
      of: storage, byteCount: scalarCount * dtype.byteCount, body)
  }
}

/// The one device an op with these operands runs on, and the operands placed there.
///
/// All operands usually live on one device, and then they come back as they are. Operands on
/// the CPU join those on one other device (they are copied there, as PyTorch moves CPU scalars
/// and JAX uncommitted arrays); operands on two devices other than the CPU are a logic error.
/// An op without operands runs on the default device.
func placedOnOneDevice(_ inputs: [Tensor], op: @autoclosure () -> String) -> (any Device, [Tensor])
{
  guard let first = inputs.first?.storage.device else {
    return (ExecutionContext.current.device, inputs)
  }
  var target = first
  var mixed = false
  for input in inputs.dropFirst() {
    let device = input.storage.device
    if device === target { continue }
    mixed = true
    if device === CPUDevice.shared { continue }
    require(
      target === CPUDevice.shared,
      "\(op()): operands live on devices '\(target.id)' and '\(device.id)'; move them to one "
        + "device with to(_:) first")
    target = device
  }
  guard mixed else { return (target, inputs) }
  return (target, inputs.map { $0.copied(to: target) })
}
