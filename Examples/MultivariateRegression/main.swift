// Multivariate linear regression, the house-price model of the TensorFlow tutorials: a price
// from three features (living area, lot size, rooms) as a weighted sum plus an intercept,
// fitted by gradient descent with a tape and the SGD optimizer.
//
//   swift run -c release MultivariateRegression
import Foundation
import Rill

// Synthetic houses: price = 300·area − 10·lot − 1000·rooms + 20000 + noise.
let count = 200
let area = Tensor.randomUniform(shape: [count, 1], lowerBound: 800, upperBound: 2500, seed: 1)
let lot = Tensor.randomUniform(shape: [count, 1], lowerBound: 200, upperBound: 1000, seed: 2)
let rooms = floor(Tensor.randomUniform(shape: [count, 1], lowerBound: 2, upperBound: 7, seed: 3))
let features = concat([area, lot, rooms], alongAxis: 1)
let trueWeights: Tensor = [[300], [-10], [-1000]]
let prices =
  matmul(features, trueWeights) + 20000
  + Tensor.randomNormal(shape: [count, 1], standardDeviation: 5000, seed: 4)

// Standardize features and prices so that one learning rate suits every weight.
let featureMean = features.mean(alongAxes: [0], keepDims: true)
let featureScale = sqrt(square(features - featureMean).mean(alongAxes: [0], keepDims: true))
let priceMean = prices.mean(), priceScale = sqrt(square(prices - priceMean).mean())
let x = (features - featureMean) / featureScale
let y = (prices - priceMean) / priceScale

let weights = Variable(Tensor.zeros(shape: [3, 1]), name: "weights")
let intercept = Variable(Tensor.zeros(shape: [1]), name: "intercept")
let optimizer = SGD(learningRate: 0.1)
for step in 0...200 {
  let tape = GradientTape()
  let loss = tape.record { square(matmul(x, weights) + intercept - y).sum() / Double(count) }
  optimizer.apply(
    gradients: tape.gradient(of: loss, wrt: [weights, intercept]), to: [weights, intercept])
  if step % 40 == 0 { print("step \(step): loss \(loss.item())") }
}

// Back to dollars: price = Σ wᵢ featureᵢ + intercept.
let dollarWeights = weights * priceScale / featureScale.reshaped(to: [3, 1])
let dollarIntercept = priceMean + priceScale * intercept - matmul(featureMean, dollarWeights)
print("weights: \(dollarWeights.flattened())  intercept: \(dollarIntercept.item())")
let rmse = sqrt(square(matmul(features, dollarWeights) + dollarIntercept - prices).mean()).item()
print("root mean squared error: \(rmse) dollars")

let learned = dollarWeights.scalars(as: Double.self)
guard abs(learned[0] - 300) < 15, abs(learned[1] + 10) < 10, rmse < 6000 else {
  print("FAILED: the fit is far from the generating weights")
  exit(1)
}
