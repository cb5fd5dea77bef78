import Foundation
import Rill

/// The dtype codes of `RillDType` in `rill.h`.
enum CDType: Int32, CaseIterable {
  case float32 = 0
  case float64 = 1
  case int32 = 2
  case int64 = 3
  case uint8 = 4
  case bool = 5

  /// The Rill dtype: `rill.h` numbers the dtypes in the order of `DType`'s cases.
  var dtype: DType { DType.allCases[Int(rawValue)] }

  /// The code of a Rill dtype.
  init(_ dtype: DType) {
    switch dtype {
    case .float32: self = .float32
    case .float64: self = .float64
    case .int32: self = .int32
    case .int64: self = .int64
    case .uint8: self = .uint8
    case .bool: self = .bool
    }
  }

  /// The dtype with code `code`, or an error naming it.
  static func checked(_ code: Int32) throws -> DType {
    guard let known = CDType(rawValue: code) else {
      throw CallError.invalid("\(code) is not a RillDType (0 float32 … 5 bool)")
    }
    return known.dtype
  }
}

/// The object behind a `RillTensor*`.
final class TensorBox {
  let tensor: Tensor

  init(_ tensor: Tensor) {
    self.tensor = tensor
  }
}

/// The largest tensor Rill makes for a C caller, in bytes: half the physical memory, so that a
/// forged shape is refused before an allocation the system cannot satisfy.
let largestTensorBytes: Int = {
  let pages = sysconf(Int32(_SC_PHYS_PAGES))
  let pageSize = sysconf(Int32(_SC_PAGESIZE))
  guard pages > 0, pageSize > 0 else { return 1 << 32 }
  return pages / 2 * pageSize
}()

/// Throws unless a tensor of `dtype` with dimensions `sizes` may be made.
///
/// No size may be negative and the whole tensor must fit in ``largestTensorBytes``. Checked
/// before a `Shape` is made, since making one of sizes whose product overflows traps. `what`
/// names the tensor in the message.
func checkAllocatable(_ sizes: [Int], dtype: DType, _ what: String) throws {
  let shape = written(sizes)
  var bytes = dtype.byteCount
  for size in sizes {
    guard size >= 0 else { throw CallError.invalid("\(what): shape \(shape) has a negative size") }
    let (product, overflow) = bytes.multipliedReportingOverflow(by: size)
    guard !overflow else {
      throw CallError(.resourceExhausted, "\(what): shape \(shape) is too large")
    }
    bytes = product
  }
  guard bytes <= largestTensorBytes else {
    throw CallError(
      .resourceExhausted,
      "\(what): a \(dtype)\(shape) tensor needs \(bytes) bytes, more than the \(largestTensorBytes) allowed"
    )
  }
}

/// ``checkAllocatable(_:dtype:_:)`` for a spec.
func checkAllocatable(_ spec: TensorSpec, _ what: String) throws {
  try checkAllocatable(spec.shape.dimensions, dtype: spec.dtype, what)
}

/// The shape of `sizes` once checked with ``checkAllocatable(_:dtype:_:)``.
func allocatableShape(_ sizes: [Int], dtype: DType, _ what: String) throws -> Shape {
  try checkAllocatable(sizes, dtype: dtype, what)
  return Shape(sizes)
}

/// Throws unless the product of the magnitudes of `sizes` fits in an `Int` with room for
/// element sizes (below 2⁶⁰), so that a `Shape` can be made of them and its strides computed.
func checkShapeArithmetic(_ sizes: [Int], _ what: String) throws {
  var product = 1
  for size in sizes {
    let factor = size == Int.min ? Int.max : Swift.max(1, Swift.abs(size))
    let (next, overflow) = product.multipliedReportingOverflow(by: factor)
    guard !overflow, next < 1 << 60 else {
      throw CallError(.resourceExhausted, "\(what): sizes \(sizes) are too large")
    }
    product = next
  }
}

/// The shape `dims[0..<rank]`, checked to be a shape Rill can allocate for `dtype`.
func checkedShape(_ dims: UnsafePointer<Int64>?, _ rank: Int32, dtype: DType, _ what: String)
  throws -> Shape
{
  guard rank >= 0 else { throw CallError.invalid("\(what): rank \(rank) is negative") }
  guard rank == 0 || dims != nil else {
    throw CallError.invalid("\(what): dims is NULL for rank \(rank)")
  }
  return try allocatableShape((0..<Int(rank)).map { Int(dims?[$0] ?? 0) }, dtype: dtype, what)
}

/// The live tensor behind `handle`, or an error naming the argument.
func liveTensor(_ handle: OpaquePointer?, _ what: String) throws -> Tensor {
  guard let box = Handles.object(handle, as: TensorBox.self) else {
    throw CallError.invalid(
      handle == nil ? "\(what) is NULL" : "\(what) is not a live RillTensor")
  }
  return box.tensor
}

/// A tensor of `shape` and `dtype` holding a copy of the bytes at `data`.
func makeTensor(dtype: DType, shape: Shape, bytes data: UnsafeRawPointer?) -> Tensor {
  let count = shape.scalarCount
  func read<T: TensorScalar>(_ type: T.Type) -> Tensor {
    let scalars = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      if let data, count > 0, let base = buffer.baseAddress {
        UnsafeMutableRawPointer(base).copyMemory(
          from: data, byteCount: count * MemoryLayout<T>.stride)
      }
      initialized = count
    }
    return Tensor(shape: shape, scalars: scalars)
  }
  switch dtype {
  case .float32: return read(Float.self)
  case .float64: return read(Double.self)
  case .int32: return read(Int32.self)
  case .int64: return read(Int64.self)
  case .uint8: return read(UInt8.self)
  case .bool:
    // Any nonzero byte is true: a C byte other than 0 or 1 is not a valid Swift Bool.
    let bytes = UnsafeBufferPointer(start: data?.assumingMemoryBound(to: UInt8.self), count: count)
    return Tensor(shape: shape, scalars: bytes.map { $0 != 0 })
  }
}

/// Writes the elements of `tensor` to `buffer`, row-major.
func copyElements(of tensor: Tensor, to buffer: UnsafeMutableRawPointer) {
  func write<T: TensorScalar>(_ type: T.Type) {
    let scalars = tensor.scalars(as: T.self)
    scalars.withUnsafeBytes { bytes in
      if let base = bytes.baseAddress { buffer.copyMemory(from: base, byteCount: bytes.count) }
    }
  }
  switch tensor.dtype {
  case .float32: write(Float.self)
  case .float64: write(Double.self)
  case .int32: write(Int32.self)
  case .int64: write(Int64.self)
  case .uint8: write(UInt8.self)
  case .bool: write(Bool.self)
  }
}

/// The size of one element; see `rill.h`.
///
/// - Parameter dtype: a `RillDType`.
/// - Returns: the size in bytes, or 0 for a value that is not a dtype.
@_cdecl("rill_dtype_size")
public func rill_dtype_size(_ dtype: Int32) -> Int {
  CDType(rawValue: dtype)?.dtype.byteCount ?? 0
}

/// The name of a dtype; see `rill.h`.
///
/// - Parameter dtype: a `RillDType`.
/// - Returns: a static string, "invalid" for a value that is not a dtype.
@_cdecl("rill_dtype_name")
public func rill_dtype_name(_ dtype: Int32) -> UnsafePointer<CChar>? {
  let index = CDType(rawValue: dtype).map { Int($0.rawValue) } ?? CDType.allCases.count
  return StaticStrings.dtypeNames[index]
}

/// A tensor holding a copy of a buffer; see `rill.h`.
///
/// - Parameters:
///   - dtype: a `RillDType`.
///   - dims: the sizes, outermost first (NULL for a scalar).
///   - rank: the number of sizes.
///   - data: the elements, row-major.
///   - byteCount: the buffer's size: the element count times the dtype's size.
///   - status: receives the outcome.
/// - Returns: a new tensor handle, or NULL.
@_cdecl("rill_tensor_new")
public func rill_tensor_new(
  _ dtype: Int32, _ dims: UnsafePointer<Int64>?, _ rank: Int32, _ data: UnsafeRawPointer?,
  _ byteCount: Int, _ status: OpaquePointer?
) -> OpaquePointer? {
  withStatus(status, failure: nil) {
    let type = try CDType.checked(dtype)
    let shape = try checkedShape(dims, rank, dtype: type, "rill_tensor_new")
    let expected = shape.scalarCount * type.byteCount
    guard byteCount == expected else {
      throw CallError.invalid(
        "rill_tensor_new: \(byteCount) bytes given for a \(type)\(shape) tensor of \(expected) bytes"
      )
    }
    guard data != nil || expected == 0 else {
      throw CallError.invalid("rill_tensor_new: data is NULL for \(expected) bytes")
    }
    return Handles.register(TensorBox(makeTensor(dtype: type, shape: shape, bytes: data)))
  }
}

/// A tensor of zeros; see `rill.h`.
///
/// - Parameters:
///   - dtype: a `RillDType`.
///   - dims: the sizes, outermost first (NULL for a scalar).
///   - rank: the number of sizes.
///   - status: receives the outcome.
/// - Returns: a new tensor handle, or NULL.
@_cdecl("rill_tensor_zeros")
public func rill_tensor_zeros(
  _ dtype: Int32, _ dims: UnsafePointer<Int64>?, _ rank: Int32, _ status: OpaquePointer?
) -> OpaquePointer? {
  withStatus(status, failure: nil) {
    let type = try CDType.checked(dtype)
    let shape = try checkedShape(dims, rank, dtype: type, "rill_tensor_zeros")
    return Handles.register(TensorBox(Tensor.zeros(shape: shape, dtype: type)))
  }
}

/// Frees a tensor; see `rill.h`.
///
/// - Parameter tensor: a tensor handle, or NULL.
@_cdecl("rill_tensor_delete")
public func rill_tensor_delete(_ tensor: OpaquePointer?) {
  Handles.remove(tensor, as: TensorBox.self)
}

/// A tensor's dtype; see `rill.h`.
///
/// - Parameter tensor: a tensor handle.
/// - Returns: its `RillDType`, or -1.
@_cdecl("rill_tensor_dtype")
public func rill_tensor_dtype(_ tensor: OpaquePointer?) -> Int32 {
  Handles.object(tensor, as: TensorBox.self).map { CDType($0.tensor.dtype).rawValue } ?? -1
}

/// A tensor's rank; see `rill.h`.
///
/// - Parameter tensor: a tensor handle.
/// - Returns: the number of dimensions, or -1.
@_cdecl("rill_tensor_rank")
public func rill_tensor_rank(_ tensor: OpaquePointer?) -> Int32 {
  Handles.object(tensor, as: TensorBox.self).map { Int32($0.tensor.rank) } ?? -1
}

/// The size of one dimension of a tensor; see `rill.h`.
///
/// - Parameters:
///   - tensor: a tensor handle.
///   - axis: 0 ≤ axis < rank.
/// - Returns: the size, or -1.
@_cdecl("rill_tensor_dim")
public func rill_tensor_dim(_ tensor: OpaquePointer?, _ axis: Int32) -> Int64 {
  guard let shape = Handles.object(tensor, as: TensorBox.self)?.tensor.shape,
    axis >= 0, Int(axis) < shape.rank
  else { return -1 }
  return Int64(shape[Int(axis)])
}

/// A tensor's number of elements; see `rill.h`.
///
/// - Parameter tensor: a tensor handle.
/// - Returns: the element count, or -1.
@_cdecl("rill_tensor_element_count")
public func rill_tensor_element_count(_ tensor: OpaquePointer?) -> Int64 {
  Handles.object(tensor, as: TensorBox.self).map { Int64($0.tensor.scalarCount) } ?? -1
}

/// A tensor's size in bytes; see `rill.h`.
///
/// - Parameter tensor: a tensor handle.
/// - Returns: the element count times the dtype's size, or -1.
@_cdecl("rill_tensor_byte_count")
public func rill_tensor_byte_count(_ tensor: OpaquePointer?) -> Int64 {
  Handles.object(tensor, as: TensorBox.self).map {
    Int64($0.tensor.scalarCount * $0.tensor.dtype.byteCount)
  } ?? -1
}

/// Copies a tensor's elements out; see `rill.h`.
///
/// - Parameters:
///   - tensor: a tensor handle.
///   - buffer: room for `byteCount` bytes.
///   - byteCount: exactly the tensor's byte count.
///   - status: receives the outcome.
/// - Returns: 0, or -1.
@_cdecl("rill_tensor_copy_data")
public func rill_tensor_copy_data(
  _ tensor: OpaquePointer?, _ buffer: UnsafeMutableRawPointer?, _ byteCount: Int,
  _ status: OpaquePointer?
) -> Int32 {
  withStatus(status, failure: -1) {
    let value = try liveTensor(tensor, "rill_tensor_copy_data: tensor")
    let expected = value.scalarCount * value.dtype.byteCount
    guard byteCount == expected else {
      throw CallError.invalid(
        "rill_tensor_copy_data: a buffer of \(byteCount) bytes for a \(value.dtype)\(value.shape) tensor of \(expected) bytes"
      )
    }
    guard let buffer else {
      if expected == 0 { return 0 }
      throw CallError.invalid("rill_tensor_copy_data: buffer is NULL")
    }
    copyElements(of: value, to: buffer)
    return 0
  }
}
