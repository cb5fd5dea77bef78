// The device copy: a tensor's elements moved to another device's memory, unchanged. It is a
// primitive so that tapes, graphs and compiled functions see it like any other op, and
// gradients flow back across devices.

/// A device as a primitive's parameter: two are the same when they are the same object.
struct DeviceTarget: Hashable, Sendable, CustomStringConvertible {
  let device: any Device

  init(_ device: any Device) {
    self.device = device
  }

  static func == (lhs: DeviceTarget, rhs: DeviceTarget) -> Bool { lhs.device === rhs.device }

  func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(device)) }

  /// The device's identifier, as graphs show it.
  var description: String { device.id }
}

extension Primitive {
  /// Whether the primitive moves its input between devices (and so takes its operands where
  /// they live instead of placing them on one device first).
  var isDeviceCopy: Bool {
    switch self {
    case .copy, .copyLike: return true
    default: return false
    }
  }
}

/// A copy keeps the dtype and shape; the second input of `copyLike` only names a device.
func copyOutputSpec(_ x: TensorSpec) -> Result<TensorSpec, ShapeError> {
  .success(x)
}

/// The cotangent of a copy: the incoming one copied back to the input's device.
///
/// The copy is the identity on the elements. The input's device is known now for a concrete
/// input, and only when the graph runs for a symbolic one (then `copyLike` finds it). The copy
/// back is itself recorded, so higher-order gradients cross the devices again.
func copyVJP(_ x: Tensor, cotangent g: Tensor) -> Tensor {
  x.isSymbolic ? apply(.copyLike, g, x) : g.to(x.device)
}

/// `copyLike` moves its first input to its second input's device: the cotangent goes back to
/// the first input's device, and the second input gets none.
func copyLikeVJP(_ inputs: [Tensor], cotangent g: Tensor, needs: [Bool]) -> [Tensor?] {
  [needs[0] ? copyVJP(inputs[0], cotangent: g) : nil, nil]
}

/// The elements of `x` on `device`: shared when they are there already, else copied by the
/// target device (weakly typed literals stay weakly typed).
func executeCopy(_ x: Tensor, to device: any Device) -> Tensor {
  if x.storage.device === device {
    return Tensor(
      storage: x.storage, dtype: x.dtype, shape: x.shape, literalValues: x.literalValues)
  }
  let moved = Tensor.uninitialized(dtype: x.dtype, shape: x.shape, on: device)
  device.copy(x.storage, into: moved.storage, byteCount: x.scalarCount * x.dtype.byteCount)
  return Tensor(
    storage: moved.storage, dtype: x.dtype, shape: x.shape, literalValues: x.literalValues)
}
