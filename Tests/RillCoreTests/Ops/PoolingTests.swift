import RillTestSupport
import Testing

@testable import RillCore

/// maxPool2D and avgPool2D: shapes, TensorFlow's border and tie rules, and shape-rule errors.
struct PoolingTests {
  /// 1…9 as a 3 × 3 single-channel image.
  let image = Tensor(shape: [1, 3, 3, 1], scalars: (1...9).map(Float.init))

  @Test func samePaddingAveragesOnlyCellsInsideTheImage() {
    // 2 × 2 windows, stride 2, SAME on 3 × 3: one padding row and column at the bottom right, so
    // the windows hold [1, 2, 4, 5], [3, 6], [7, 8] and [9].
    let y = avgPool2D(image, poolSize: (2, 2), padding: .same)
    #expect(y.shape == [1, 2, 2, 1] && y.scalars(as: Float.self) == [3, 4.5, 7.5, 9])
    #expect(
      maxPool2D(image, poolSize: (2, 2), padding: .same).scalars(as: Float.self) == [5, 6, 8, 9])
  }

  @Test func stridesDefaultToThePoolSize() {
    let x = Tensor.zeros(shape: [2, 7, 6, 3])
    #expect(maxPool2D(x, poolSize: (2, 3)).shape == [2, 3, 2, 3])
    #expect(avgPool2D(x, poolSize: (3, 3), strides: (1, 1)).shape == [2, 5, 4, 3])
    #expect(avgPool2D(x, poolSize: (3, 3), strides: (2, 2), padding: .same).shape == [2, 4, 3, 3])
  }

  @Test func maxPoolingGradientGoesToTheFirstOfEqualMaxima() {
    // One 2 × 2 window [[1, 3], [3, 2]]: the gradient goes to the first 3 in row-major order.
    let x = Tensor(shape: [1, 2, 2, 1], scalars: [1, 3, 3, 2] as [Float])
    let tape = GradientTape()
    tape.watch(x)
    let y = tape.record { maxPool2D(x, poolSize: (2, 2)) }
    #expect(tape.gradient(of: y, wrt: x).scalars(as: Float.self) == [0, 1, 0, 0])
  }

  @Test func overlappingWindowsAddTheirGradients() {
    // 2 × 2 windows at stride 1 over 1…9: the maxima are 5, 6, 8, 9, each its own cell; the
    // average's gradient counts how many windows cover each cell, divided by 4.
    let tape = GradientTape(persistent: true)
    tape.watch(image)
    let (maxima, means) = tape.record {
      (
        maxPool2D(image, poolSize: (2, 2), strides: (1, 1)),
        avgPool2D(image, poolSize: (2, 2), strides: (1, 1))
      )
    }
    #expect(
      tape.gradient(of: maxima, wrt: image).scalars(as: Float.self) == [0, 0, 0, 0, 1, 1, 0, 1, 1])
    #expect(
      tape.gradient(of: means, wrt: image).scalars(as: Float.self)
        == [0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25])
  }

  @Test func shapeRulesRejectInputsThatDoNotFit() {
    let attributes = Pooling2DAttributes(window: [2, 2], strides: [2, 2], padding: .valid)
    func failure(_ result: Result<TensorSpec, ShapeError>) -> String? {
      if case .failure(let error) = result { return error.description }
      return nil
    }
    let x = TensorSpec(dtype: .float32, shape: [1, 4, 4, 2])
    let messages = [
      failure(
        pool2DOutputSpec(
          TensorSpec(dtype: .float32, shape: [4, 4, 2]), attributes, op: "max_pool2d")),
      failure(
        pool2DOutputSpec(
          TensorSpec(dtype: .int64, shape: [1, 4, 4, 2]), attributes, op: "avg_pool2d")),
      failure(
        pool2DOutputSpec(
          x, Pooling2DAttributes(window: [5, 1], strides: [1, 1], padding: .valid), op: "max_pool2d"
        )),
      failure(
        pool2DOutputSpec(
          x, Pooling2DAttributes(window: [2, 2], strides: [1, 0], padding: .same), op: "max_pool2d")
      ),
      failure(
        pool2DGradientOutputSpec(
          TensorSpec(dtype: .float32, shape: [1, 3, 2, 2]), like: x, attributes, op: "max_pool_grad"
        )),
    ]
    let expected = [
      "max_pool2d: input [4, 4, 2] must be NHWC", "avg_pool2d: dtype int64",
      "max_pool2d: window [5, 1] is larger than input [1, 4, 4, 2]",
      "max_pool2d: window [2, 2] and strides [1, 0]",
      "max_pool_grad: cotangent float32[1, 3, 2, 2]",
    ]
    for (message, start) in zip(messages, expected) {
      #expect(message?.hasPrefix(start) == true, "\(message ?? "no error"), expected \(start)…")
    }
  }
}
