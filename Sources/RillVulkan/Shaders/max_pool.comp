#version 450
// Max pooling and its gradients (pooling_common.glsl's layout), chosen by p[12]:
// 0 forward, y (output slot) = the first largest cell of each window of x;
// 1 gradient, dx (second slot) accumulates each g (output slot) at its window's first largest
//   cell, one invocation per dx cell visiting the windows over it in row-major order;
// 2 gradient of the gradient, y (output slot) = h (second slot) at each window's first largest
//   cell.
#include "common.glsl"
#include "pooling_common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Out { T result[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };
layout(std430, binding = 3) readonly buffer In { T other[]; };

// The first largest cell (row-major) of window (i, j), as h * width + w.
int first_maximum(int n, int i, int j, int c) {
  int best = -1;
  T largest = T(0);
  for (int h = row_start(i); h < row_end(i); h++) {
    for (int w = column_start(j); w < column_end(j); w++) {
      T value = x[x_at(n, h, w, c)];
      if (best < 0 || value > largest) {
        best = h * p[2] + w;
        largest = value;
      }
    }
  }
  return max(best, 0);
}

void main() {
  int H = p[1], W = p[2], C = p[3], OH = p[4], OW = p[5];
  int mode = p[12];
  if (mode == 1) {
    int count = p[0] * H * W * C;
    int stride = element_stride();
  int end = count;
  for (int e = first_element(); e < end; e += stride) {
      int c = e % C, w = (e / C) % W, h = (e / (C * W)) % H, n = e / (C * W * H);
      T sum = T(0);
      int iEnd = end_window(h, p[8], p[10], OH), jEnd = end_window(w, p[9], p[11], OW);
      for (int i = first_window(h, p[8], p[10], p[6], OH); i < iEnd; i++) {
        for (int j = first_window(w, p[9], p[11], p[7], OW); j < jEnd; j++) {
          if (first_maximum(n, i, j, c) == h * W + w) sum += other[y_at(n, i, j, c)];
        }
      }
      result[z_at(n, h, w, c)] = sum;
    }
    return;
  }
  int count = p[0] * OH * OW * C;
  int stride = element_stride();
  int end = count;
  for (int e = first_element(); e < end; e += stride) {
    int c = e % C, j = (e / C) % OW, i = (e / (C * OW)) % OH, n = e / (C * OW * OH);
    int best = first_maximum(n, i, j, c);
    int h = best / W, w = best % W;
    result[y_at(n, i, j, c)] = mode == 0 ? x[x_at(n, h, w, c)] : other[z_at(n, h, w, c)];
  }
}
