extension Tensor {
  /// The elements in row-major order, converted to `type` (as ``cast(to:)`` converts), copied
  /// to host memory from the tensor's device.
  ///
  /// ```swift
  /// let labels: Tensor = [3, 1, 4]
  /// labels.scalars(as: Int.self)     // [3, 1, 4]
  /// labels.scalars(as: Float.self)   // [3.0, 1.0, 4.0]
  /// ```
  public final func scalars<T: TensorScalar>(as type: T.Type) -> [T] {
    requireConcrete()
    let source = cast(to: T.dtype)
    return [T](unsafeUninitializedCapacity: scalarCount) { buffer, count in
      source.device.copy(
        source.storage, byteOffset: 0, toHost: UnsafeMutableRawBufferPointer(buffer))
      count = scalarCount
    }
  }

  /// The only element, converted to `type`.
  ///
  /// - Precondition: the tensor has exactly one element.
  public final func item<T: TensorScalar>(as type: T.Type) -> T {
    require(
      scalarCount == 1, "item: a tensor of shape \(shape) has \(scalarCount) elements, not 1")
    return scalars(as: T.self)[0]
  }

  /// The only element as a `Double` (`true` is 1).
  ///
  /// - Precondition: the tensor has exactly one element.
  public final func item() -> Double {
    item(as: Double.self)
  }
}
