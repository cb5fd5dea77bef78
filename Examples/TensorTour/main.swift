// A tour of Rill's tensors: creation, broadcasting, matrix products, reductions, indexing and
// seeded random numbers. Run it with `make demo` or `swift run -c release TensorTour`.
import Rill

print("Tensors are written as literals or built from Swift arrays:")
let x: Tensor = [[1, 2, 3], [4, 5, 6]]
print(x)
let pixels = Tensor(shape: [2, 2], scalars: [0, 64, 128, 255] as [UInt8])
print(pixels.cast(to: .float32) / 255)

print("\nBroadcasting stretches size-1 and missing dimensions:")
let column: Tensor = [[10], [20]]
print(x * column + [0.5, 0.25, 0.125])

print("\nMatrix products (OpenBLAS for floats), with transposes for free:")
let a = Tensor.range(0, 6).cast(to: .float32).reshaped(to: [2, 3])
print(matmul(a, a, transposeB: true))

print("\nReductions over all or some axes:")
print("sum:", x.sum().item(), " mean over rows:", x.mean(alongAxes: [0]))
print("argmax per row:", x.argmax(alongAxis: 1))
print("logSumExp of [1000, 1000] without overflow:", Tensor([1000, 1000] as [Float]).logSumExp())

print("\nIndexing and slicing as with arrays:")
let cube = Tensor.range(0, 24).reshaped(to: [2, 3, 4])
print(
  "cube[1]:", cube[1].shape, " cube[0..., 1]:", cube[0..., 1], " cube[..., -1]:",
  cube[TensorRange.ellipsis, -1].shape)

print("\nThe linear-regression data of the TF2 tutorial, with a seeded uniform noise:")
let inputs = Tensor.range(1, 5, 0.1)
let targets =
  3.5 * inputs - 1
  + Tensor.randomUniform(shape: inputs.shape, lowerBound: -1, upperBound: 1, seed: 0)
print("x has \(inputs.scalarCount) points; y starts with", targets[..<4])

print("\nA large tensor prints in summary:")
print(Tensor.randomNormal(shape: [1000, 1000], seed: 1))

print("\nElementwise math runs vectorized on all cores:")
let big = Tensor.randomNormal(shape: [4096, 4096], seed: 2)
let activated = tanh(exp(big * 0.1))
print("mean of tanh(exp(0.1 x)) over 16M samples:", activated.mean().item())
