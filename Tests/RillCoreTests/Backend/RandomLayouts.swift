import RillTestSupport
import Testing

@testable import RillCore

/// A strided view over freshly allocated memory, laid out in one of the ways kernels must
/// handle: contiguous, with its axes stored in another order, with some axes reversed (negative
/// strides), stepped (every other element) or broadcast (stride 0).
struct TestOperand {
  /// The tensor owning the memory (kept alive with the view).
  let parent: Tensor
  let view: StridedView

  /// A dense operand holding `values` (row-major) with `shape`.
  static func dense(_ values: Tensor) -> TestOperand {
    TestOperand(parent: values, view: values.view)
  }
}

/// Random shapes, values and layouts from a seeded generator.
struct LayoutGenerator {
  var random: SplitMix64

  init(seed: UInt64) {
    random = SplitMix64(seed: seed)
  }

  /// A shape of rank 0...maxRank with dimensions 1...maxDimension (odd sizes are common).
  mutating func shape(maxRank: Int = 4, maxDimension: Int = 7) -> [Int] {
    (0..<Int.random(in: 0...maxRank, using: &random)).map { _ in
      Int.random(in: 1...maxDimension, using: &random)
    }
  }

  /// Random values of `dtype` for `count` elements, in `range` for floating point.
  mutating func values(_ dtype: DType, count: Int, range: ClosedRange<Double> = -3...3) -> Tensor {
    switch dtype {
    case .float32, .float64:
      let values = (0..<count).map { _ in Double.random(in: range, using: &random) }
      return Tensor(shape: [count], scalars: values).cast(to: dtype)
    case .int32, .int64:
      let values = (0..<count).map { _ in Int64.random(in: -50...50, using: &random) }
      return Tensor(shape: [count], scalars: values).cast(to: dtype)
    case .uint8:
      return Tensor(
        shape: [count], scalars: (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
    case .bool:
      return Tensor(shape: [count], scalars: (0..<count).map { _ in Bool.random(using: &random) })
    }
  }

  /// An operand of `shape` whose layout is drawn at random; `allowBroadcast` lets axes repeat
  /// one element through stride 0.
  mutating func operand(
    _ dtype: DType, shape: [Int], allowBroadcast: Bool = false,
    range: ClosedRange<Double> = -3...3
  ) -> TestOperand {
    let rank = shape.count
    enum Kind { case plain, reversed, stepped, broadcast }
    let kinds: [Kind] = shape.map { _ in
      let choice = Int.random(in: 0..<(allowBroadcast ? 4 : 3), using: &random)
      return [Kind.plain, .reversed, .stepped, .broadcast][choice]
    }
    let storageOrder = Array(0..<rank).shuffled(using: &random)
    let parentSizes = zip(shape, kinds).map { size, kind -> Int in
      switch kind {
      case .broadcast: return 1
      case .stepped: return 2 * size - 1
      default: return size
      }
    }
    // The parent is dense in `storageOrder`: its last entry varies fastest.
    var parentStrides = [Int](repeating: 0, count: rank)
    var stride = 1
    for axis in storageOrder.reversed() {
      parentStrides[axis] = stride
      stride *= parentSizes[axis]
    }
    let parent = values(dtype, count: Swift.max(stride, 1), range: range)
    var offset = 0
    var strides = [Int](repeating: 0, count: rank)
    for axis in 0..<rank {
      switch kinds[axis] {
      case .plain: strides[axis] = parentStrides[axis]
      case .stepped: strides[axis] = 2 * parentStrides[axis]
      case .broadcast: strides[axis] = 0
      case .reversed:
        strides[axis] = -parentStrides[axis]
        offset += (shape[axis] - 1) * parentStrides[axis]
      }
    }
    let storage = CPUDevice.shared.host(parent.storage)
    let view = StridedView(
      data: storage.data + offset * dtype.byteCount, dtype: dtype, shape: shape,
      strides: strides, owner: storage)
    return TestOperand(parent: parent, view: view)
  }
}

/// A dense output tensor of `shape` and its view.
func output(_ dtype: DType, _ shape: [Int]) -> Tensor {
  Tensor.uninitialized(dtype: dtype, shape: Shape(shape))
}

/// The devices whose kernels the tests compare.
let fast: any HostKernels = CPUDevice.shared
let reference: any HostKernels = ReferenceDevice.shared
