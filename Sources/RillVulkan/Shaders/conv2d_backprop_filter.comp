#version 450
// The gradient of conv2d with respect to the filter as an implicit matrix product
// (gemm_tile.glsl): dfilter[(kp, kq, c), o] = Σ over k = (n, i, j), the output positions in
// order, of x[n, h, w, c] · g[n, i, j, o] for the cell (h, w) that tap (kp, kq) of (i, j)
// reads. dfilter uses the filter's slot of the layout. Workgroup (x, y) computes output
// channels 64x… of the rows 64y…, then 64 · (workgroups along y) rows further on, and so on.
#include "common.glsl"
#include "convolution_common.glsl"
#include "gemm_tile.glsl"
layout(std430, binding = 1) writeonly buffer DF { T dfilter[]; };
layout(std430, binding = 2) readonly buffer X { T x[]; };
layout(std430, binding = 3) readonly buffer G { T g[]; };

ivec3 radix, step_;
// A: the tap's offset from each window's corner and the input channel.
int aDown, aRight, aChannel;
ivec3 aAt, bAt;
int bChannel;

void a_seek(int row, int k) {
  ivec3 tap = digits(row, tap_radix(p[3]));
  aDown = tap.x * p[11] - p[13];
  aRight = tap.y * p[12] - p[14];
  aChannel = tap.z;
  aAt = digits(k, radix);
}
T a_load() {
  int h = aAt.y * p[9] + aDown, w = aAt.z * p[10] + aRight;
  bool inside = h >= 0 && h < p[1] && w >= 0 && w < p[2];
  return inside ? x[x_at(aAt.x, h, w, aChannel)] : T(0);
}
void a_advance() { aAt = add_digits(aAt, step_, radix); }
void b_seek(int k, int column) {
  bAt = digits(k, radix);
  bChannel = column;
}
T b_load() { return g[y_position(bAt, bChannel)]; }
void b_advance() { bAt = add_digits(bAt, step_, radix); }
void y_store(int row, int column, T value) {
  int at;
  if (p[22] == p[8] * p[23] && p[23] == p[3] * p[24]) {
    at = p[21] + row * p[24] + column * p[25];
  } else {
    ivec3 tap = digits(row, tap_radix(p[3]));
    at = filter_at(tap.x, tap.y, tap.z, column);
  }
  dfilter[at] = value;
}

void main() {
  radix = output_radix();
  step_ = digits(GEMM_STRIDE, radix);
  int m = p[7] * p[8] * p[3];
  for (int row0 = int(gl_WorkGroupID.y) * TILE; row0 < m; row0 += int(gl_NumWorkGroups.y) * TILE)
    gemm_tile(m, p[6], p[0] * p[4] * p[5], row0, int(gl_WorkGroupID.x) * TILE);
}
