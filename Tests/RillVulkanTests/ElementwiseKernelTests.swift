import RillVulkan
import Testing

@testable import RillCore

/// Each elementwise kernel on Vulkan against the CPU device, on broadcast, transposed and offset
/// views with odd sizes.
@Suite struct ElementwiseKernelTests {
  @Test(arguments: UnaryFunction.allCases.filter { $0 != .logicalNot })
  func unaryFloat32MatchesTheCPU(_ function: UnaryFunction) {
    let range: ClosedRange<Double> =
      [.sqrt, .rsqrt, .log].contains(function) ? 0.01...9 : (function == .log1p ? -0.9...5 : -6...6)
    let x = DevicePair.random(shape: [37, 5], in: range)
    // A transposed view of the same memory.
    let xt = DevicePair(elements(x.cpu), shape: [5, 37], strides: [1, 5])
    let y = DevicePair.output(shape: [5, 37])
    CPUDevice.shared.unary(function, xt.cpu, into: y.cpu)
    vulkan.unary(function, xt.gpu, into: y.gpu)
    expectSame(y, rtol: 3e-6, atol: 1e-6, function.name)
  }

  @Test(arguments: [DType.int32, .int64, .float64])
  func unaryIntegerAndFloat64ArithmeticMatchesTheCPU(_ dtype: DType) {
    let x = DevicePair.random(dtype: dtype, shape: [101], in: -50...50)
    for function in [UnaryFunction.negate, .abs, .sign, .square, .relu] {
      let y = DevicePair.output(dtype: dtype, shape: [101])
      CPUDevice.shared.unary(function, x.cpu, into: y.cpu)
      vulkan.unary(function, x.gpu, into: y.gpu)
      expectSame(y, rtol: 0, atol: 0, "\(function.name) \(dtype)")
    }
  }

  @Test func logicalNotFlipsBools() {
    let x = DevicePair([1, 0, 0, 1, 1], dtype: .bool, shape: [5])
    let y = DevicePair.output(dtype: .bool, shape: [5])
    CPUDevice.shared.unary(.logicalNot, x.cpu, into: y.cpu)
    vulkan.unary(.logicalNot, x.gpu, into: y.gpu)
    #expect(elements(y.gpu) == [0, 1, 1, 0, 0])
  }

  @Test(arguments: BinaryFunction.allCases)
  func binaryFloat32BroadcastsLikeTheCPU(_ function: BinaryFunction) {
    let a = DevicePair.random(shape: [7, 1, 9], in: function == .pow ? 0.1...3 : -4...4)
    var b = DevicePair.random(shape: [6, 9], in: -3...3, seed: 2)
    if function == .divide || function == .floorMod {
      b = DevicePair(elements(b.cpu).map { $0 == 0 ? 1 : $0 }, shape: [6, 9])
    }
    let y = DevicePair.output(shape: [7, 6, 9])
    func broadcast(_ view: DeviceView, _ strides: [Int]) -> DeviceView {
      var v = view
      v.shape = [7, 6, 9]
      v.strides = strides
      return v
    }
    for (device, pa, pb, py) in [
      (CPUDevice.shared as any Device, a.cpu, b.cpu, y.cpu), (vulkan, a.gpu, b.gpu, y.gpu),
    ] {
      device.binary(function, broadcast(pa, [9, 0, 1]), broadcast(pb, [0, 9, 1]), into: py)
    }
    expectSame(y, rtol: 2e-6, atol: 1e-6, function.name)
  }

  @Test(arguments: [DType.int32, .int64, .uint8])
  func binaryIntegersWrapAndFloorLikeTheCPU(_ dtype: DType) {
    let range: ClosedRange<Double> = dtype == .uint8 ? 0...255 : -100...100
    let a = DevicePair.random(dtype: dtype, shape: [200], in: range)
    let b = DevicePair.random(
      dtype: dtype, shape: [200], in: dtype == .uint8 ? 0...9 : -9...9, seed: 3)
    for function in BinaryFunction.allCases {
      let y = DevicePair.output(dtype: dtype, shape: [200])
      CPUDevice.shared.binary(function, a.cpu, b.cpu, into: y.cpu)
      vulkan.binary(function, a.gpu, b.gpu, into: y.gpu)
      expectSame(y, rtol: 0, atol: 0, "\(function.name) \(dtype)")
    }
  }

  @Test(arguments: [DType.float32, .int32, .int64, .bool])
  func comparisonsMatchTheCPU(_ dtype: DType) {
    let a = DevicePair.random(dtype: dtype, shape: [50], in: dtype == .bool ? 0...1.99 : -3...3)
    let b = DevicePair.random(
      dtype: dtype, shape: [50], in: dtype == .bool ? 0...1.99 : -3...3, seed: 5)
    let functions = ComparisonFunction.allCases.filter {
      dtype == .bool || ($0 != .logicalAnd && $0 != .logicalOr)
    }
    for function in functions {
      let y = DevicePair.output(dtype: .bool, shape: [50])
      CPUDevice.shared.compare(function, a.cpu, b.cpu, into: y.cpu)
      vulkan.compare(function, a.gpu, b.gpu, into: y.gpu)
      expectSame(y, rtol: 0, atol: 0, "\(function.name) \(dtype)")
    }
  }

  @Test(arguments: [DType.float32, .int64, .bool])
  func selectPicksLikeTheCPU(_ dtype: DType) {
    let condition = DevicePair.random(dtype: .bool, shape: [33], in: 0...1.99)
    let a = DevicePair.random(dtype: dtype, shape: [33], in: 0...5)
    let b = DevicePair.random(dtype: dtype, shape: [33], in: 0...5, seed: 9)
    let y = DevicePair.output(dtype: dtype, shape: [33])
    CPUDevice.shared.select(condition.cpu, a.cpu, b.cpu, into: y.cpu)
    vulkan.select(condition.gpu, a.gpu, b.gpu, into: y.gpu)
    expectSame(y, rtol: 0, atol: 0, "select \(dtype)")
  }

  @Test func castsConvertLikeTheCPUBetweenEveryPairOfDTypes() {
    let values: [Double] = [-300.7, -2.5, -1, -0.5, 0, 0.5, 1, 1.5, 2.5, 127.9, 255.5, 3e9, .nan]
    for source in DType.allCases {
      let usable =
        source.isFloatingPoint
        ? values
        : values.filter { !$0.isNaN }.map {
          source == .uint8
            ? Swift.min(Swift.max($0.rounded(.towardZero), 0), 255)
            : source == .bool
              ? ($0 != 0 ? 1 : 0)
              : source == .int32
                ? Swift.min(Swift.max($0.rounded(.towardZero), -2e9), 2e9)
                : $0.rounded(.towardZero)
        }
      let x = DevicePair(usable, dtype: source, shape: [usable.count])
      for target in DType.allCases {
        let y = DevicePair.output(dtype: target, shape: [usable.count])
        CPUDevice.shared.cast(x.cpu, into: y.cpu)
        vulkan.cast(x.gpu, into: y.gpu)
        expectSame(y, rtol: 0, atol: 0, "cast \(source) to \(target)")
      }
    }
  }

  @Test func copyWritesIntoAStridedSliceOfALargerOutput() {
    let x = DevicePair.random(shape: [4, 3])
    let y = DevicePair([Double](repeating: 7, count: 40), shape: [4, 10])
    func slice(_ view: DeviceView) -> DeviceView {
      var v = view.offset(byElements: 2)
      v.shape = [4, 3]
      return v
    }
    CPUDevice.shared.copy(x.cpu, into: slice(y.cpu))
    vulkan.copy(x.gpu, into: slice(y.gpu))
    expectSame(y, rtol: 0, atol: 0, "copy into a slice")
  }

  @Test func fusedChainsMatchTheCPU() {
    // relu(a * b + tanh(c)) with c broadcast along rows.
    var program = FusedElementwise()
    program.inputCount = 3
    program.operations = [
      .binary(.multiply, .input(0), .input(1)), .unary(.tanh, .input(2)),
      .binary(.add, .temporary(0), .temporary(1)), .unary(.relu, .temporary(2)),
    ]
    let a = DevicePair.random(shape: [9, 13])
    let b = DevicePair.random(shape: [9, 13], seed: 4)
    let c = DevicePair.random(shape: [13], seed: 6)
    func rows(_ view: DeviceView) -> DeviceView {
      var v = view
      v.shape = [9, 13]
      v.strides = [0, 1]
      return v
    }
    let y = DevicePair.output(shape: [9, 13])
    CPUDevice.shared.fusedElementwise(program, [a.cpu, b.cpu, rows(c.cpu)], into: y.cpu)
    vulkan.fusedElementwise(program, [a.gpu, b.gpu, rows(c.gpu)], into: y.gpu)
    expectSame(y, rtol: 3e-6, atol: 1e-6, program.name)
  }
}
