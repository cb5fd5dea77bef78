import Rill

/// The tensor-core workloads of issue 2: float32 matrix products, elementwise ops at 1M and 16M
/// elements, and reductions and broadcasting on a 4096 × 4096 matrix.
///
/// Their NumPy counterparts are in `Benchmarks/reference/kernels.py` and use the same names.
func kernelBenchmarks() {
  for n in [256, 512, 1024, 2048] {
    let a = Tensor.randomNormal(shape: [n, n], seed: 1)
    let b = Tensor.randomNormal(shape: [n, n], seed: 2)
    emit(
      rate("gemm.f32.\(n)", unit: "GFLOP/s", amount: 2 * Double(n * n * n) / 1e9) {
        _ = matmul(a, b)
      })
  }
  for (label, count) in [("1M", 1 << 20), ("16M", 1 << 24)] {
    let a = Tensor.randomNormal(shape: [count], seed: 3)
    let b = Tensor.randomNormal(shape: [count], seed: 4)
    let gigabytes = Double(count) * 4 / 1e9
    emit(rate("add.f32.\(label)", unit: "GB/s", amount: 3 * gigabytes) { _ = a + b })
    emit(rate("multiply.f32.\(label)", unit: "GB/s", amount: 3 * gigabytes) { _ = a * b })
    emit(rate("relu.f32.\(label)", unit: "GB/s", amount: 2 * gigabytes) { _ = relu(a) })
    emit(rate("exp.f32.\(label)", unit: "GB/s", amount: 2 * gigabytes) { _ = exp(a) })
  }
  let n = 4096
  let matrix = Tensor.randomNormal(shape: [n, n], seed: 5)
  let row = Tensor.randomNormal(shape: [n], seed: 6)
  let matrixGigabytes = Double(n * n) * 4 / 1e9
  for axis in [0, 1] {
    emit(
      rate("sum.axis\(axis).4096x4096", unit: "GB/s", amount: matrixGigabytes) {
        _ = matrix.sum(alongAxes: [axis])
      })
    emit(
      rate("max.axis\(axis).4096x4096", unit: "GB/s", amount: matrixGigabytes) {
        _ = matrix.max(alongAxes: [axis])
      })
  }
  emit(
    rate(
      "broadcast_add.4096x4096+4096", unit: "GB/s",
      amount: 2 * matrixGigabytes + Double(n) * 4 / 1e9
    ) {
      _ = matrix + row
    })
}
