/// A multidimensional array of numbers with a runtime element type, the value every op takes and
/// returns.
///
/// A tensor has a ``dtype`` and a ``shape`` and never changes after it is made: ops return new
/// tensors, and tensors that differ only in shape share their memory. (A ``Variable`` is the one
/// kind of tensor whose value can be replaced; it is a subclass so that it can be used wherever a
/// tensor is.)
///
/// ```swift
/// let x: Tensor = [[1, 2, 3], [4, 5, 6]]          // float32, shape [2, 3]
/// let y = (x * 2 + 1).sum(alongAxes: [1])          // [9, 27]
/// print(matmul(x, x, transposeB: true))
/// // Tensor(shape: [2, 2], dtype: float32,
/// // [[14.0, 32.0],
/// //  [32.0, 77.0]])
/// ```
///
/// Ops broadcast their operands as NumPy and TensorFlow do, promote mixed dtypes to a common one,
/// and trap with a message naming the op and the shapes when the operands do not fit.
public class Tensor: @unchecked Sendable {
  /// The element type.
  public final let dtype: DType
  /// The dimensions, outermost first.
  public final let shape: Shape
  /// The exact values of a tensor written as a Swift literal or mixed into an op as a Swift number,
  /// or `nil`.
  ///
  /// Such a tensor is *weakly typed*: it adopts the dtype of the tensor it meets (converted from
  /// these exact values), as Python numbers do in JAX and NumPy 2.
  final let literalValues: [Double]?
  /// The device memory holding the elements in row-major order.
  ///
  /// Only a ``Variable`` replaces it. The front end never reads it: kernels get
  /// ``deviceView``s of it, and host code gets its bytes through the device's copies.
  final var storage: DeviceBuffer
  /// For a symbolic tensor — a value of a ``Graph`` that exists only when a session runs it —
  /// its graph and node; `nil` for a concrete tensor.
  final let symbol: Symbol?

  /// Wraps storage that holds `shape.scalarCount` elements of `dtype`.
  init(storage: DeviceBuffer, dtype: DType, shape: Shape, literalValues: [Double]? = nil) {
    self.storage = storage
    self.dtype = dtype
    self.shape = shape
    self.literalValues = literalValues
    self.symbol = nil
  }

  /// Creates the symbolic tensor of a graph node.
  init(graph: Graph, node: GraphNode) {
    self.storage = TensorStorage.empty
    self.dtype = node.spec.dtype
    self.shape = node.spec.shape
    self.literalValues = nil
    self.symbol = Symbol(graph: graph, node: node)
  }

  /// Creates a tensor with the same dtype, shape and elements as `other`, sharing its memory.
  ///
  /// The new tensor is a distinct object: tapes do not see it as `other`.
  init(_ other: Tensor) {
    self.storage = other.storage
    self.dtype = other.dtype
    self.shape = other.shape
    self.literalValues = other.literalValues
    self.symbol = other.symbol
  }

  /// Whether the tensor is a value of a graph under construction rather than a concrete array.
  public final var isSymbolic: Bool { symbol != nil }

  /// The graph a symbolic tensor belongs to, or `nil` for a concrete tensor.
  public final var graph: Graph? { symbol?.graph }

  /// Whether the tensor came from a Swift literal or number and adopts the dtype of the tensor
  /// it meets in an op.
  final var isWeaklyTyped: Bool { literalValues != nil }

  /// The number of dimensions.
  public final var rank: Int { shape.rank }

  /// The number of elements.
  public final var scalarCount: Int { shape.scalarCount }

  /// The device whose memory holds the elements (the CPU for symbolic tensors).
  ///
  /// Ops run on the device of their operands and return tensors there; see ``to(_:)`` and
  /// ``withDevice(_:_:)``.
  public final var device: any Device { storage.device }

  /// A device view of all elements, row-major and dense: what ops pass to kernels.
  final var deviceView: DeviceView {
    requireConcrete()
    return DeviceView(
      buffer: storage, byteOffset: 0, dtype: dtype, shape: shape.dimensions,
      strides: shape.contiguousStrides)
  }

  /// A device view of the elements read as if broadcast to `target`.
  final func deviceView(broadcastTo target: Shape) -> DeviceView {
    if target == shape { return deviceView }
    requireConcrete()
    return DeviceView(
      buffer: storage, byteOffset: 0, dtype: dtype, shape: target.dimensions,
      strides: shape.broadcastStrides(to: target))
  }

  /// A host view of all elements, for the CPU kernels' own scratch tensors.
  ///
  /// - Precondition: the tensor lives on the CPU.
  final var view: StridedView {
    requireConcrete()
    return CPUDevice.shared.host(deviceView)
  }

  /// A host view of the elements read as if broadcast to `target`, for the CPU kernels.
  ///
  /// - Precondition: the tensor lives on the CPU.
  final func view(broadcastTo target: Shape) -> StridedView {
    requireConcrete()
    return CPUDevice.shared.host(deviceView(broadcastTo: target))
  }

  /// Stops the program unless the tensor has elements to read.
  final func requireConcrete(file: StaticString = #fileID, line: UInt = #line) {
    if let symbol {
      fatalError(
        "'\(symbol.node.name)' is a symbolic tensor of a graph: its elements exist only when a Session runs it (or, in a compiled function, when the function returns it)",
        file: file, line: line)
    }
  }

  /// Allocates an uninitialized dense tensor in host memory (the CPU kernels' scratch).
  static func uninitialized(dtype: DType, shape: Shape) -> Tensor {
    let storage = TensorStorage(byteCount: shape.scalarCount * dtype.byteCount)
    return Tensor(storage: storage, dtype: dtype, shape: shape)
  }

  /// Allocates an uninitialized dense tensor on `device`.
  static func uninitialized(dtype: DType, shape: Shape, on device: any Device) -> Tensor {
    let byteCount = shape.scalarCount * dtype.byteCount
    guard let storage = device.allocate(byteCount: byteCount) else {
      fatalError(
        "Rill: out of memory allocating \(byteCount) bytes for a \(dtype) tensor of shape \(shape) on device '\(device.id)'"
      )
    }
    return Tensor(storage: storage, dtype: dtype, shape: shape)
  }

  // MARK: Literals (see Tensor+Literals.swift; required initializers live in the class)

  /// Creates an int32 scalar.
  public required convenience init(integerLiteral value: Int) {
    self.init(Tensor.literal([Double(value)], shape: [], isFloatingPoint: false))
  }

  /// Creates a float32 scalar.
  public required convenience init(floatLiteral value: Double) {
    self.init(Tensor.literal([value], shape: [], isFloatingPoint: true))
  }

  /// Creates a bool scalar.
  public required convenience init(booleanLiteral value: Bool) {
    self.init(Tensor.literal([value ? 1 : 0], shape: [], isFloatingPoint: false, dtype: .bool))
  }

  /// Creates a tensor from nested rows.
  ///
  /// - Precondition: the rows are rectangular (every row at one depth has the same length) and
  ///   bools are not mixed with numbers.
  public required convenience init(arrayLiteral elements: TensorLiteral...) {
    self.init(literalRows: elements)
  }

  /// Creates a tensor from the rows of an array literal.
  convenience init(literalRows elements: [TensorLiteral]) {
    var values: [Double] = []
    // Which kinds of scalars the literal holds: plain flags, since feeds are literals built on
    // every run.
    var (hasReal, hasBool, hasNumber) = (false, false, false)
    func visit(_ literal: TensorLiteral, depth: Int, dimensions: inout [Int]) {
      switch literal.value {
      case .integer(let value):
        values.append(Double(value))
        hasNumber = true
      case .floatingPoint(let value):
        values.append(value)
        (hasReal, hasNumber) = (true, true)
      case .boolean(let value):
        values.append(value ? 1 : 0)
        hasBool = true
      case .row(let row):
        dimensions.append(row.count)
        var inner: [Int]? = nil
        for element in row {
          var elementDimensions: [Int] = []
          visit(element, depth: depth + 1, dimensions: &elementDimensions)
          require(
            inner == nil || inner == elementDimensions,
            "Tensor literal: rows at depth \(depth + 1) have different shapes")
          inner = elementDimensions
        }
        dimensions += inner ?? []
      }
    }
    var dimensions: [Int] = []
    visit(TensorLiteral(value: .row(elements)), depth: 0, dimensions: &dimensions)
    require(!(hasBool && hasNumber), "Tensor literal: bools are mixed with numbers")
    let dtype: DType = hasBool ? .bool : (hasReal ? .float32 : .int32)
    self.init(
      Tensor.literal(
        values, shape: Shape(dimensions), isFloatingPoint: dtype == .float32, dtype: dtype))
  }
}
