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

// The implicit matrix products walk their k axis as a mixed-radix number (outer, middle, inner
// digit in x, y, z) so that a cursor moves without division.
// The digits of `value` in radix r (the outer digit unbounded).
ivec3 digits(int value, ivec3 r) {
  return ivec3(value / (r.y * r.z), (value / r.z) % r.y, value % r.z);
}
// v + d in radix r, for d's inner digits below their radices.
ivec3 add_digits(ivec3 v, ivec3 d, ivec3 r) {
  v.z += d.z;
  if (v.z >= r.z) {
    v.z -= r.z;
    v.y++;
  }
  v.y += d.y;
  if (v.y >= r.y) {
    v.y -= r.y;
    v.x++;
  }
  v.x += d.x;
  return v;
}
// The window's taps (kp, kq) and one channel axis of `channels`, as a radix.
ivec3 tap_radix(int channels) { return ivec3(p[7], p[8], channels); }
// The output positions (n, i, j), as a radix.
ivec3 output_radix() { return ivec3(p[0], p[4], p[5]); }
// The offset of the output-shaped view at position (n, i, j) = `digits`, channel o.
int y_position(ivec3 at, int o) { return y_at(at.x, at.y, at.z, o); }
// The offset of row `row` = (n, i, j) of the output-shaped view, channel o: one multiplication
// when the view's positions are evenly spaced (dense NHWC), else a decoding.
int y_row(int row, int o) {
  if (p[27] == p[4] * p[28] && p[28] == p[5] * p[29]) return p[26] + row * p[29] + o * p[30];
  return y_position(digits(row, output_radix()), o);
}
