#version 450
// The gradient of conv2d with respect to x, one invocation per input cell: dx[n, h, w, c] =
// Σ g[n, i, j, o] · weights[p, q, c, o] over the outputs (i, j) whose tap (p, q) reads (h, w).
// dx uses x's slot of the layout, g the output slot.
#include "common.glsl"
#include "convolution_common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer DX { T dx[]; };
layout(std430, binding = 2) readonly buffer G { T g[]; };
layout(std430, binding = 3) readonly buffer F { T weights[]; };

void main() {
  int H = p[1], W = p[2], C = p[3], OH = p[4], OW = p[5], O = p[6];
  int count = p[0] * H * W * C;
  int stride = element_stride();
  int end = count;
  for (int e = first_element(); e < end; e += stride) {
    int c = e % C;
    int w = (e / C) % W;
    int h = (e / (C * W)) % H;
    int n = e / (C * W * H);
    T sum = T(0);
    for (int kp = 0; kp < p[7]; kp++) {
      int hi = h + p[13] - kp * p[11];
      if (hi < 0 || hi % p[9] != 0) continue;
      int i = hi / p[9];
      if (i >= OH) continue;
      for (int kq = 0; kq < p[8]; kq++) {
        int wj = w + p[14] - kq * p[12];
        if (wj < 0 || wj % p[10] != 0) continue;
        int j = wj / p[10];
        if (j >= OW) continue;
        for (int o = 0; o < O; o++) sum += g[y_at(n, i, j, o)] * weights[filter_at(kp, kq, c, o)];
      }
    }
    dx[x_at(n, h, w, c)] = sum;
  }
}
