#version 450
// conv2d, one invocation per output element: y[n, i, j, o] = Σ over taps and input channels of
// x · filter, zeros outside x (convolution_common.glsl's layout).
#include "common.glsl"
#include "convolution_common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Y { T y[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };
layout(std430, binding = 3) readonly buffer F { T weights[]; };

void main() {
  int H = p[1], W = p[2], C = p[3], OH = p[4], OW = p[5], O = p[6];
  int count = p[0] * OH * OW * O;
  int stride = element_stride();
  int end = count;
  for (int e = first_element(); e < end; e += stride) {
    int o = e % O;
    int j = (e / O) % OW;
    int i = (e / (O * OW)) % OH;
    int n = e / (O * OW * OH);
    T sum = T(0);
    for (int kp = 0; kp < p[7]; kp++) {
      int h = i * p[9] - p[13] + kp * p[11];
      if (h < 0 || h >= H) continue;
      for (int kq = 0; kq < p[8]; kq++) {
        int w = j * p[10] - p[14] + kq * p[12];
        if (w < 0 || w >= W) continue;
        for (int c = 0; c < C; c++) sum += x[x_at(n, h, w, c)] * weights[filter_at(kp, kq, c, o)];
      }
    }
    y[y_at(n, i, j, o)] = sum;
  }
}
