/// The dtype rules for ops with several operands.
///
/// Operands of one dtype stay as they are. Otherwise a weakly typed operand (a Swift literal or
/// number) takes the other operand's dtype unless that would lose its kind (a real literal
/// meeting an integer tensor gives float32); two tensors of different dtypes meet at
/// ``DType/promoted(with:)``.
func commonDType(_ a: Tensor, _ b: Tensor) -> DType {
  if a.dtype == b.dtype { return a.dtype }
  switch (a.isWeaklyTyped, b.isWeaklyTyped) {
  case (true, false): return weakResult(a.dtype, meeting: b.dtype)
  case (false, true): return weakResult(b.dtype, meeting: a.dtype)
  default: return a.dtype.promoted(with: b.dtype)
  }
}

/// The dtype a weak operand of dtype `weak` and a strong one of dtype `strong` share.
private func weakResult(_ weak: DType, meeting strong: DType) -> DType {
  func kind(_ dtype: DType) -> Int { dtype == .bool ? 0 : (dtype.isInteger ? 1 : 2) }
  if kind(strong) >= kind(weak) { return strong }
  return weak == .bool ? strong : (weak.isFloatingPoint ? .float32 : .int32)
}

/// Both operands converted to their common dtype.
func promoted(_ a: Tensor, _ b: Tensor) -> (Tensor, Tensor) {
  let dtype = commonDType(a, b)
  return (a.converted(to: dtype), b.converted(to: dtype))
}

/// The operand converted to float32 if it is an integer or bool, for functions defined on
/// real numbers only.
func realValued(_ x: Tensor) -> Tensor {
  x.dtype.isFloatingPoint ? x : x.converted(to: .float32)
}
