// The cast primitive: conversion to another dtype. Floats become integers by truncation toward
// zero, saturating at the integer type's range (NaN gives 0); integers wrap around when narrowed;
// any nonzero value becomes true.

func executeCast(_ x: Tensor, output: TensorSpec) -> Tensor {
  if x.dtype == output.dtype { return Tensor(x) }
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape)
  x.device.cast(x.view, into: y.view)
  return y
}
