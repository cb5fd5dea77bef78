import Testing
@testable import RillCore

@Test func smoke() {
  let x: Tensor = [[1, 2, 3], [4, 5, 6]]
  print(x)
  let y = (x * 2 + 1).sum(alongAxes: [1])
  print(y)
  print(matmul(x, x, transposeB: true))
  let f = Tensor.range(1, 5, 0.1)
  print(f.shape, f)
  print(exp(f[..<5]), tanh(f[..<5]), log(f[..<5]))
  print(Tensor.randomNormal(shape: [2, 3], seed: 1))
  print(Tensor.oneHot([2, 0, 1], depth: 3))
  print(x[1], x[0..., 1], x[TensorRange.ellipsis, -1], x.transposed())
  print(Tensor.zeros(shape: [3, 400]))
  print(x.logSumExp(alongAxes: [1]))
}
