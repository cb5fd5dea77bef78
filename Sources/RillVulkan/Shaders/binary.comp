#version 450
// y = f(a, b) elementwise over strided (broadcast) operands; p[2] is the BinaryFunction's raw
// value. Integer arithmetic wraps; integer division floors and gives 0 for a zero divisor.
#include "common.glsl"
#include "math.glsl"
#if defined(IS_DOUBLE)
#include "math64.glsl"
#endif
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer A { T a[]; };
layout(std430, binding = 3) readonly buffer B { T b[]; };

#if defined(KIND_FLOAT)
T apply(int f, T u, T v) {
  switch (f) {
  case 0: return u + v;
  case 1: return u - v;
  case 2: return u * v;
  case 3: return u / v;
#if defined(IS_DOUBLE)
  case 4: return m64_pow(u, v);
#else
  case 4: return rill_pow(u, v);
#endif
  case 5: return isnan(u) || isnan(v) ? u + v : max(u, v);
  case 6: return isnan(u) || isnan(v) ? u + v : min(u, v);
  case 7: return u - floor(u / v) * v;
  }
  return u;
}
#else
T apply(int f, T u, T v) {
  switch (f) {
  case 0: return u + v;
  case 1: return u - v;
  case 2: return u * v;
  case 3: {
    if (v == T(0)) return T(0);
#if !defined(KIND_UINT)
    if (v == T(-1)) return T(0) - u;
#endif
    T q = u / v;
#if !defined(KIND_UINT)
    if (q * v != u && ((u < T(0)) != (v < T(0)))) q -= T(1);
#endif
    return q;
  }
  case 4: {
    if (v < T(0)) {
      if (u == T(1)) return T(1);
#if !defined(KIND_UINT)
      if (u == T(-1)) return (v & T(1)) == T(0) ? T(1) : u;
#endif
      return T(0);
    }
    T result = T(1);
    for (T k = T(0); k < v; k++) result *= u;
    return result;
  }
  case 5: return max(u, v);
  case 6: return min(u, v);
  case 7: {
#if defined(KIND_UINT)
    if (v == T(0)) return T(0);
    return u % v;
#else
    if (v == T(0) || v == T(-1)) return T(0);
    T r = u - (u / v) * v;  // truncated remainder
    if (r != T(0) && ((r < T(0)) != (v < T(0)))) r += v;
    return r;
#endif
  }
  }
  return u;
}
#endif

void main() {
  int f = p[2];
  int count = element_count();
  int stride = element_stride();
  for (int i = first_element(); i < count; i += stride) {
    y[operand_offset(0, i)] = apply(f, a[operand_offset(1, i)], b[operand_offset(2, i)]);
  }
}
