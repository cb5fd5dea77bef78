#version 450
// y[o, i, j] = x[o, indices[i], j]; T is an unsigned word of the element's size. p[0] count,
// p[1] I, p[2] J; x: p[4] offset, p[5..7] strides (o, axis, j); y: p[8] offset, p[9..11].
#include "common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };
layout(std430, binding = 3) readonly buffer I { int indices[]; };

void main() {
  int count = p[1], inner = p[2];
  int stride = element_stride();
  int end = p[0];
  for (int e = first_element(); e < end; e += stride) {
    int j = e % inner;
    int i = (e / inner) % count;
    int o = e / (inner * count);
    y[p[8] + o * p[9] + i * p[10] + j * p[11]] = x[p[4] + o * p[5] + indices[i] * p[6] + j * p[7]];
  }
}
