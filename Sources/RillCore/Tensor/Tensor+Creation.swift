extension Tensor {
  /// Creates a rank-1 tensor from its elements.
  public convenience init<T: TensorScalar>(_ scalars: [T]) {
    self.init(shape: [scalars.count], scalars: scalars)
  }

  /// Creates a rank-0 tensor holding one value.
  public convenience init<T: TensorScalar>(_ scalar: T) {
    self.init(shape: [], scalars: [scalar])
  }

  /// Creates a tensor of `shape` whose elements all equal `value`, converted to `dtype`.
  ///
  /// TensorFlow: `tf.fill`.
  public convenience init(repeating value: Double, shape: Shape, dtype: DType = .float32) {
    self.init(Tensor.filled(value, shape: shape, dtype: dtype))
  }

  /// Creates a rank-0 tensor holding `value` converted to `dtype`.
  ///
  /// TensorFlow: `tf.constant`.
  public convenience init(_ value: Double, dtype: DType) {
    self.init(Tensor.scalar(value, dtype: dtype))
  }

  /// A tensor of zeros.
  ///
  /// TensorFlow: `tf.zeros`.
  public static func zeros(shape: Shape, dtype: DType = .float32) -> Tensor {
    filled(0, shape: shape, dtype: dtype)
  }

  /// A tensor of ones.
  ///
  /// TensorFlow: `tf.ones`.
  public static func ones(shape: Shape, dtype: DType = .float32) -> Tensor {
    filled(1, shape: shape, dtype: dtype)
  }

  /// A tensor of `shape` with every element `value`, on `device` (the default device unless
  /// given).
  static func filled(
    _ value: Double, shape: Shape, dtype: DType, on device: (any Device)? = nil
  ) -> Tensor {
    let device = device ?? ExecutionContext.current.device
    let one = scalar(value, dtype: dtype).copied(to: device)
    if shape.rank == 0 { return one }
    let result = Tensor.uninitialized(dtype: dtype, shape: shape, on: device)
    device.copy(one.deviceView(broadcastTo: shape), into: result.deviceView)
    return result
  }

  /// Zeros with the shape, dtype and device of `other`, which may be a graph value whose shape
  /// is known only when the graph runs.
  ///
  /// TensorFlow: `tf.zeros_like`.
  public static func zeros(like other: Tensor) -> Tensor {
    filled(0, like: other)
  }

  /// Ones with the shape, dtype and device of `other`, which may be a graph value whose shape is
  /// known only when the graph runs.
  ///
  /// TensorFlow: `tf.ones_like`.
  public static func ones(like other: Tensor) -> Tensor {
    filled(1, like: other)
  }

  /// A tensor shaped like `other` with every element `value`: a constant when the shape is
  /// known, else a graph value broadcast to `other`'s shape when the graph runs.
  static func filled(_ value: Double, like other: Tensor) -> Tensor {
    guard !other.shape.isFullyDefined else {
      // On the device of `other`, as tf.zeros_like places its result.
      return filled(
        value, shape: other.shape, dtype: other.dtype, on: other.isSymbolic ? nil : other.device)
    }
    return scalar(value, dtype: other.dtype).broadcasted(like: other)
  }

  /// The numbers from `start` up to but excluding `limit` in steps of `delta`, as float32 unless
  /// asked otherwise.
  ///
  /// There are ⌈(limit − start) / delta⌉ elements, each computed as `start + i * delta` (so
  /// errors do not accumulate): `Tensor.range(1, 5, 0.1)` has 40 elements, as `tf.range(1., 5.,
  /// 0.1)` does. TensorFlow: `tf.range`.
  /// - Precondition: `delta` is nonzero.
  public static func range(
    _ start: Double, _ limit: Double, _ delta: Double = 1, dtype: DType = .float32
  ) -> Tensor {
    require(delta != 0, "range: delta must be nonzero")
    let count = Swift.max(0, Int(((limit - start) / delta).rounded(.up)))
    let values = (0..<count).map { start + Double($0) * delta }
    return Tensor(values).cast(to: dtype)
  }

  /// The integers from `start` up to but excluding `limit` in steps of `delta`, as int32.
  ///
  /// `Tensor.range(0, 5)` is `[0, 1, 2, 3, 4]`. TensorFlow: `tf.range`.
  /// - Precondition: `delta` is nonzero.
  public static func range(_ start: Int, _ limit: Int, _ delta: Int = 1) -> Tensor {
    require(delta != 0, "range: delta must be nonzero")
    return Tensor(Array(stride(from: Int32(start), to: Int32(limit), by: Int32.Stride(delta))))
  }

  /// `count` evenly spaced numbers from `start` to `stop`, both included.
  ///
  /// TensorFlow: `tf.linspace`.
  /// - Precondition: `count >= 1`.
  public static func linspace(
    start: Double, stop: Double, count: Int, dtype: DType = .float32
  ) -> Tensor {
    require(count >= 1, "linspace: count must be at least 1")
    let step = count > 1 ? (stop - start) / Double(count - 1) : 0
    let values = (0..<count).map { $0 == count - 1 && count > 1 ? stop : start + Double($0) * step }
    return Tensor(values).cast(to: dtype)
  }

  /// The identity matrix with `rows` rows, `columns` columns (`rows` unless given) and ones on the
  /// diagonal.
  ///
  /// TensorFlow: `tf.eye`.
  public static func eye(_ rows: Int, columns: Int? = nil, dtype: DType = .float32) -> Tensor {
    let columns = columns ?? rows
    var values = [Double](repeating: 0, count: rows * columns)
    for index in 0..<Swift.min(rows, columns) { values[index * columns + index] = 1 }
    return Tensor(shape: [rows, columns], scalars: values).cast(to: dtype)
  }

  /// One-hot vectors: a new last axis of size `depth` holding `onValue` at each index and
  /// `offValue` elsewhere.
  ///
  /// Indices outside 0..<depth give all-`offValue` rows, as in TensorFlow.
  ///
  /// ```swift
  /// Tensor.oneHot([2, 0], depth: 3)   // [[0, 0, 1], [1, 0, 0]]
  /// ```
  /// TensorFlow: `tf.one_hot`.
  public static func oneHot(
    _ indices: Tensor, depth: Int, onValue: Double = 1, offValue: Double = 0,
    dtype: DType = .float32
  ) -> Tensor {
    require(
      indices.dtype.isInteger, "one_hot: indices have dtype \(indices.dtype), not an integer type")
    let positions = Tensor.range(0, depth).cast(to: indices.dtype == .int64 ? .int64 : .int32)
    let hits = indices.cast(to: positions.dtype).expandingShape(alongAxis: -1) .== positions
    return Tensor.where(
      hits, Tensor.scalar(onValue, dtype: dtype), Tensor.scalar(offValue, dtype: dtype))
  }

  /// A rank-0 tensor holding `value` converted to `dtype`.
  static func scalar(_ value: Double, dtype: DType) -> Tensor {
    converting([value], shape: [], dtype: dtype)
  }

  /// A tensor in host memory holding `values` converted to `dtype` as ``cast(to:)`` converts
  /// (written directly: literals and Swift numbers are small, and this is on every op's path
  /// that mixes them in; they join other devices' operands as ``Device`` describes).
  static func converting(_ values: [Double], shape: Shape, dtype: DType) -> Tensor {
    let result = Tensor.uninitialized(dtype: dtype, shape: shape)
    let data = CPUDevice.shared.host(result.storage).data
    func saturated<T: FixedWidthInteger>(_ value: Double, _ type: T.Type) -> T {
      if value.isNaN { return 0 }
      if value >= Double(T.max) { return T.max }
      if value <= Double(T.min) { return T.min }
      return T(value.rounded(.towardZero))
    }
    for (index, value) in values.enumerated() {
      switch dtype {
      case .float32: data.storeBytes(of: Float(value), toByteOffset: index * 4, as: Float.self)
      case .float64: data.storeBytes(of: value, toByteOffset: index * 8, as: Double.self)
      case .int32:
        data.storeBytes(of: saturated(value, Int32.self), toByteOffset: index * 4, as: Int32.self)
      case .int64:
        data.storeBytes(of: saturated(value, Int64.self), toByteOffset: index * 8, as: Int64.self)
      case .uint8:
        data.storeBytes(of: saturated(value, UInt8.self), toByteOffset: index, as: UInt8.self)
      case .bool: data.storeBytes(of: value != 0, toByteOffset: index, as: Bool.self)
      }
    }
    return result
  }

  /// A weakly typed tensor holding Swift numbers: float32 if `isFloatingPoint`, else int32,
  /// unless `dtype` says otherwise.
  static func literal(_ values: [Double], shape: Shape, isFloatingPoint: Bool, dtype: DType? = nil)
    -> Tensor
  {
    let dtype = dtype ?? (isFloatingPoint ? .float32 : .int32)
    let converted = converting(values, shape: shape, dtype: dtype)
    return Tensor(storage: converted.storage, dtype: dtype, shape: shape, literalValues: values)
  }

  /// This tensor converted to `dtype`; a weakly typed tensor converts from its exact values.
  func converted(to dtype: DType) -> Tensor {
    if dtype == self.dtype { return self }
    if let literalValues {
      return Tensor.converting(literalValues, shape: shape, dtype: dtype)
    }
    return cast(to: dtype)
  }
}
