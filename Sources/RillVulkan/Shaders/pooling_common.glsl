// The pooling layout: p[0..3] batch, height, width, channels of x; p[4..5] output height and
// width; p[6..7] window height and width; p[8..9] strides; p[10..11] top and left padding. The
// views: x at p[16] with strides p[17..20] (n, h, w, c); the output-shaped view at p[21] with
// p[22..25]; a second input-shaped view at p[26] with p[27..30].
int x_at(int n, int h, int w, int c) {
  return p[16] + n * p[17] + h * p[18] + w * p[19] + c * p[20];
}
int y_at(int n, int i, int j, int c) {
  return p[21] + n * p[22] + i * p[23] + j * p[24] + c * p[25];
}
int z_at(int n, int h, int w, int c) {
  return p[26] + n * p[27] + h * p[28] + w * p[29] + c * p[30];
}
// The first and one-past-last input rows of window i (clamped to the input).
int row_start(int i) { return max(i * p[8] - p[10], 0); }
int row_end(int i) { return min(i * p[8] - p[10] + p[6], p[1]); }
int column_start(int j) { return max(j * p[9] - p[11], 0); }
int column_end(int j) { return min(j * p[9] - p[11] + p[7], p[2]); }
// The windows that cover input row h: first and one past the last.
int first_window(int cell, int stride, int pad, int window, int outputs) {
  int start = cell + pad - window + 1;
  int first = start <= 0 ? 0 : (start + stride - 1) / stride;
  return min(first, outputs);
}
int end_window(int cell, int stride, int pad, int outputs) {
  return min((cell + pad) / stride + 1, outputs);
}
