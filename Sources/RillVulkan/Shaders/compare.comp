#version 450
// y = f(a, b) as a bool (one byte, 0 or 1) over strided operands; p[2] is the
// ComparisonFunction's raw value. Bool operands compare as 0 < 1.
#include "common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { uint8_t y[]; };
layout(std430, binding = 2) readonly buffer A { T a[]; };
layout(std430, binding = 3) readonly buffer B { T b[]; };

bool apply(int f, T u, T v) {
  switch (f) {
  case 0: return u == v;
  case 1: return u != v;
  case 2: return u < v;
  case 3: return u <= v;
  case 4: return u > v;
  case 5: return u >= v;
  case 6: return u != T(0) && v != T(0);
  case 7: return u != T(0) || v != T(0);
  }
  return false;
}

void main() {
  int f = p[2];
  int count = element_count();
  int stride = element_stride();
  for (int i = first_element(); i < count; i += stride) {
    y[operand_offset(0, i)] = uint8_t(apply(f, a[operand_offset(1, i)], b[operand_offset(2, i)]) ? 1 : 0);
  }
}
