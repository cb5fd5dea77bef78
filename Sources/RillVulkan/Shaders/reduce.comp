#version 450
// Reduces x over some axes into y (reduce_common.glsl's layout). With WORKGROUP, one workgroup
// per output: invocation t combines reduced elements t, t + 256, … in order, then a fixed tree
// combines the 256 partials. Without it, one invocation per output combines them in order. Both
// orders depend only on the shape, so results are the same on every run and device.
#include "common.glsl"
#include "reduce_common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };

#if defined(WORKGROUP)
shared T partials[256];
#endif

T finish(int f, T value) {
#if defined(KIND_FLOAT)
  if (f == 4) return value / T(p[3]);
#endif
  return value;
}

void main() {
  int f = p[2];
  int count = p[3];
#if defined(WORKGROUP)
  int t = int(gl_LocalInvocationID.x);
  int outputs = p[0];
  int groups = int(gl_NumWorkGroups.x);
  for (int o = int(gl_WorkGroupID.x); o < outputs; o += groups) {
    int xo, yo;
    output_offsets(o, xo, yo);
    T acc = identity(f);
    for (int r = t; r < count; r += 256) acc = combine(f, acc, x[xo + reduced_offset(r)]);
    partials[t] = acc;
    barrier();
    for (int s = 128; s > 0; s >>= 1) {
      if (t < s) partials[t] = combine(f, partials[t], partials[t + s]);
      barrier();
    }
    if (t == 0) y[yo] = finish(f, partials[0]);
    barrier();
  }
#else
  int stride = element_stride();
  int end = p[0];
  for (int o = first_element(); o < end; o += stride) {
    int xo, yo;
    output_offsets(o, xo, yo);
    T acc = identity(f);
    for (int r = 0; r < count; r++) acc = combine(f, acc, x[xo + reduced_offset(r)]);
    y[yo] = finish(f, acc);
  }
#endif
}
