import RillCore
import RillNN
import RillTestSupport
import Testing

struct MetricTests {
  @Test func meanAccumulatesWeightedValuesUntilReset() {
    let mean = Mean()
    mean.update(values: [1, 2, 3])
    mean.update(values: [10], sampleWeight: Tensor(3.0, dtype: .float32))
    #expect(mean.result().item() == 6)  // (1 + 2 + 3 + 30) / 6
    mean.reset()
    #expect(mean.result().item() == 0)
  }

  @Test func accuraciesCompareTheRightThings() {
    let sparse = SparseCategoricalAccuracy()
    sparse.update(
      labels: Tensor([0, 2, 1] as [Int32]),
      predictions: [[0.9, 0.1, 0], [0.1, 0.2, 0.7], [0.6, 0.3, 0.1]])
    #expect(abs(sparse.result().item() - 2.0 / 3) < 1e-6)
    let categorical = CategoricalAccuracy()
    categorical.update(labels: [[0, 1], [1, 0]], predictions: [[0.2, 0.8], [0.3, 0.7]])
    #expect(categorical.result().item() == 0.5)
    let binary = BinaryAccuracy()
    binary.update(labels: [[1], [0], [1]], predictions: [[0.6], [0.4], [0.2]])
    #expect(abs(binary.result().item() - 2.0 / 3) < 1e-6)
    let exact = Accuracy()
    exact.update(labels: [1, 2, 3], predictions: [1, 0, 3])
    #expect(abs(exact.result().item() - 2.0 / 3) < 1e-6)
  }

  @Test func topKCountsLabelsAmongTheHighestScores() {
    let topTwo = TopKCategoricalAccuracy(k: 2, oneHotLabels: false)
    topTwo.update(
      labels: Tensor([2, 0] as [Int32]), predictions: [[0.1, 0.5, 0.4], [0.1, 0.5, 0.4]])
    #expect(topTwo.result().item() == 0.5)
  }

  @Test func precisionAndRecallCountDecisions() {
    let precision = Precision(), recall = Recall()
    let labels: Tensor = [1, 1, 0, 0, 1]
    let predictions: Tensor = [0.9, 0.2, 0.8, 0.1, 0.7]
    precision.update(labels: labels, predictions: predictions)
    recall.update(labels: labels, predictions: predictions)
    // TP = 2, FP = 1, FN = 1.
    #expect(abs(precision.result().item() - 2.0 / 3) < 1e-6)
    #expect(abs(recall.result().item() - 2.0 / 3) < 1e-6)
  }

  @Test func compileResolvesAccuracyFromTheLoss() throws {
    let model = Sequential { Dense(2) }
    try model.compile(
      optimizer: "sgd", loss: "sparse_categorical_crossentropy", metrics: ["accuracy", "mse"])
    #expect(model.metrics[0] is SparseCategoricalAccuracy && model.metrics[0].name == "accuracy")
    #expect(model.metrics[1] is LossMean && model.metrics[1].name == "mse")
    try model.compile(
      optimizer: SGD(), loss: .categoricalCrossentropy, metrics: ["accuracy", Recall()])
    #expect(model.metrics[0] is CategoricalAccuracy && model.metrics[1] is Recall)
  }
}
