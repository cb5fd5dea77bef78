#version 450
// Running sums along one axis, one invocation per line. Reduction layout: p[3] the axis length,
// p[40] its stride in x, p[41] its stride in y, p[2] bit 0 exclusive, bit 1 reverse.
#include "common.glsl"
#include "reduce_common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };

void main() {
  bool exclusive = (p[2] & 1) != 0;
  bool reverse = (p[2] & 2) != 0;
  int length = p[3];
  int stride = element_stride();
  int end = p[0];
  for (int o = first_element(); o < end; o += stride) {
    int xo, yo;
    output_offsets(o, xo, yo);
    T running = T(0);
    for (int step = 0; step < length; step++) {
      int r = reverse ? length - 1 - step : step;
      T value = x[xo + r * p[40]];
      if (exclusive) {
        y[yo + r * p[41]] = running;
        running += value;
      } else {
        running += value;
        y[yo + r * p[41]] = running;
      }
    }
  }
}
