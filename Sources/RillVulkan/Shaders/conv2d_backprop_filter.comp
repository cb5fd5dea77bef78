#version 450
// The gradient of conv2d with respect to the filter, one workgroup per filter element:
// dfilter[p, q, c, o] = Σ x · g over the batch and the output positions. Invocation t sums the
// positions t, t + 256, … in order, then a fixed tree adds the partials (no atomics). dfilter
// uses the filter's slot of the layout.
#include "common.glsl"
#include "convolution_common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer DF { T dfilter[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };
layout(std430, binding = 3) readonly buffer G { T g[]; };
shared T partials[256];

void main() {
  int H = p[1], W = p[2], C = p[3], OH = p[4], OW = p[5], O = p[6];
  int filters = p[7] * p[8] * C * O;
  int positions = p[0] * OH * OW;
  int t = int(gl_LocalInvocationID.x);
  int groups = int(gl_NumWorkGroups.x);
  for (int e = int(gl_WorkGroupID.x); e < filters; e += groups) {
    int o = e % O;
    int c = (e / O) % C;
    int kq = (e / (O * C)) % p[8];
    int kp = e / (O * C * p[8]);
    T sum = T(0);
    for (int s = t; s < positions; s += 256) {
      int j = s % OW;
      int i = (s / OW) % OH;
      int n = s / (OW * OH);
      int h = i * p[9] - p[13] + kp * p[11];
      int w = j * p[10] - p[14] + kq * p[12];
      if (h >= 0 && h < H && w >= 0 && w < W) sum += x[x_at(n, h, w, c)] * g[y_at(n, i, j, o)];
    }
    partials[t] = sum;
    barrier();
    for (int half_ = 128; half_ > 0; half_ >>= 1) {
      if (t < half_) partials[t] += partials[t + half_];
      barrier();
    }
    if (t == 0) dfilter[filter_at(kp, kq, c, o)] = partials[0];
    barrier();
  }
}
