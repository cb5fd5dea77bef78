#version 450
// Average pooling and its gradient (pooling_common.glsl's layout), chosen by p[12]:
// 0 forward, y (output slot) = the mean of each window's cells inside x;
// 1 gradient, dx (second slot) = Σ g / count over the windows over each cell, in row-major
//   order of the windows. Binding 2 is x for the forward and g for the gradient.
#include "common.glsl"
#include "pooling_common.glsl"
layout(local_size_x = GROUP_SIZE) in;
layout(std430, binding = 1) writeonly buffer Out { T result[]; };
layout(std430, binding = 2) readonly buffer In { T source[]; };

void main() {
  int H = p[1], W = p[2], C = p[3], OH = p[4], OW = p[5];
  if (p[12] == 1) {
    int count = p[0] * H * W * C;
    int stride = element_stride();
  int end = count;
  for (int e = first_element(); e < end; e += stride) {
      int c = e % C, w = (e / C) % W, h = (e / (C * W)) % H, n = e / (C * W * H);
      T sum = T(0);
      int iEnd = end_window(h, p[8], p[10], OH), jEnd = end_window(w, p[9], p[11], OW);
      for (int i = first_window(h, p[8], p[10], p[6], OH); i < iEnd; i++) {
        for (int j = first_window(w, p[9], p[11], p[7], OW); j < jEnd; j++) {
          int cells = (row_end(i) - row_start(i)) * (column_end(j) - column_start(j));
          sum += source[y_at(n, i, j, c)] / T(cells);
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
    T sum = T(0);
    for (int h = row_start(i); h < row_end(i); h++) {
      for (int w = column_start(j); w < column_end(j); w++) sum += source[x_at(n, h, w, c)];
    }
    int cells = (row_end(i) - row_start(i)) * (column_end(j) - column_start(j));
    result[y_at(n, i, j, c)] = sum / T(cells);
  }
}
