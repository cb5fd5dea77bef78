import Foundation
import RillCore
import RillData
import RillNN
import RillTestSupport
import Testing

/// Weights of small Keras models trained in Python load into the equivalent Rill models, which then
/// predict what Keras predicted.
///
/// The fixtures and the script that wrote them are in `Fixtures/` (see `keras_interop.py`).
@Suite struct KerasInteropTests {
  private static let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The input batch and Keras's predictions for it.
  private func inputAndPredictions(_ name: String) throws -> (x: Tensor, y: Tensor) {
    let arrays = try NPZ.read(contentsOf: Self.fixtures.appendingPathComponent(name))
    return (try #require(arrays["x"]), try #require(arrays["y"]))
  }

  /// Loads `weights` into `model` (built on `x` first) and checks its predictions against
  /// Keras's; the model's own starting weights must not pass the same check.
  private func check(_ model: Sequential, weights: String, io: String) throws {
    let (x, y) = try inputAndPredictions(io)
    let before = model.predict(x)
    #expect(closenessFailure(before, y, rtol: 1e-4, atol: 1e-5) != nil)
    try model.loadWeights(from: Self.fixtures.appendingPathComponent(weights))
    assertClose(model.predict(x), y, rtol: 1e-4, atol: 1e-5)
  }

  @Test func anMLPTrainedInKerasPredictsTheSameFromNPZ() throws {
    let model = Sequential {
      Flatten()
      Dense(16, activation: .relu)
      LayerNormalization()
      Dropout(rate: 0.3)
      Dense(4, activation: .softmax)
    }
    try check(model, weights: "keras-mlp.npz", io: "keras-mlp-io.npz")
  }

  @Test func aCNNTrainedInKerasPredictsTheSameFromSafetensors() throws {
    let model = Sequential {
      Conv2D(4, kernelSize: 3, padding: .same, activation: .relu)
      BatchNormalization()
      MaxPooling2D(poolSize: 2)
      Conv2D(6, kernelSize: 3, padding: .valid, activation: .relu)
      GlobalAveragePooling2D()
      Dense(3, activation: .softmax)
    }
    try check(model, weights: "keras-cnn.safetensors", io: "keras-cnn-io.npz")
  }
}
