// The convolution layout: p[0..3] batch, height, width, input channels of x; p[4..6] output
// height, width and channels; p[7..8] window height and width; p[9..10] strides; p[11..12]
// dilations; p[13..14] top and left padding. The views: x at p[16] with strides p[17..20]
// (n, h, w, c); the filter at p[21] with p[22..25] (p, q, c, o); the output-shaped view (y or
// g) at p[26] with p[27..30] (n, i, j, o).
int x_at(int n, int h, int w, int c) {
  return p[16] + n * p[17] + h * p[18] + w * p[19] + c * p[20];
}
int filter_at(int kp, int kq, int c, int o) {
  return p[21] + kp * p[22] + kq * p[23] + c * p[24] + o * p[25];
}
int y_at(int n, int i, int j, int o) {
  return p[26] + n * p[27] + i * p[28] + j * p[29] + o * p[30];
}
