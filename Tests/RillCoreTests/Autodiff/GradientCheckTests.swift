import RillTestSupport
import Testing

@testable import RillCore

/// Every differentiable op's gradient against central finite differences, in float64.
struct GradientCheckTests {
  /// A float64 tensor of `shape` with seeded values in `range`.
  func input(_ shape: Shape, _ range: ClosedRange<Double> = -2...2, seed: UInt64 = 1) -> Tensor {
    var generator = SplitMix64(seed: seed)
    let values = (0..<shape.scalarCount).map { _ in Double.random(in: range, using: &generator) }
    return Tensor(shape: shape, scalars: values)
  }

  func check(
    _ name: String, _ inputs: [Tensor], rtol: Double = 1e-6, atol: Double = 1e-7,
    sourceLocation: SourceLocation = #_sourceLocation, _ function: @escaping ([Tensor]) -> Tensor
  ) {
    if let failure = gradientCheckFailure(function, at: inputs, rtol: rtol, atol: atol) {
      Issue.record(Comment(rawValue: "\(name): \(failure)"), sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: UnaryFunction.allCases.filter { $0 != .logicalNot })
  func unaryFunctions(_ function: UnaryFunction) {
    let positive: Set<UnaryFunction> = [.sqrt, .rsqrt, .log, .log1p, .reciprocal]
    // Keep away from the kinks of abs, relu and sign and the jumps of floor, ceil and round.
    let x =
      positive.contains(function)
      ? input([3, 4], 0.5...3) : input([3, 4], 0.1...1.9) * [1, -1, 1, -1]
    check(function.name, [x]) { apply(.unary(function), $0[0]) }
  }

  @Test(arguments: BinaryFunction.allCases)
  func binaryFunctionsWithBroadcasting(_ function: BinaryFunction) {
    let shapes: [(Shape, Shape)] = [
      ([3, 4], [3, 4]), ([2, 1, 3], [4, 1]), ([5], []), ([1, 4], [3, 1]),
    ]
    for (index, (left, right)) in shapes.enumerated() {
      let positive = function == .pow || function == .floorMod
      let a = input(left, positive ? 0.5...2 : -2...2, seed: UInt64(index))
      let b = input(right, positive ? 0.5...1.5 : -2...2, seed: UInt64(index) + 100)
      check("\(function.name) \(left) \(right)", [a, b]) { apply(.binary(function), $0[0], $0[1]) }
    }
  }

  @Test func selectAndComposites() {
    let condition = input([3, 4]) .> 0
    check("where", [input([3, 4]), input([4], seed: 2)]) { Tensor.where(condition, $0[0], $0[1]) }
    check("squaredDifference", [input([3, 4]), input([3, 1], seed: 3)]) {
      squaredDifference($0[0], $0[1])
    }
    check("clip", [input([12])]) { clip($0[0], min: -0.5, max: 0.7) }
    check("logSumExp", [input([2, 3, 4])]) { $0[0].logSumExp(alongAxes: [0, 2]) }
    check("castRoundTrip", [input([4])]) { $0[0].cast(to: .float64) * 2 }
  }

  @Test(arguments: ReduceFunction.allCases)
  func reductionsOverAxes(_ function: ReduceFunction) {
    let x = function == .product ? input([2, 3, 4], 0.5...1.5) : input([2, 3, 4])
    for axes in [[0], [1], [2], [0, 2], [0, 1, 2]] {
      check("\(function.name) \(axes)", [x]) {
        apply(.reduce(function, axes: axes), $0[0])
      }
    }
  }

  @Test func productGradientIsExactWithZeros() {
    // With one zero, only the zero's partial derivative survives: the product of the others.
    let x: Tensor = [[2, 0, 3], [1, 2, 4], [0, 5, 0]]
    let tape = GradientTape()
    let input = x.cast(to: .float64)
    tape.watch(input)
    let y = tape.record { input.product(alongAxes: [1]) }
    let gradient = tape.gradient(of: y, wrt: input)
    #expect(gradient.scalars(as: Double.self) == [0, 6, 0, 8, 4, 2, 0, 0, 0])
  }

  @Test func maxSharesItsGradientAmongTies() {
    let x = Tensor([1, 3, 3, 2] as [Double])
    let (_, gradients) = valueWithGradient(at: [x]) { x.max() }
    #expect(gradients[0].scalars(as: Double.self) == [0, 0.5, 0.5, 0])
  }

  @Test func scansAndMatrixProducts() {
    for exclusive in [false, true] {
      for reverse in [false, true] {
        check("cumsum \(exclusive) \(reverse)", [input([3, 4])]) {
          $0[0].cumulativeSum(alongAxis: 1, exclusive: exclusive, reverse: reverse)
        }
      }
    }
    for transposeA in [false, true] {
      for transposeB in [false, true] {
        let a = input(transposeA ? [2, 5, 3] : [2, 3, 5])
        let b = input(transposeB ? [4, 5] : [5, 4], seed: 9)
        check("matmul \(transposeA) \(transposeB)", [a, b]) {
          matmul($0[0], $0[1], transposeA: transposeA, transposeB: transposeB)
        }
      }
    }
  }

  @Test func movementAndIndexing() {
    let x = input([2, 3, 4])
    check("reshape", [x]) { $0[0].reshaped(to: [4, -1]) }
    check("transpose", [x]) { $0[0].transposed(permutation: [2, 0, 1]) }
    check("broadcast", [input([3, 1])]) { $0[0].broadcasted(to: [2, 3, 4]) }
    check("reverse", [x]) { $0[0].reversed(alongAxes: [0, 2]) }
    check("expand and squeeze", [x]) {
      $0[0].expandingShape(alongAxis: 1).squeezingShape(alongAxes: 1) * 3
    }
    check("strided slice", [x]) {
      $0[0][TensorRange.ellipsis, TensorRange.range(from: 3, to: 0, by: -2)]
    }
    check("index", [x]) { $0[0][1, 0..., -1] }
    check("slice", [x]) { $0[0].slice(lowerBounds: [0, 1, 1], sizes: [2, 2, -1]) }
    check("pad", [x]) {
      $0[0].padded(with: [
        Padding(before: 0, after: 1), Padding(before: 2, after: 0), Padding(before: 1, after: 1),
      ])
    }
    check("concat", [x, input([2, 2, 4], seed: 5)]) { concat([$0[0], $0[1]], alongAxis: 1) }
    check("stack", [x, x * 2]) { stack([$0[0], $0[1]], alongAxis: 2) }
    check("unstack", [x]) { $0[0].unstacked(alongAxis: 1)[2] * 5 }
    check("split", [x]) { $0[0].split(sizes: [1, 3], alongAxis: 2)[1] }
    check("tile", [x]) { $0[0].tiled(multiples: [1, 2, 1]) }
    let indices: Tensor = [[2, 0], [2, 2]]
    check("gather", [x, indices]) { $0[0].gathering(atIndices: $0[1], alongAxis: 1) }
    check("embedding lookup", [input([6, 4]), Tensor([5, 0, 5] as [Int32])]) {
      $0[0].gathering(atIndices: $0[1])
    }
  }

  @Test func gradientsOfGradientsMatchFiniteDifferences() {
    // The tape's gradient is itself differentiable: check d/dx of dy/dx numerically.
    let x = input([5])
    check("d/dx of tanh's gradient", [x]) { arguments in
      let inner = GradientTape()
      let input = arguments[0]
      inner.watch(input)
      let y = inner.record { tanh(input) }
      return inner.gradient(of: y, wrt: input)
    }
    let a = input([3, 4]), b = input([4, 2], seed: 4)
    check("d/da of matmul's gradient", [a, b]) { arguments in
      let inner = GradientTape()
      inner.watch(arguments[1])
      let y = inner.record { square(matmul(arguments[0], arguments[1])).sum() }
      return inner.gradient(of: y, wrt: arguments[1])
    }
  }

  @Test func convolutionAndItsGradientPrimitives() {
    let cases: [(Shape, Shape, (Int, Int), ConvolutionPadding, (Int, Int))] = [
      ([2, 5, 6, 3], [3, 2, 3, 4], (1, 1), .same, (1, 1)),
      ([1, 7, 6, 2], [3, 3, 2, 3], (2, 3), .same, (1, 1)),
      ([2, 6, 7, 2], [2, 3, 2, 2], (2, 1), .valid, (1, 1)),
      ([1, 7, 7, 2], [2, 2, 2, 3], (1, 2), .same, (2, 3)),
      ([1, 8, 6, 1], [3, 2, 1, 2], (2, 2), .valid, (2, 1)),
    ]
    for (index, (xShape, filterShape, strides, padding, dilations)) in cases.enumerated() {
      let x = input(xShape, seed: UInt64(index))
      let w = input(filterShape, seed: UInt64(index) + 10)
      let name = "\(xShape) \(filterShape) strides \(strides) \(padding) dilations \(dilations)"
      func convolve(_ x: Tensor, _ w: Tensor) -> Tensor {
        conv2D(x, filter: w, strides: strides, padding: padding, dilations: dilations)
      }
      check("conv2d \(name)", [x, w]) { convolve($0[0], $0[1]) }
      // Each gradient primitive against its own VJP; the shape-giving input gets none.
      let attributes = Convolution2DAttributes(
        strides: [strides.0, strides.1], padding: padding, dilations: [dilations.0, dilations.1])
      let g = input(convolve(x, w).shape, seed: UInt64(index) + 20)
      check("conv2d_backprop_input \(name)", [g, w, x]) {
        apply(.conv2DBackpropInput(attributes), $0[0], $0[1], $0[2])
      }
      check("conv2d_backprop_filter \(name)", [x, g, w]) {
        apply(.conv2DBackpropFilter(attributes), $0[0], $0[1], $0[2])
      }
    }
  }

  @Test func secondDerivativesOfConvolutionMatchFiniteDifferences() {
    // y = Σ conv2d(x, w)² makes both first derivatives depend on x and w, so the outer check
    // runs the VJPs of both gradient primitives.
    let x = input([2, 5, 6, 2]), w = input([3, 2, 2, 3], seed: 7)
    func loss(_ x: Tensor, _ w: Tensor) -> Tensor {
      square(conv2D(x, filter: w, strides: (2, 1), padding: .same)).sum()
    }
    check("d/d(x, w) of conv2d's filter gradient", [x, w]) { arguments in
      let inner = GradientTape()
      inner.watch(arguments[1])
      let y = inner.record { loss(arguments[0], arguments[1]) }
      return inner.gradient(of: y, wrt: arguments[1])
    }
    check("d/d(x, w) of conv2d's input gradient", [x, w]) { arguments in
      let inner = GradientTape()
      inner.watch(arguments[0])
      let y = inner.record { loss(arguments[0], arguments[1]) }
      return inner.gradient(of: y, wrt: arguments[0])
    }
  }

  @Test func poolingAndItsGradientPrimitives() {
    let cases: [(Shape, (Int, Int), (Int, Int), ConvolutionPadding)] = [
      ([2, 5, 6, 3], (2, 2), (2, 2), .valid), ([1, 5, 5, 2], (3, 3), (1, 1), .same),
      ([1, 7, 6, 2], (3, 2), (2, 3), .same), ([2, 6, 5, 1], (2, 3), (1, 2), .valid),
    ]
    for (index, (shape, window, strides, padding)) in cases.enumerated() {
      let x = input(shape, seed: UInt64(index))
      let name = "\(shape) window \(window) strides \(strides) \(padding)"
      check("max_pool2d \(name)", [x]) {
        maxPool2D($0[0], poolSize: window, strides: strides, padding: padding)
      }
      check("avg_pool2d \(name)", [x]) {
        avgPool2D($0[0], poolSize: window, strides: strides, padding: padding)
      }
      // The gradient primitives against their own VJPs, max pooling's with x held fixed (its
      // maxima do not move under small steps).
      let attributes = Pooling2DAttributes(
        window: [window.0, window.1], strides: [strides.0, strides.1], padding: padding)
      let pooledShape = maxPool2D(x, poolSize: window, strides: strides, padding: padding).shape
      let g = input(pooledShape, seed: UInt64(index) + 30)
      check("max_pool_grad \(name)", [g]) { apply(.maxPool2DGradient(attributes), $0[0], x) }
      check("max_pool_grad_grad \(name)", [input(shape, seed: 40)]) {
        apply(.maxPool2DGradientGradient(attributes), $0[0], x)
      }
      check("avg_pool_grad \(name)", [g, x]) {
        apply(.avgPool2DGradient(attributes), $0[0], $0[1])
      }
    }
  }

  @Test func secondDerivativesOfPoolingMatchFiniteDifferences() {
    let x = input([2, 5, 5, 2])
    for max in [true, false] {
      check("d/dx of \(max ? "max" : "average") pooling's gradient", [x]) { arguments in
        let inner = GradientTape()
        inner.watch(arguments[0])
        let y = inner.record {
          let pooled =
            max
            ? maxPool2D(arguments[0], poolSize: (3, 3), strides: (2, 2), padding: .same)
            : avgPool2D(arguments[0], poolSize: (3, 3), strides: (2, 2), padding: .same)
          return square(pooled).sum()
        }
        return inner.gradient(of: y, wrt: arguments[0])
      }
    }
  }
}
