#version 450
// y = x converted from S to T over strided views: floats to integers truncate toward zero and
// saturate (NaN gives 0), integers narrow by keeping their low bits, nonzero is true.
#include "common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { S x[]; };

T convert(S v) {
#if defined(TO_BOOL)
  return T(v != S(0) ? 1 : 0);
#elif defined(FROM_FLOAT) && defined(TO_INT)
  double d = double(v);
  if (isnan(d)) return T(0);
  if (d >= T_MAX) return T(T_MAX_INT);
  if (d <= T_MIN) return T(T_MIN_INT);
  return T(int64_t(d));
#elif defined(FROM_INT) && defined(TO_INT)
  return T(int64_t(v));
#else
  return T(v);
#endif
}

void main() {
  int count = element_count();
  int stride = element_stride();
  for (int i = first_element(); i < count; i += stride) {
    y[operand_offset(0, i)] = convert(x[operand_offset(1, i)]);
  }
}
