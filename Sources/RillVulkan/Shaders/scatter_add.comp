#version 450
// y[o, r, j] = Σ x[o, i, j] over the i with indices[i] = r, in ascending i: each output element
// sums its own list (row r's positions lie at positions[starts[r] ..< starts[r + 1]], built on
// the host), so there are no atomics and the order is fixed. p[0] count, p[1] the axis size R,
// p[2] J; x: p[4] offset, p[5..7] strides; y: p[8] offset, p[9..11].
#include "common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };
layout(std430, binding = 3) readonly buffer S { int starts[]; };
layout(std430, binding = 4) readonly buffer P { int positions[]; };

void main() {
  int rows = p[1], inner = p[2];
  int stride = element_stride();
  int end = p[0];
  for (int e = first_element(); e < end; e += stride) {
    int j = e % inner;
    int r = (e / inner) % rows;
    int o = e / (inner * rows);
    T sum = T(0);
    for (int s = starts[r]; s < starts[r + 1]; s++) {
      sum += x[p[4] + o * p[5] + positions[s] * p[6] + j * p[7]];
    }
    y[p[8] + o * p[9] + r * p[10] + j * p[11]] = sum;
  }
}
