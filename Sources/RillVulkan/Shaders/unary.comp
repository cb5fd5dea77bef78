#version 450
// y = f(x) elementwise over strided operands (the strided layout of common.glsl; p[2] is the
// UnaryFunction's raw value). Compiled once per dtype T.
#include "common.glsl"
#include "math.glsl"
#if defined(IS_DOUBLE)
#include "math64.glsl"
#endif
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };

T apply(int f, T v) {
#if defined(KIND_BOOL)
  return T(v == T(0) ? 1 : 0);  // logical_not, the only bool function
#elif defined(KIND_FLOAT)
  switch (f) {
  case 0: return -v;
  case 1: return abs(v);
  case 2: return v > T(0) ? T(1) : (v < T(0) ? T(-1) : v);
  case 3: return v * v;
  case 4: return sqrt(v);
  case 5: return T(1) / sqrt(v);
  case 14: return floor(v);
  case 15: return ceil(v);
  case 16: return roundEven(v);
  case 17: return T(1) / v;
  case 18: return v < T(0) ? T(0) : v;
#if defined(IS_DOUBLE)
  case 6: return m64_exp(v);
  case 7: return m64_log(v);
  case 8: return m64_log1p(v);
  case 9: return m64_expm1(v);
  case 10: return m64_sincos(v).x;
  case 11: return m64_sincos(v).y;
  case 12: return m64_tanh(v);
  case 13: return m64_sigmoid(v);
  case 19: return m64_erf(v);
#else
  case 6: return exp(v);
  case 7: return log(v);
  case 8: return rill_log1p(v);
  case 9: return rill_expm1(v);
  case 10: return sin(v);
  case 11: return cos(v);
  case 12: return rill_tanh(v);
  case 13: return rill_sigmoid(v);
  case 19: return rill_erf(v);
#endif
  }
  return v;
#else
  switch (f) {
  case 0: return T(0) - v;
#if defined(KIND_UINT)
  case 1: return v;
  case 2: return v > T(0) ? T(1) : T(0);
  case 18: return v;
#else
  case 1: return v < T(0) ? T(0) - v : v;
  case 2: return v > T(0) ? T(1) : (v < T(0) ? T(-1) : T(0));
  case 18: return v < T(0) ? T(0) : v;
#endif
  case 3: return v * v;
  }
  return v;
#endif
}

void main() {
  int f = p[2];
  int count = element_count();
  int stride = element_stride();
  for (int i = first_element(); i < count; i += stride) {
    y[operand_offset(0, i)] = apply(f, x[operand_offset(1, i)]);
  }
}
