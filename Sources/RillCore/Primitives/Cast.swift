// The cast primitive: conversion to another dtype. Floats become integers by truncation toward
// zero, saturating at the integer type's range (NaN gives 0); integers wrap around when narrowed;
// any nonzero value becomes true.

func castOutputSpec(_ x: TensorSpec, to dtype: DType) -> Result<TensorSpec, ShapeError> {
  .success(TensorSpec(dtype: dtype, shape: x.shape))
}

/// A cast is the identity on the values it keeps: the cotangent casts back.
///
/// Casts from integers and booleans have no gradient.
func castVJP(_ x: Tensor, cotangent g: Tensor) -> Tensor? {
  x.dtype.isFloatingPoint ? g.cast(to: x.dtype) : nil
}

func executeCast(_ x: Tensor, output: TensorSpec) -> Tensor {
  if x.dtype == output.dtype { return Tensor(x) }
  let y = Tensor.uninitialized(dtype: output.dtype, shape: output.shape, on: x.device)
  x.device.cast(x.deviceView, into: y.deviceView)
  return y
}
