import RillTestSupport
import Testing

@testable import RillCore

/// conv2D's shapes, hand-worked values and the errors of its shape rules.
struct ConvolutionTests {
  let attributes = Convolution2DAttributes(strides: [1, 1], padding: .same, dilations: [1, 1])

  func spec(_ shape: Shape, _ dtype: DType = .float32) -> TensorSpec {
    TensorSpec(dtype: dtype, shape: shape)
  }

  @Test func sameAndValidOutputShapesFollowTensorFlow() {
    let x = Tensor.zeros(shape: [2, 7, 8, 3])
    let filter = Tensor.zeros(shape: [3, 2, 3, 5])
    // SAME: ⌈in / stride⌉; VALID: ⌈(in − span + 1) / stride⌉ with span = (k − 1)·d + 1.
    #expect(conv2D(x, filter: filter, padding: .same).shape == [2, 7, 8, 5])
    #expect(conv2D(x, filter: filter, strides: (2, 3), padding: .same).shape == [2, 4, 3, 5])
    #expect(conv2D(x, filter: filter).shape == [2, 5, 7, 5])
    #expect(conv2D(x, filter: filter, strides: (2, 3)).shape == [2, 3, 3, 5])
    #expect(conv2D(x, filter: filter, dilations: (3, 2)).shape == [2, 1, 6, 5])
  }

  @Test func samePaddingPutsTheExtraRowAndColumnAtTheBottomRight() {
    // x = [[1, 2], [3, 4]], a 2 × 2 filter of ones, SAME: one padding row below and one column
    // to the right, so y = [[1+2+3+4, 2+4], [3+4, 4]].
    let x = Tensor(shape: [1, 2, 2, 1], scalars: [1, 2, 3, 4] as [Float])
    let y = conv2D(x, filter: Tensor.ones(shape: [2, 2, 1, 1]), padding: .same)
    #expect(y.scalars(as: Float.self) == [10, 6, 7, 4])
  }

  @Test func channelsMixThroughTheFilter() {
    // One pixel with channels (1, 2) and a 1 × 1 filter [[1, 10, 100], [2, 20, 200]]:
    // y = (1·1 + 2·2, 1·10 + 2·20, 1·100 + 2·200).
    let x = Tensor(shape: [1, 1, 1, 2], scalars: [1, 2] as [Double])
    let filter = Tensor(shape: [1, 1, 2, 3], scalars: [1, 10, 100, 2, 20, 200] as [Double])
    #expect(conv2D(x, filter: filter).scalars(as: Double.self) == [5, 50, 500])
  }

  @Test func integerImagesConvolveAsFloat32() {
    let x = Tensor(shape: [1, 3, 3, 1], scalars: [UInt8](1...9))
    let y = conv2D(x, filter: Tensor.ones(shape: [3, 3, 1, 1]))
    #expect(y.dtype == .float32 && y.scalars(as: Float.self) == [45])
  }

  @Test func emptyBatchesAndChannelsGiveEmptyOrZeroOutputs() {
    #expect(
      conv2D(Tensor.zeros(shape: [0, 5, 5, 2]), filter: Tensor.ones(shape: [3, 3, 2, 4])).shape == [
        0, 3, 3, 4,
      ])
    let noChannels = conv2D(
      Tensor.zeros(shape: [1, 3, 3, 0]), filter: Tensor.ones(shape: [2, 2, 0, 2]))
    #expect(
      noChannels.shape == [1, 2, 2, 2] && noChannels.scalars(as: Float.self).allSatisfy { $0 == 0 })
  }

  @Test func shapeRulesRejectOperandsThatDoNotFit() {
    func failure(_ result: Result<TensorSpec, ShapeError>) -> String? {
      if case .failure(let error) = result { return error.description }
      return nil
    }
    let x = spec([2, 7, 7, 3])
    let messages = [
      failure(conv2DOutputSpec(spec([7, 7, 3]), spec([3, 3, 3, 4]), attributes)),
      failure(conv2DOutputSpec(x, spec([3, 3, 2, 4]), attributes)),
      failure(conv2DOutputSpec(x, spec([3, 3, 3, 4], .float64), attributes)),
      failure(
        conv2DOutputSpec(spec([2, 7, 7, 3], .int32), spec([3, 3, 3, 4], .int32), attributes)),
      failure(
        conv2DOutputSpec(
          x, spec([3, 3, 3, 4]),
          Convolution2DAttributes(strides: [0, 1], padding: .same, dilations: [1, 1]))),
      failure(
        conv2DOutputSpec(
          x, spec([8, 3, 3, 4]),
          Convolution2DAttributes(strides: [1, 1], padding: .valid, dilations: [1, 1]))),
      failure(
        conv2DBackpropInputOutputSpec(
          spec([2, 7, 7, 5]), filter: spec([3, 3, 3, 4]), like: x, attributes)),
      failure(
        conv2DBackpropFilterOutputSpec(
          x, spec([2, 6, 7, 4]), like: spec([3, 3, 3, 4]), attributes)),
    ]
    let expected = [
      "conv2d: input [7, 7, 3]", "conv2d: filter [3, 3, 2, 4] does not fit input [2, 7, 7, 3]",
      "conv2d: dtypes float32 and float64", "conv2d: dtypes int32 and int32",
      "conv2d: strides [0, 1]", "conv2d: filter [8, 3, 3, 4] with dilations [1, 1] is larger",
      "conv2d_backprop_input: cotangent float32[2, 7, 7, 5]",
      "conv2d_backprop_filter: cotangent float32[2, 6, 7, 4]",
    ]
    for (message, start) in zip(messages, expected) {
      #expect(message?.hasPrefix(start) == true, "\(message ?? "no error"), expected \(start)…")
    }
  }

  @Test func unknownDimensionsStayUnknown() throws {
    // Graphs under construction leave the batch (or any size) unknown until they run.
    let unknown = Shape.unknown
    let y = try conv2DOutputSpec(spec([unknown, 28, 28, 1]), spec([5, 5, 1, 32]), attributes).get()
    #expect(y.shape == [unknown, 28, 28, 32])
    let valid = Convolution2DAttributes(strides: [2, 2], padding: .valid, dilations: [1, 1])
    let z = try conv2DOutputSpec(spec([2, unknown, 9, unknown]), spec([3, 3, 4, 8]), valid).get()
    #expect(z.shape == [2, unknown, 4, 8])
    let g = try conv2DBackpropFilterOutputSpec(
      spec([unknown, 28, 28, 1]), spec([unknown, 28, 28, 32]), like: spec([5, 5, 1, 32]),
      attributes
    ).get()
    #expect(g.shape == [5, 5, 1, 32])
    let pooling = Pooling2DAttributes(window: [2, 2], strides: [2, 2], padding: .valid)
    let pooled = try pool2DOutputSpec(spec([unknown, 28, unknown, 32]), pooling, op: "max_pool2d")
      .get()
    #expect(pooled.shape == [unknown, 14, unknown, 32])
  }

  @Test func graphsAndCompiledFunctionsGiveTheEagerResults() throws {
    // A conv–relu–pool block with its filter gradient, run eagerly, as a graph with an unknown
    // batch, and as a compiled function.
    let images = Tensor.randomNormal(shape: [3, 9, 8, 2], seed: 1)
    let filter = Variable(Tensor.randomNormal(shape: [3, 3, 2, 4], seed: 2), name: "filter")
    func block(_ x: Tensor) -> Tensor {
      let y = relu(conv2D(x, filter: filter, strides: (2, 1), padding: .same))
      return avgPool2D(maxPool2D(y, poolSize: (2, 2), padding: .same), poolSize: (1, 2))
    }
    let tape = GradientTape()
    let eager = tape.record { square(block(images)).sum() }
    let eagerGradient = tape.gradient(of: eager, wrt: filter)

    let graph = Graph()
    let x = graph.placeholder(.float32, shape: [Shape.unknown, 9, 8, 2], name: "x")
    let loss = square(block(x)).sum()
    let gradient = try #require(graph.gradients(of: loss, wrt: [filter])[0])
    let (lossValue, gradientValue) = try Session(graph: graph).run(
      loss, gradient, feeding: [x: images])
    assertClose(lossValue, eager, rtol: 1e-5)
    assertClose(gradientValue, eagerGradient, rtol: 1e-5, atol: 1e-5)

    let compiled = Function { (x: Tensor) -> Tensor in block(x) }
    assertClose(compiled(images), block(images), rtol: 1e-6, atol: 1e-6)
  }

  @Test func gradientsHaveTheOperandsShapes() {
    let x = Tensor.randomNormal(shape: [2, 9, 8, 3], seed: 1)
    let filter = Tensor.randomNormal(shape: [4, 3, 3, 5], seed: 2)
    let tape = GradientTape()
    tape.watch(x, filter)
    let y = tape.record { conv2D(x, filter: filter, strides: (2, 3), padding: .same) }
    let gradients = tape.gradient(of: y, wrt: [x, filter])
    #expect(gradients.map { $0?.shape } == [x.shape, filter.shape])
  }
}
