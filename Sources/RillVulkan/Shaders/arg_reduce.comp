#version 450
// The index of the first largest (p[2] = 0) or smallest (1) element along one axis, as int64;
// NaN wins over any number. Reduction layout with one reduced axis: p[3] its length, p[40] its
// stride in x.
#include "common.glsl"
#include "reduce_common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { int64_t y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };

bool is_nan(T v) { return v != v; }

bool prefers(bool largest, T candidate, T best) {
  if (is_nan(best)) return false;
  if (is_nan(candidate)) return true;
  return largest ? candidate > best : candidate < best;
}

void main() {
  bool largest = p[2] == 0;
  int length = p[3];
  int axisStride = p[40];
  int stride = element_stride();
  int end = p[0];
  for (int o = first_element(); o < end; o += stride) {
    int xo, yo;
    output_offsets(o, xo, yo);
    int best = 0;
    T bestValue = x[xo];
    for (int r = 1; r < length; r++) {
      T value = x[xo + r * axisStride];
      if (prefers(largest, value, bestValue)) {
        best = r;
        bestValue = value;
      }
    }
    y[yo] = int64_t(best);
  }
}
