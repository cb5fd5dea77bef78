#version 450
// A fused chain of elementwise operations in one pass: operation k writes temporary k and the
// last one is the output. Strided layout for the output and up to 8 inputs; the program follows
// at p[96]: the operation count (at most 32), then 4 integers per operation: kind (0 unary,
// 1 binary), the function's raw value, and two operands (k ≥ 0 input k, k < 0 temporary −k−1).
#define GROUP_SIZE 64
#include "common.glsl"
#include "math.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X0 { T x0[]; };
layout(std430, binding = 3) readonly buffer X1 { T x1[]; };
layout(std430, binding = 4) readonly buffer X2 { T x2[]; };
layout(std430, binding = 5) readonly buffer X3 { T x3[]; };
layout(std430, binding = 6) readonly buffer X4 { T x4[]; };
layout(std430, binding = 7) readonly buffer X5 { T x5[]; };
layout(std430, binding = 8) readonly buffer X6 { T x6[]; };
layout(std430, binding = 9) readonly buffer X7 { T x7[]; };

const int MAX_OPERATIONS = 32;

T unary(int f, T v) {
  switch (f) {
  case 0: return -v;
  case 1: return abs(v);
  case 2: return v > T(0) ? T(1) : (v < T(0) ? T(-1) : v);
  case 3: return v * v;
  case 4: return sqrt(v);
  case 5: return T(1) / sqrt(v);
  case 6: return exp(v);
  case 7: return log(v);
  case 8: return rill_log1p(v);
  case 9: return rill_expm1(v);
  case 10: return sin(v);
  case 11: return cos(v);
  case 12: return rill_tanh(v);
  case 13: return rill_sigmoid(v);
  case 14: return floor(v);
  case 15: return ceil(v);
  case 16: return roundEven(v);
  case 17: return T(1) / v;
  case 18: return v < T(0) ? T(0) : v;
  case 19: return rill_erf(v);
  }
  return v;
}

T binary(int f, T u, T v) {
  switch (f) {
  case 0: return u + v;
  case 1: return u - v;
  case 2: return u * v;
  case 3: return u / v;
  case 4: return rill_pow(u, v);
  case 5: return isnan(u) || isnan(v) ? u + v : max(u, v);
  case 6: return isnan(u) || isnan(v) ? u + v : min(u, v);
  case 7: return u - floor(u / v) * v;
  }
  return u;
}

T input_value(int k, int i) {
  int offset = operand_offset(k + 1, i);
  switch (k) {
  case 0: return x0[offset];
  case 1: return x1[offset];
  case 2: return x2[offset];
  case 3: return x3[offset];
  case 4: return x4[offset];
  case 5: return x5[offset];
  case 6: return x6[offset];
  }
  return x7[offset];
}

void main() {
  int operations = p[96];
  int count = element_count();
  int stride = element_stride();
  for (int i = first_element(); i < count; i += stride) {
    T values[MAX_OPERATIONS];
    for (int k = 0; k < operations; k++) {
      int base = 97 + 4 * k;
      int a = p[base + 2], b = p[base + 3];
      T u = a >= 0 ? input_value(a, i) : values[-a - 1];
      if (p[base] == 0) {
        values[k] = unary(p[base + 1], u);
      } else {
        T v = b >= 0 ? input_value(b, i) : values[-b - 1];
        values[k] = binary(p[base + 1], u, v);
      }
    }
    y[operand_offset(0, i)] = values[operations - 1];
  }
}
